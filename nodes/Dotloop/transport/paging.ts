import type { IDataObject } from 'n8n-workflow';

import type { DotloopContext } from './context';
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

/**
 * batch_size / batch_number paging (loops, contacts, activities). Stops at the limit, on an empty
 * batch, once meta.total records are in (activities report -1: then a batch shorter than the
 * largest one seen ends it), or if Dotloop answers the same batch twice.
 */
export async function getAllBatched(
	this: DotloopContext,
	path: string,
	qs: IDataObject = {},
	{ limit, keep, complete }: PageOptions = {},
): Promise<IDataObject[]> {
	const batchSize = keep ? MAX_BATCH_SIZE : batchSizeFor(limit);
	const records: IDataObject[] = [];
	let read = 0;
	let previous: IDataObject[] = [];
	let largestBatch = 0;

	for (let batchNumber = 1; batchNumber <= MAX_PAGES; batchNumber++) {
		const { body, merge } = (await dotloopRequest.call(this, {
			method: 'GET',
			path,
			qs: { ...qs, batch_size: batchSize, batch_number: batchNumber },
		})) as DotloopResponse<ListBody>;
		const batch = Array.isArray(body?.data) ? body.data : [];
		if (batch.length === 0 || sameRecords(batch, previous)) break;
		for (const listed of batch) {
			read++;
			const record = complete ? await complete(listed, batch) : listed;
			if (keep && !keep(record)) continue;
			records.push(annotateMerge(record, merge));
			if (limit !== undefined && records.length >= limit) return records;
		}
		const total = Number(body?.meta?.total);
		if (Number.isFinite(total) && total >= 0 && read >= total) break;
		if (!(total >= 0) && batch.length < Math.max(largestBatch, 1) && batch.length < batchSize)
			break;
		largestBatch = Math.max(largestBatch, batch.length);
		previous = batch;
	}
	return records;
}

/** next_cursor paging (subscriptions, events), with a guard against a cursor Dotloop repeats. */
export async function getAllByCursor(
	this: DotloopContext,
	path: string,
	qs: IDataObject = {},
	{ limit }: PageOptions = {},
): Promise<IDataObject[]> {
	const records: IDataObject[] = [];
	const seen = new Set<string>();
	let cursor: string | undefined;

	for (let page = 0; page < MAX_PAGES; page++) {
		const { body } = (await dotloopRequest.call(this, {
			method: 'GET',
			path,
			qs: cursor === undefined ? qs : { ...qs, next_cursor: cursor },
		})) as DotloopResponse<ListBody>;
		for (const record of Array.isArray(body?.data) ? body.data : []) {
			records.push(record);
			if (limit !== undefined && records.length >= limit) return records;
		}
		const next = body?.meta?.nextCursor;
		if (typeof next !== 'string' || next === '' || seen.has(next)) break;
		seen.add(next);
		cursor = next;
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
