import { NodeOperationError } from 'n8n-workflow';
import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';

import { dotloopRequest, type DotloopResponse } from '../transport';

/** Loops are listed in pages of this size while the user scrolls the picker. */
const LOOP_PAGE_SIZE = 50;

interface ListBody {
	data?: IDataObject[];
	meta?: { total?: number; nextCursor?: string };
}

async function list(
	this: ILoadOptionsFunctions,
	path: string,
	qs?: IDataObject,
): Promise<ListBody> {
	const { body } = (await dotloopRequest.call(this, {
		method: 'GET',
		path,
		qs,
	})) as DotloopResponse<ListBody>;
	return body ?? {};
}

/** The ID a locator currently holds, whatever its mode; undefined until the user chose one. */
function currentId(this: ILoadOptionsFunctions, name: string): string | undefined {
	const value = this.getCurrentNodeParameter(name, { extractValue: true });
	const text = String(value ?? '').trim();
	return /^[1-9][0-9]*$/.test(text) ? text : undefined;
}

function matches(filter: string | undefined, ...texts: unknown[]): boolean {
	if (!filter) return true;
	const needle = filter.toLowerCase();
	return texts.some((text) =>
		String(text ?? '')
			.toLowerCase()
			.includes(needle),
	);
}

function requireParent(this: ILoadOptionsFunctions, name: string, label: string): string {
	const id = currentId.call(this, name);
	if (!id) throw new NodeOperationError(this.getNode(), `Choose a ${label} first`);
	return id;
}

export async function searchProfiles(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const { data = [] } = await list.call(this, '/profile');
	const results: INodeListSearchItems[] = data
		.filter((profile) => matches(filter, profile.name, profile.id, profile.type))
		.map((profile) => ({
			name: `${String(profile.name)} (${String(profile.type)}${profile.type === 'INDIVIDUAL' ? ', holds loops' : ', no loops'})`,
			value: String(profile.id),
		}));
	return { results };
}

export async function searchLoops(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const profileId = requireParent.call(this, 'profileId', 'profile');
	const batchNumber = Number(paginationToken ?? 1);
	const { data = [], meta } = await list.call(this, `/profile/${profileId}/loop`, {
		batch_size: LOOP_PAGE_SIZE,
		batch_number: batchNumber,
		sort: 'updated:desc',
	});
	const results = data
		.filter((loop) => matches(filter, loop.name, loop.id))
		.map((loop) => ({
			name: String(loop.name),
			value: String(loop.id),
			url: typeof loop.loopUrl === 'string' ? loop.loopUrl : undefined,
		}));
	const total = Number(meta?.total);
	const more =
		data.length === LOOP_PAGE_SIZE && !(total >= 0 && batchNumber * LOOP_PAGE_SIZE >= total);
	return { results, paginationToken: more ? String(batchNumber + 1) : undefined };
}

export async function searchFolders(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const profileId = requireParent.call(this, 'profileId', 'profile');
	const loopId = requireParent.call(this, 'loopId', 'loop');
	const { data = [] } = await list.call(this, `/profile/${profileId}/loop/${loopId}/folder`);
	return {
		results: data
			.filter((folder) => matches(filter, folder.name, folder.id))
			.map((folder) => ({ name: String(folder.name), value: String(folder.id) })),
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
	const profileId = requireParent.call(this, 'profileId', 'profile');
	const loopId = requireParent.call(this, 'loopId', 'loop');
	const { data = [] } = await list.call(this, `/profile/${profileId}/loop/${loopId}/tasklist`);
	return {
		results: data
			.filter((taskList) => matches(filter, taskList.name, taskList.id))
			.map((taskList) => ({ name: String(taskList.name), value: String(taskList.id) })),
	};
}

export async function searchSubscriptions(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const { data = [], meta } = await list.call(
		this,
		'/subscription',
		paginationToken ? { next_cursor: paginationToken } : undefined,
	);
	return {
		results: data
			.filter((subscription) =>
				matches(filter, subscription.url, subscription.externalId, subscription.id),
			)
			.map((subscription) => ({
				name: `${String(subscription.targetType)} ${String(subscription.targetId)} → ${String(subscription.url)}${subscription.enabled === false ? ' (disabled)' : ''}`,
				value: String(subscription.id),
			})),
		paginationToken: meta?.nextCursor || undefined,
	};
}
