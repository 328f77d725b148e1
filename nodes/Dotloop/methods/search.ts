import { NodeOperationError } from 'n8n-workflow';
import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';

import { isDotloopId, isDotloopUuid } from '../rules/ids';

import {
	batchListGoesOn,
	batchPages,
	cursorPages,
	dotloopRequest,
	MAX_BATCH_SIZE,
	type DotloopResponse,
	type ListBody,
	type ListPage,
} from '../transport';

/**
 * What the pickers share: one generic picker (`picker`) built on reading the parent a picker depends
 * on, one list request, matching a search text, and the bounded scan through batches or cursor pages
 * that a search text triggers.
 */

/** A search reads at most this many batches of 100 (or cursor pages): 500 loops or contacts. */
export const SEARCH_MAX_PAGES = 5;

export async function list(
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

/** The record with this ID, or undefined when Dotloop does not know it (404). */
export async function recordById(
	this: ILoadOptionsFunctions,
	path: string,
): Promise<IDataObject | undefined> {
	let failure: unknown;
	try {
		const { body } = (await dotloopRequest.call(this, { method: 'GET', path })) as DotloopResponse<{
			data?: IDataObject;
		}>;
		return body?.data;
	} catch (error) {
		failure = error;
	}
	// Anything but a 404 is the transport's NodeApiError, passed on as it is.
	if (String((failure as { httpCode?: unknown }).httpCode) === '404') return undefined;
	throw failure;
}

/** The raw value of a parent parameter: a locator's ID in any mode, or a plain value. */
function parentValue(this: ILoadOptionsFunctions, name: string): string {
	let value: unknown;
	try {
		value = this.getCurrentNodeParameter(name, { extractValue: true });
	} catch {
		// A By URL value that is not (yet) a link: treat the parent as not chosen.
		value = undefined;
	}
	return String(value ?? '').trim();
}

/** The numeric ID the parent parameter holds; throws "Choose a … first" until the user chose one. */
export function requireParent(this: ILoadOptionsFunctions, name: string, label: string): string {
	const id = parentValue.call(this, name);
	if (!isDotloopId(id)) {
		throw new NodeOperationError(this.getNode(), `Choose a ${label} first`);
	}
	return id;
}

export function requireParentUuid(
	this: ILoadOptionsFunctions,
	name: string,
	label: string,
): string {
	const id = parentValue.call(this, name);
	if (!isDotloopUuid(id)) {
		throw new NodeOperationError(this.getNode(), `Choose a ${label} first`);
	}
	return id;
}

/** The name the user saw when picking the parent from its list (n8n keeps it as cachedResultName). */
export function parentName(this: ILoadOptionsFunctions, name: string): string | undefined {
	const raw = this.getCurrentNodeParameter(name) as { cachedResultName?: unknown } | undefined;
	const cached = raw && typeof raw === 'object' ? raw.cachedResultName : undefined;
	return typeof cached === 'string' && cached.trim() ? cached : undefined;
}

export function searchText(filter: string | undefined): string {
	return (filter ?? '').trim();
}

/** A whole number typed in the search: the picker also looks that record up by ID. */
export function typedId(filter: string | undefined): string | undefined {
	const text = searchText(filter);
	return isDotloopId(text) ? text : undefined;
}

export function matches(filter: string | undefined, ...texts: unknown[]): boolean {
	const needle = searchText(filter).toLowerCase();
	if (!needle) return true;
	return texts.some((text) =>
		String(text ?? '')
			.toLowerCase()
			.includes(needle),
	);
}

/** The last entry of a search that stopped at the cap: says how far it looked and what to do. */
export function capNotice(searched: string, hint: string): INodeListSearchItems {
	return { name: `Searched only ${searched}: ${hint}`, value: '' };
}

interface ScanResult {
	records: IDataObject[];
	/** True when the scan stopped at SEARCH_MAX_PAGES with more records left. */
	capped: boolean;
}

/** Whether a batch_size/batch_number list has a batch after this one (one page of a picker). */
export function hasNextBatch(body: ListBody, batchNumber: number): boolean {
	const count = Array.isArray(body.data) ? body.data.length : 0;
	// A picker page is read alone: the batches before it are taken to have been full.
	return batchListGoesOn(count, body.meta?.total, {
		read: (batchNumber - 1) * MAX_BATCH_SIZE + count,
		batchSize: MAX_BATCH_SIZE,
		largestBefore: batchNumber > 1 ? MAX_BATCH_SIZE : count,
	});
}

/** Keeps the matching records of the pages read, up to SEARCH_MAX_PAGES; says whether it stopped there. */
async function scan(
	pages: AsyncGenerator<ListPage>,
	keep: (record: IDataObject) => boolean,
): Promise<ScanResult> {
	const records: IDataObject[] = [];
	let capped = false;
	for await (const page of pages) {
		records.push(...page.records.filter(keep));
		capped = page.number >= SEARCH_MAX_PAGES && page.more;
	}
	return { records, capped };
}

/** How a picker lists a record type. */
export interface Picker {
	/** The list to read, from the parents chosen on the form (read with requireParent). */
	path(this: ILoadOptionsFunctions): string;
	/** The entry of one record. */
	item(this: ILoadOptionsFunctions, record: IDataObject): INodeListSearchItems;
	/** What a search text is looked for in (case-insensitive, anywhere). */
	texts(record: IDataObject): unknown[];
	/**
	 * For a list that Dotloop pages: read a page as the user scrolls; a search text scans up to
	 * SEARCH_MAX_PAGES pages (`qs` on every request) and ends with `capped` when it stopped there.
	 * With `byId`, a whole number typed is also looked up as an ID (first in the list).
	 */
	paged?: {
		by: 'batch' | 'cursor';
		qs?: IDataObject;
		byId?: boolean;
		capped: INodeListSearchItems;
	};
}

/** A "From List" method (listSearch) for the record type the picker describes. */
export function picker(p: Picker) {
	return async function (
		this: ILoadOptionsFunctions,
		filter?: string,
		paginationToken?: string,
	): Promise<INodeListSearchResult> {
		const path = p.path.call(this);
		const item = (record: IDataObject) => p.item.call(this, record);
		const keep = (record: IDataObject) => matches(filter, ...p.texts(record));
		const { paged } = p;
		if (!paged) {
			const { data = [] } = await list.call(this, path);
			return { results: data.filter(keep).map(item) };
		}
		if (!searchText(filter)) return await onePage.call(this, path, paged, item, paginationToken);
		const id = paged.byId ? typedId(filter) : undefined;
		const found = id ? await recordById.call(this, `${path}/${id}`) : undefined;
		const pages = paged.by === 'batch' ? batchPages : cursorPages;
		const scanned = await scan(
			pages.call(this, path, paged.qs ?? {}, { maxPages: SEARCH_MAX_PAGES }),
			keep,
		);
		const results = found ? [item(found)] : [];
		for (const record of scanned.records) {
			if (String(record.id) !== results[0]?.value) results.push(item(record));
		}
		if (scanned.capped) results.push(paged.capped);
		return { results };
	};
}

/** One page of a paged list, as the picker shows it before any search text. */
async function onePage(
	this: ILoadOptionsFunctions,
	path: string,
	paged: NonNullable<Picker['paged']>,
	item: (record: IDataObject) => INodeListSearchItems,
	paginationToken: string | undefined,
): Promise<INodeListSearchResult> {
	if (paged.by === 'cursor') {
		const { data = [], meta } = await list.call(
			this,
			path,
			paginationToken ? { ...paged.qs, next_cursor: paginationToken } : paged.qs,
		);
		return { results: data.map(item), paginationToken: meta?.nextCursor || undefined };
	}
	const batchNumber = Number(paginationToken ?? 1);
	const body = await list.call(this, path, {
		...paged.qs,
		batch_size: MAX_BATCH_SIZE,
		batch_number: batchNumber,
	});
	return {
		results: (body.data ?? []).map(item),
		paginationToken: hasNextBatch(body, batchNumber) ? String(batchNumber + 1) : undefined,
	};
}
