import type { IDataObject } from 'n8n-workflow';

import type { DotloopContext } from './context';
import type { LoopMerge } from './redirect';
import { annotateMerge, dotloopRequest, type DotloopResponse } from './request';

export const MAX_BATCH_SIZE = 100;
/** A backstop far above any real account (10,000 pages of 100). */
const MAX_PAGES = 10_000;

interface PageOptions {
	/** Stop after this many records; undefined means every record (Return All). */
	limit?: number;
	/**
	 * Keep only the records it accepts (a search over a list Dotloop cannot filter); the limit then
	 * counts kept records, and batches are full size since the number to read is unknown.
	 */
	keep?: (record: IDataObject) => boolean;
	/** Completes each record, given the batch it came in, before `keep` sees it (one at a time, so
	 * no record past the limit is completed). */
	complete?: (record: IDataObject, batch: IDataObject[]) => Promise<IDataObject>;
}

/** A list answer: its records, and the total (batched lists) or the next cursor (cursor lists). */
export interface ListBody {
	data?: IDataObject[];
	meta?: { total?: number; nextCursor?: string | null };
}

/**
 * The smallest batch size that still needs the fewest requests: 150 records → 2 batches of 75,
 * 40 → one of 40, Return All → batches of 100.
 */
export function batchSizeFor(limit: number | undefined): number {
	if (limit === undefined) return MAX_BATCH_SIZE;
	const pages = Math.ceil(limit / MAX_BATCH_SIZE);
	return Math.max(1, Math.ceil(limit / pages));
}

function sameRecords(a: IDataObject[], b: IDataObject[]): boolean {
	return (
		a.length === b.length &&
		a.length > 0 &&
		JSON.stringify(a[0]) === JSON.stringify(b[0]) &&
		JSON.stringify(a[a.length - 1]) === JSON.stringify(b[b.length - 1])
	);
}

/** One answer of a paged list, as the transport read it. */
export interface ListPage {
	records: IDataObject[];
	headers: Record<string, unknown>;
	merge?: LoopMerge;
	/** 1 for the first page. */
	number: number;
	/** Whether the list goes on after this page by its own end rules (whatever `maxPages` says). */
	more: boolean;
}

/**
 * Whether a batch_size / batch_number list goes on after a batch: not after an empty batch, nor once
 * meta.total records are in; without a total (activities report -1) only a batch shorter than the
 * largest one before and than the size asked for ends it, since Dotloop may cap a batch silently.
 */
export function batchListGoesOn(
	count: number,
	total: unknown,
	{ read, batchSize, largestBefore }: { read: number; batchSize: number; largestBefore: number },
): boolean {
	if (count === 0) return false;
	const known = Number(total);
	if (Number.isFinite(known) && known >= 0) return read < known;
	return !(count < Math.max(largestBefore, 1) && count < batchSize);
}

/**
 * Every batch of a batch_size / batch_number list (loops, contacts, activities), one request each,
 * until the list's end (see batchListGoesOn), a batch Dotloop answers twice (batch_number ignored),
 * or `maxPages`. An empty batch is yielded too (its headers carry Dotloop's time). The caller stops
 * earlier by leaving the loop: its own stop rule.
 */
export async function* batchPages(
	this: DotloopContext,
	path: string,
	qs: IDataObject = {},
	{
		batchSize = MAX_BATCH_SIZE,
		maxPages = MAX_PAGES,
	}: { batchSize?: number; maxPages?: number } = {},
): AsyncGenerator<ListPage> {
	let read = 0;
	let previous: IDataObject[] = [];
	let largestBefore = 0;
	for (let number = 1; number <= maxPages; number++) {
		const { body, headers, merge } = (await dotloopRequest.call(this, {
			method: 'GET',
			path,
			qs: { ...qs, batch_size: batchSize, batch_number: number },
		})) as DotloopResponse<ListBody>;
		const records = Array.isArray(body?.data) ? body.data : [];
		// Batch_number ignored: the same batch again is the end, not more records.
		if (sameRecords(records, previous)) return;
		read += records.length;
		const more = batchListGoesOn(records.length, body?.meta?.total, {
			read,
			batchSize,
			largestBefore,
		});
		yield { records, headers, merge, number, more };
		if (!more) return;
		largestBefore = Math.max(largestBefore, records.length);
		previous = records;
	}
}

/**
 * Every page of a next_cursor list (subscriptions, webhook events) until the last page, a cursor
 * Dotloop repeats, or `maxPages`; the caller stops earlier by leaving the loop.
 */
export async function* cursorPages(
	this: DotloopContext,
	path: string,
	qs: IDataObject = {},
	{ maxPages = MAX_PAGES }: { maxPages?: number } = {},
): AsyncGenerator<ListPage> {
	const seen = new Set<string>();
	let cursor: string | undefined;
	for (let number = 1; number <= maxPages; number++) {
		const { body, headers, merge } = (await dotloopRequest.call(this, {
			method: 'GET',
			path,
			qs: cursor === undefined ? qs : { ...qs, next_cursor: cursor },
		})) as DotloopResponse<ListBody>;
		const records = Array.isArray(body?.data) ? body.data : [];
		const next = body?.meta?.nextCursor;
		const more = typeof next === 'string' && next !== '' && !seen.has(next);
		yield { records, headers, merge, number, more };
		if (!more) return;
		seen.add(next);
		cursor = next;
	}
}

/**
 * batch_size / batch_number paging for Get Many, Find, Create or Update: every record, or up to the
 * limit (batches sized so the limit costs the fewest requests).
 */
export async function getAllBatched(
	this: DotloopContext,
	path: string,
	qs: IDataObject = {},
	{ limit, keep, complete }: PageOptions = {},
): Promise<IDataObject[]> {
	const batchSize = keep ? MAX_BATCH_SIZE : batchSizeFor(limit);
	const records: IDataObject[] = [];
	for await (const page of batchPages.call(this, path, qs, { batchSize })) {
		for (const listed of page.records) {
			const record = complete ? await complete(listed, page.records) : listed;
			if (keep && !keep(record)) continue;
			records.push(annotateMerge(record, page.merge));
			if (limit !== undefined && records.length >= limit) return records;
		}
	}
	return records;
}

/** next_cursor paging for Get Many: every record, or up to the limit. */
export async function getAllByCursor(
	this: DotloopContext,
	path: string,
	qs: IDataObject = {},
	{ limit }: PageOptions = {},
): Promise<IDataObject[]> {
	const records: IDataObject[] = [];
	for await (const page of cursorPages.call(this, path, qs)) {
		for (const record of page.records) {
			records.push(record);
			if (limit !== undefined && records.length >= limit) return records;
		}
	}
	return records;
}

/** Lists Dotloop answers in one response (folders, participants, templates, …). */
export async function getList(
	this: DotloopContext,
	path: string,
	qs: IDataObject = {},
	{ limit }: PageOptions = {},
): Promise<IDataObject[]> {
	const { body, merge } = (await dotloopRequest.call(this, {
		method: 'GET',
		path,
		qs,
	})) as DotloopResponse<ListBody>;
	const records = (Array.isArray(body?.data) ? body.data : []).map((record) =>
		annotateMerge(record, merge),
	);
	return limit === undefined ? records : records.slice(0, limit);
}
