import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';

import { documentFileName } from '../rules/documents';
import { MAX_BATCH_SIZE } from '../transport';
import {
	capNotice,
	hasNextBatch,
	list,
	matches,
	parentName,
	recordById,
	requireParent,
	requireParentUuid,
	scanBatches,
	scanCursor,
	SEARCH_MAX_PAGES,
	searchText,
	typedId,
	type ScanResult,
} from './search';

/**
 * The pickers ("From List") of every locator. Each reads its parent (Profile, Loop, Folder, Task
 * List, Subscription) from the form as it is now, so a changed parent lists the new parent's records.
 * Lists that Dotloop pages (loops, contacts, subscriptions, events) are read a page at a time as the
 * user scrolls; a search text scans up to SEARCH_MAX_PAGES pages and says so when it stopped there.
 */

const SEARCH_LIMIT = SEARCH_MAX_PAGES * MAX_BATCH_SIZE;

function withFound(
	found: IDataObject | undefined,
	scan: ScanResult,
	toItem: (record: IDataObject) => INodeListSearchItems,
	notice: INodeListSearchItems,
): INodeListSearchResult {
	const results = found ? [toItem(found)] : [];
	for (const record of scan.records) {
		if (String(record.id) !== results[0]?.value) results.push(toItem(record));
	}
	if (scan.capped) results.push(notice);
	return { results };
}

export async function searchProfiles(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const { data = [] } = await list.call(this, '/profile');
	const results: INodeListSearchItems[] = data
		.filter((profile) => matches(filter, profile.name, profile.id, profile.type))
		.map((profile) => {
			const notes = [
				String(profile.type),
				profile.type === 'INDIVIDUAL' ? 'holds loops' : 'no loops',
			];
			// Section 4.1: requiresTemplate says whether creating a loop needs a template ID.
			if (profile.requiresTemplate === true) notes.push('new loops need a template');
			return { name: `${String(profile.name)} (${notes.join(', ')})`, value: String(profile.id) };
		});
	return { results };
}

function loopItem(loop: IDataObject): INodeListSearchItems {
	return {
		name: String(loop.name),
		value: String(loop.id),
		url: typeof loop.loopUrl === 'string' ? loop.loopUrl : undefined,
	};
}

export async function searchLoops(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const profileId = requireParent.call(this, 'profileId', 'profile');
	const path = `/profile/${profileId}/loop`;
	const newestFirst = { sort: 'updated:desc' };
	if (!searchText(filter)) {
		const batchNumber = Number(paginationToken ?? 1);
		const body = await list.call(this, path, {
			...newestFirst,
			batch_size: MAX_BATCH_SIZE,
			batch_number: batchNumber,
		});
		return {
			results: (body.data ?? []).map(loopItem),
			paginationToken: hasNextBatch(body, batchNumber) ? String(batchNumber + 1) : undefined,
		};
	}
	const id = typedId(filter);
	const found = id ? await recordById.call(this, `${path}/${id}`) : undefined;
	const scan = await scanBatches.call(this, path, newestFirst, (loop) =>
		matches(filter, loop.name, loop.id),
	);
	return withFound(
		found,
		scan,
		loopItem,
		capNotice(
			`the ${SEARCH_LIMIT} most recently updated loops`,
			'type the loop ID, or use By URL, to reach an older loop',
		),
	);
}

function contactItem(contact: IDataObject): INodeListSearchItems {
	const fullName = [contact.firstName, contact.lastName]
		.filter((part) => typeof part === 'string' && part.trim())
		.join(' ');
	const email = typeof contact.email === 'string' && contact.email ? contact.email : undefined;
	const name = fullName
		? `${fullName}${email ? ` (${email})` : ''}`
		: (email ?? `Contact ${String(contact.id)}`);
	return { name, value: String(contact.id) };
}

export async function searchContacts(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	if (!searchText(filter)) {
		const batchNumber = Number(paginationToken ?? 1);
		const body = await list.call(this, '/contact', {
			batch_size: MAX_BATCH_SIZE,
			batch_number: batchNumber,
		});
		return {
			results: (body.data ?? []).map(contactItem),
			paginationToken: hasNextBatch(body, batchNumber) ? String(batchNumber + 1) : undefined,
		};
	}
	const id = typedId(filter);
	const found = id ? await recordById.call(this, `/contact/${id}`) : undefined;
	const scan = await scanBatches.call(this, '/contact', {}, (contact) =>
		matches(
			filter,
			`${String(contact.firstName ?? '')} ${String(contact.lastName ?? '')}`,
			contact.email,
			contact.id,
		),
	);
	return withFound(
		found,
		scan,
		contactItem,
		capNotice(`the first ${SEARCH_LIMIT} contacts`, 'type the contact ID to reach any other'),
	);
}

/** The loop path every loop sub-resource picker lists under. */
function loopPath(this: ILoadOptionsFunctions): string {
	const profileId = requireParent.call(this, 'profileId', 'profile');
	const loopId = requireParent.call(this, 'loopId', 'loop');
	return `/profile/${profileId}/loop/${loopId}`;
}

