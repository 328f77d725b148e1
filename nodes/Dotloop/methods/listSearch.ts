import type { IDataObject, ILoadOptionsFunctions, INodeListSearchItems } from 'n8n-workflow';

import { documentFileName } from '../rules/documents';
import { loopPath } from '../rules/loops';
import { MAX_BATCH_SIZE } from '../transport';
import {
	capNotice,
	parentName,
	picker,
	requireParent,
	requireParentUuid,
	SEARCH_MAX_PAGES,
} from './search';

/**
 * The pickers ("From List") of every locator. Each reads its parent (Profile, Loop, Folder, Task
 * List, Subscription) from the form as it is now, so a changed parent lists the new parent's records.
 * Lists that Dotloop pages (loops, contacts, subscriptions, events) are read a page at a time as the
 * user scrolls; a search text scans up to SEARCH_MAX_PAGES pages and says so when it stopped there.
 */

const SEARCH_LIMIT = SEARCH_MAX_PAGES * MAX_BATCH_SIZE;

/** The path of the profile chosen above. */
function profilePath(this: ILoadOptionsFunctions): string {
	return `/profile/${requireParent.call(this, 'profileId', 'profile')}`;
}

/** The path of the loop chosen above: every loop sub-resource picker lists under it. */
function chosenLoopPath(this: ILoadOptionsFunctions): string {
	return loopPath(
		requireParent.call(this, 'profileId', 'profile'),
		requireParent.call(this, 'loopId', 'loop'),
	);
}

const named = (record: IDataObject): INodeListSearchItems => ({
	name: String(record.name),
	value: String(record.id),
});

export const searchProfiles = picker({
	path: () => '/profile',
	texts: (profile) => [profile.name, profile.id, profile.type],
	item(profile) {
		const notes = [
			String(profile.type),
			profile.type === 'INDIVIDUAL' ? 'holds loops' : 'no loops',
		];
		// Section 4.1: requiresTemplate says whether creating a loop needs a template ID.
		if (profile.requiresTemplate === true) notes.push('new loops need a template');
		return { name: `${String(profile.name)} (${notes.join(', ')})`, value: String(profile.id) };
	},
});

export const searchLoops = picker({
	path() {
		return `${profilePath.call(this)}/loop`;
	},
	texts: (loop) => [loop.name, loop.id],
	item: (loop) => ({
		...named(loop),
		url: typeof loop.loopUrl === 'string' ? loop.loopUrl : undefined,
	}),
	paged: {
		by: 'batch',
		qs: { sort: 'updated:desc' },
		byId: true,
		capped: capNotice(
			`the ${SEARCH_LIMIT} most recently updated loops`,
			'type the loop ID, or use By URL, to reach an older loop',
		),
	},
});

export const searchContacts = picker({
	path: () => '/contact',
	texts: (contact) => [
		`${String(contact.firstName ?? '')} ${String(contact.lastName ?? '')}`,
		contact.email,
		contact.id,
	],
	item(contact) {
		const fullName = [contact.firstName, contact.lastName]
			.filter((part) => typeof part === 'string' && part.trim())
			.join(' ');
		const email = typeof contact.email === 'string' && contact.email ? contact.email : undefined;
		const name = fullName
			? `${fullName}${email ? ` (${email})` : ''}`
			: (email ?? `Contact ${String(contact.id)}`);
		return { name, value: String(contact.id) };
	},
	paged: {
		by: 'batch',
		byId: true,
		capped: capNotice(
			`the first ${SEARCH_LIMIT} contacts`,
			'type the contact ID to reach any other',
		),
	},
});

export const searchFolders = picker({
	path() {
		return `${chosenLoopPath.call(this)}/folder`;
	},
	texts: (folder) => [folder.name, folder.id],
	item: named,
});

export const searchDocuments = picker({
	path() {
		const loop = chosenLoopPath.call(this);
		return `${loop}/folder/${requireParent.call(this, 'folderId', 'folder')}/document`;
	},
	texts: (document) => [fileNameOf(document), document.id],
	item(document) {
		const folder =
			parentName.call(this, 'folderId') ??
			`folder ${requireParent.call(this, 'folderId', 'folder')}`;
		return { name: `${fileNameOf(document)} (in ${folder})`, value: String(document.id) };
	},
});

function fileNameOf(document: IDataObject): string {
	return documentFileName(document) ?? `document ${document.id}`;
}

export const searchParticipants = picker({
	path() {
		return `${chosenLoopPath.call(this)}/participant`;
	},
	texts: (participant) => [
		participant.fullName,
		participant.email,
		participant.role,
		participant.id,
	],
	item: (participant) => ({
		name: `${String(participant.fullName ?? participant.email ?? `Participant ${String(participant.id)}`)} (${String(participant.role ?? 'no role')})`,
		value: String(participant.id),
	}),
});

export const searchLoopTemplates = picker({
	path() {
		return `${profilePath.call(this)}/loop-template`;
	},
	texts: (template) => [template.name, template.id, template.transactionType],
	item: (template) => ({
		name: `${String(template.name)} (${String(template.transactionType ?? 'any type')})`,
		value: String(template.id),
	}),
});

export const searchTaskLists = picker({
	path() {
		// "List all Loop Task Lists" documents this path with its trailing slash.
		return `${chosenLoopPath.call(this)}/tasklist/`;
	},
	texts: (taskList) => [taskList.name, taskList.id],
	item: named,
});

export const searchTasks = picker({
	path() {
		const loop = chosenLoopPath.call(this);
		return `${loop}/tasklist/${requireParent.call(this, 'taskListId', 'task list')}/task`;
	},
	texts: (task) => [task.name, task.id],
	item: (task) => ({
		name: `${String(task.name)}${task.completed === true ? ' (done)' : ''}`,
		value: String(task.id),
	}),
});

export const searchSubscriptions = picker({
	path: () => '/subscription',
	texts: (subscription) => [
		subscription.url,
		subscription.externalId,
		subscription.id,
		subscription.targetId,
	],
	item: (subscription) => ({
		name: `${String(subscription.targetType)} ${String(subscription.targetId)} → ${String(subscription.url)}${subscription.enabled === false ? ' (disabled)' : ''}`,
		value: String(subscription.id),
	}),
	paged: {
		by: 'cursor',
		capped: capNotice(
			`the first ${SEARCH_MAX_PAGES} pages of subscriptions`,
			'use By ID to reach any other',
		),
	},
});

export const searchWebhookEvents = picker({
	path() {
		const subscriptionId = requireParentUuid.call(this, 'subscriptionId', 'webhook subscription');
		return `/subscription/${subscriptionId}/event`;
	},
	texts: (event) => [
		event.eventType,
		event.id,
		event.deliveryStatus,
		(event.eventData as IDataObject)?.id,
	],
	item: (event) => ({
		name: `${String(event.eventType)} ${String(event.createdOn)} (${String(event.deliveryStatus ?? 'unknown status')})`,
		value: String(event.id),
	}),
	paged: {
		by: 'cursor',
		capped: capNotice(
			`the newest ${SEARCH_MAX_PAGES} pages of events`,
			'use By ID to reach an older event',
		),
	},
});
