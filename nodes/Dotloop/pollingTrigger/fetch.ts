import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IPollFunctions, JsonObject } from 'n8n-workflow';

import { batchPages, cursorPages, type ListPage } from '../transport';
import { serverTime } from './window';

export interface BatchedRead {
	records: IDataObject[];
	requests: number;
	/** Dotloop's time (Date header) of the first answer. */
	checked?: string;
	/** The records of the first answer: as they were at `checked`. */
	firstPage: IDataObject[];
	/** Set when `pause` stopped the read with more pages left: the number of the last page read. */
	pausedAfter?: number;
}

export interface ReadOptions {
	maxPages?: number;
	/** The first batch to read (a read continuing where an earlier one paused). */
	firstBatch?: number;
	/** The poll's own stop rule: true when the rest of the list is older than what it looks for. */
	stopWhen?: (page: IDataObject[]) => boolean;
	/** Asked before each further page: true pauses the read (the poll's time budget is spent). */
	pause?: () => boolean;
}

/** The records of a paged list as one read, with the poll's stop rules applied after each page. */
async function readPages(
	pages: AsyncGenerator<ListPage>,
	{ stopWhen, pause }: ReadOptions,
): Promise<BatchedRead> {
	const records: IDataObject[] = [];
	let requests = 0;
	let checked: string | undefined;
	let firstPage: IDataObject[] = [];
	for await (const page of pages) {
		if (requests === 0) {
			checked = serverTime(page.headers);
			firstPage = page.records;
		}
		requests++;
		records.push(...page.records);
		if (stopWhen?.(page.records)) break;
		if (page.more && pause?.())
			return { records, requests, checked, firstPage, pausedAfter: page.number };
	}
	return { records, requests, checked, firstPage };
}

/**
 * Every batch of a filtered loop or contact list (100 at a time) until the list ends or `stopWhen`
 * says the rest is older than the window. Duplicates (records pushed down a batch by a change while
 * paging) are returned as read: the change window removes them.
 */
export async function readBatches(
	this: IPollFunctions,
	path: string,
	qs: IDataObject,
	{ maxPages, firstBatch, ...rules }: ReadOptions = {},
): Promise<BatchedRead> {
	return await readPages(batchPages.call(this, path, qs, { maxPages, firstBatch }), rules);
}

/** next_cursor pages (subscriptions, webhook events), until `stopWhen` or the last page. */
export async function readCursorPages(
	this: IPollFunctions,
	path: string,
	qs: IDataObject,
	{ maxPages, stopWhen }: ReadOptions = {},
): Promise<BatchedRead> {
	return await readPages(cursorPages.call(this, path, qs, { maxPages }), { stopWhen });
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
