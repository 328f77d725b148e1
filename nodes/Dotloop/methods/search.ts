import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, ILoadOptionsFunctions, INodeListSearchItems } from 'n8n-workflow';

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
 * What the pickers share: reading the parent a picker depends on, one list request, matching a search
 * text, and the bounded scan through batches or cursor pages that a search text triggers.
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
	if (!/^[1-9][0-9]*$/.test(id)) {
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
	if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) {
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
	return /^[1-9][0-9]*$/.test(text) ? text : undefined;
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

export interface ScanResult {
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
async function scan(pages: AsyncGenerator<ListPage>, keep: (record: IDataObject) => boolean) {
	const records: IDataObject[] = [];
	let capped = false;
	for await (const page of pages) {
		records.push(...page.records.filter(keep));
		capped = page.number >= SEARCH_MAX_PAGES && page.more;
	}
	return { records, capped };
}

/** Reads batches of 100 from the first one, keeping the records that match, up to the cap. */
export async function scanBatches(
	this: ILoadOptionsFunctions,
	path: string,
	qs: IDataObject,
	keep: (record: IDataObject) => boolean,
): Promise<ScanResult> {
	return await scan(batchPages.call(this, path, qs, { maxPages: SEARCH_MAX_PAGES }), keep);
}

/** Follows next_cursor from the first page, keeping the records that match, up to the cap. */
export async function scanCursor(
	this: ILoadOptionsFunctions,
	path: string,
	qs: IDataObject,
	keep: (record: IDataObject) => boolean,
): Promise<ScanResult> {
	return await scan(cursorPages.call(this, path, qs, { maxPages: SEARCH_MAX_PAGES }), keep);
}