export async function searchFolders(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const { data = [] } = await list.call(this, `${loopPath.call(this)}/folder`);
	return {
		results: data
			.filter((folder) => matches(filter, folder.name, folder.id))
			.map((folder) => ({ name: String(folder.name), value: String(folder.id) })),
	};
}

export async function searchDocuments(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const path = loopPath.call(this);
	const folderId = requireParent.call(this, 'folderId', 'folder');
	const folder = parentName.call(this, 'folderId') ?? `folder ${folderId}`;
	const { data = [] } = await list.call(this, `${path}/folder/${folderId}/document`);
	return {
		results: data
			.map((document) => ({
				document,
				fileName: documentFileName(document) ?? `document ${document.id}`,
			}))
			.filter(({ document, fileName }) => matches(filter, fileName, document.id))
			.map(({ document, fileName }) => ({
				name: `${fileName} (in ${folder})`,
				value: String(document.id),
			})),
	};
}

export async function searchParticipants(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const { data = [] } = await list.call(this, `${loopPath.call(this)}/participant`);
	return {
		results: data
			.filter((participant) =>
				matches(filter, participant.fullName, participant.email, participant.role, participant.id),
			)
			.map((participant) => ({
				name: `${String(participant.fullName ?? participant.email ?? `Participant ${String(participant.id)}`)} (${String(participant.role ?? 'no role')})`,
				value: String(participant.id),
			})),
	};
}

export async function searchLoopTemplates(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const profileId = requireParent.call(this, 'profileId', 'profile');
	const { data = [] } = await list.call(this, `/profile/${profileId}/loop-template`);
	return {
		results: data
			.filter((template) => matches(filter, template.name, template.id, template.transactionType))
			.map((template) => ({
				name: `${String(template.name)} (${String(template.transactionType ?? 'any type')})`,
				value: String(template.id),
			})),
	};
}

export async function searchTaskLists(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	// "List all Loop Task Lists" documents this path with its trailing slash.
	const { data = [] } = await list.call(this, `${loopPath.call(this)}/tasklist/`);
	return {
		results: data
			.filter((taskList) => matches(filter, taskList.name, taskList.id))
			.map((taskList) => ({ name: String(taskList.name), value: String(taskList.id) })),
	};
}

export async function searchTasks(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const path = loopPath.call(this);
	const taskListId = requireParent.call(this, 'taskListId', 'task list');
	const { data = [] } = await list.call(this, `${path}/tasklist/${taskListId}/task`);
	return {
		results: data
			.filter((task) => matches(filter, task.name, task.id))
			.map((task) => ({
				name: `${String(task.name)}${task.completed === true ? ' (done)' : ''}`,
				value: String(task.id),
			})),
	};
}

function subscriptionItem(subscription: IDataObject): INodeListSearchItems {
	return {
		name: `${String(subscription.targetType)} ${String(subscription.targetId)} → ${String(subscription.url)}${subscription.enabled === false ? ' (disabled)' : ''}`,
		value: String(subscription.id),
	};
}

export async function searchSubscriptions(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	if (!searchText(filter)) {
		const { data = [], meta } = await list.call(
			this,
			'/subscription',
			paginationToken ? { next_cursor: paginationToken } : undefined,
		);
		return { results: data.map(subscriptionItem), paginationToken: meta?.nextCursor || undefined };
	}
	const scan = await scanCursor.call(this, '/subscription', {}, (subscription) =>
		matches(
			filter,
			subscription.url,
			subscription.externalId,
			subscription.id,
			subscription.targetId,
		),
	);
	return withFound(
		undefined,
		scan,
		subscriptionItem,
		capNotice(
			`the first ${SEARCH_MAX_PAGES} pages of subscriptions`,
			'use By ID to reach any other',
		),
	);
}

function eventItem(event: IDataObject): INodeListSearchItems {
	return {
		name: `${String(event.eventType)} ${String(event.createdOn)} (${String(event.deliveryStatus ?? 'unknown status')})`,
		value: String(event.id),
	};
}

export async function searchWebhookEvents(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const subscriptionId = requireParentUuid.call(this, 'subscriptionId', 'webhook subscription');
	const path = `/subscription/${subscriptionId}/event`;
	if (!searchText(filter)) {
		const { data = [], meta } = await list.call(
			this,
			path,
			paginationToken ? { next_cursor: paginationToken } : undefined,
		);
		return { results: data.map(eventItem), paginationToken: meta?.nextCursor || undefined };
	}
	const scan = await scanCursor.call(this, path, {}, (event) =>
		matches(
			filter,
			event.eventType,
			event.id,
			event.deliveryStatus,
			(event.eventData as IDataObject)?.id,
		),
	);
	return withFound(
		undefined,
		scan,
		eventItem,
		capNotice(
			`the newest ${SEARCH_MAX_PAGES} pages of events`,
			'use By ID to reach an older event',
		),
	);
}
