import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IPollFunctions, JsonObject } from 'n8n-workflow';

import { dotloopRequest, MAX_BATCH_SIZE, type DotloopResponse } from '../transport';
import { serverTime } from './window';

/** A backstop far above any real account. */
const MAX_PAGES = 10_000;

interface ListBody {
	data?: IDataObject[];
	meta?: { total?: number; nextCursor?: string | null };
}

export interface BatchedRead {
	records: IDataObject[];
	requests: number;
	/** Dotloop's time (Date header) of the first answer. */
	checked?: string;
}

/**
 * Every batch of a filtered loop or contact list (batch_size / batch_number, 100 at a time). Stops on an
 * empty batch, once meta.total rows are in, on a short batch without a total, or when `stopWhen` says
 * the rest is older than the cursor. Duplicates (records pushed down a batch by a change while paging)
 * are returned as read: the change window removes them.
 */
export async function readBatches(
	this: IPollFunctions,
	path: string,
	qs: IDataObject,
	{
		maxPages = MAX_PAGES,
		stopWhen,
	}: { maxPages?: number; stopWhen?: (batch: IDataObject[]) => boolean } = {},
): Promise<BatchedRead> {
	const records: IDataObject[] = [];
	let requests = 0;
	let checked: string | undefined;
	for (let batchNumber = 1; batchNumber <= maxPages; batchNumber++) {
		const { body, headers } = (await dotloopRequest.call(this, {
			method: 'GET',
			path,
			qs: { ...qs, batch_size: MAX_BATCH_SIZE, batch_number: batchNumber },
		})) as DotloopResponse<ListBody>;
		if (requests === 0) checked = serverTime(headers);
		requests++;
		const batch = Array.isArray(body?.data) ? body.data : [];
		records.push(...batch);
		if (batch.length === 0) break;
		const total = Number(body?.meta?.total);
		if (Number.isFinite(total) && total >= 0) {
			if (records.length >= total) break;
		} else if (batch.length < MAX_BATCH_SIZE) break;
		if (stopWhen?.(batch)) break;
	}
	return { records, requests, checked };
}

/** next_cursor pages (subscriptions, webhook events), until `stopWhen` or the last page. */
export async function readCursorPages(
	this: IPollFunctions,
	path: string,
	qs: IDataObject,
	{
		stopWhen,
		maxPages = MAX_PAGES,
	}: { stopWhen?: (page: IDataObject[]) => boolean; maxPages?: number } = {},
): Promise<BatchedRead> {
	const records: IDataObject[] = [];
	const seen = new Set<string>();
	let cursor: string | undefined;
	let requests = 0;
	let checked: string | undefined;
	for (let page = 0; page < maxPages; page++) {
		const { body, headers } = (await dotloopRequest.call(this, {
			method: 'GET',
			path,
			qs: cursor === undefined ? qs : { ...qs, next_cursor: cursor },
		})) as DotloopResponse<ListBody>;
		if (requests === 0) checked = serverTime(headers);
		requests++;
		const data = Array.isArray(body?.data) ? body.data : [];
		records.push(...data);
		const next = body?.meta?.nextCursor;
		if (typeof next !== 'string' || next === '' || seen.has(next) || stopWhen?.(data)) break;
		seen.add(next);
		cursor = next;
	}
	return { records, requests, checked };
}

/** Runs one watched source; its errors say which profile or subscription failed. */
export async function concerning<T>(
	context: IPollFunctions,
	label: string,
	work: () => Promise<T>,
): Promise<T> {
	try {
		return await work();
	} catch (error) {
		const { message, description, httpCode } = error as NodeApiError;
		if (error instanceof NodeApiError) {
			throw new NodeApiError(context.getNode(), { message } as JsonObject, {
				message: `${label}: ${message}`,
				description: description ?? undefined,
				httpCode: httpCode ?? undefined,
			});
		}
		throw new NodeOperationError(context.getNode(), `${label}: ${(error as Error).message}`);
	}
}
