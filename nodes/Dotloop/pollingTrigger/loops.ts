import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { TRANSACTION_STATUSES } from '../rules/statuses';
import { SAMPLE_SIZE } from './events/types';
import { readBatches, type BatchedRead, type ReadOptions } from './fetch';
import { overBudget } from './budget';
import { forEachProfile, readingLoopsOf, withDetails } from './profiles';
import {
	advanceWindow,
	fingerprint,
	isoSeconds,
	LOOKBACK_SECONDS,
	toSeconds,
	windowStart,
	type ChangeWindow,
} from './window';

export type LoopFeedKey = 'updated' | 'created';

/** Loops that are not archived: the only ones whose status the status feed keeps (section 17.1.3). */
export const OPEN_STATUSES = [
	...new Set(
		Object.values(TRANSACTION_STATUSES)
			.flat()
			.filter((s) => s !== 'ARCHIVED'),
	),
];

/** Section 17.1.3: the statuses that end a deal, one per transaction type. */
export const END_STATUSES = ['SOLD', 'LEASED', 'DONE'];

/** A deal that ended or was archived (hidden): what Loop Date Approaching leaves out unless asked. */
export const CLOSED_STATUSES = [...END_STATUSES, 'ARCHIVED'];

/** Loops still in progress: neither closed nor archived. */
export const ACTIVE_STATUSES = OPEN_STATUSES.filter((s) => !CLOSED_STATUSES.includes(s));

export const loopsPath = (profileId: string) => `/profile/${profileId}/loop`;

/** Batches of one profile's loop list; a 403 or 404 answer means the profile is refused. */
export async function readLoops(
	this: IPollFunctions,
	profileId: string,
	qs: IDataObject,
	options?: ReadOptions,
): Promise<BatchedRead> {
	return await readingLoopsOf(
		profileId,
		async () => await readBatches.call(this, loopsPath(profileId), qs, options),
	);
}

function listQuery(key: LoopFeedKey, includeDetails: boolean, filter?: string): IDataObject {
	// Newest first: a loop that changes while we page moves to the first batch (already read) and
	// pushes the others down, so none is skipped; the moved one is caught by the next poll.
	const qs: IDataObject = { sort: `${key}:desc` };
	if (filter) qs.filter = filter;
	if (includeDetails) qs.include_details = true;
	return qs;
}

/** A loop is created once: later updates are not new creations. */
const createdOnce = () => 'c';

export interface FeedResult {
	changes: IDataObject[];
	next: ChangeWindow;
	requests: number;
	/** Every record read, as read (duplicates included). */
	read: IDataObject[];
	/** The records of the feed's first answer: where they stood at `startedAt`. */
	firstBatch: IDataObject[];
	/** Dotloop's time (Date header) of the feed's first answer. */
	startedAt?: string;
	/** What a read paused by the poll's time budget left to read (see FeedBacklog). */
	backlog?: FeedBacklog;
}

/**
 * The rest of a feed read that the poll's time budget paused. The read was newest first, so what is
 * left are the batches after `batch` - 1 of the same query, older than what was read: records changed
 * at `before` or earlier. Records changed since moved to the first batch (the next window reads them)
 * and pushed the others down, so a later batch may repeat records already read: those are the ones
 * changed after `before`, or at `before` with a fingerprint in `seen`.
 */
export interface FeedBacklog {
	filter: string;
	batch: number;
	before: string;
	/** id → fingerprint of the records read that changed at `before`. */
	seen: Record<string, string>;
}

function backlogAfter(
	filter: string,
	pausedAfter: number,
	records: IDataObject[],
	key: LoopFeedKey,
	fingerprintOf: (record: IDataObject) => string,
	previous?: FeedBacklog,
): FeedBacklog {
	let before = previous ? (toSeconds(previous.before) ?? Infinity) : Infinity;
	for (const record of records)
		before = Math.min(before, toSeconds(String(record[key])) ?? Infinity);
	const seen: Record<string, string> =
		previous && toSeconds(previous.before) === before ? { ...previous.seen } : {};
	for (const record of records) {
		if (toSeconds(String(record[key])) === before) seen[String(record.id)] = fingerprintOf(record);
	}
	return { filter, batch: pausedAfter + 1, before: isoSeconds(before), seen };
}

/**
 * One profile's loop changes since its window (`updated`), or its new loops (`created`), read newest
 * first with `<key>_min` at the start of the window. Without a window (first poll) it reads the newest
 * batch only, to learn where things stand, or every loop when `everything` is set.
 */
export async function pollLoopFeed(
	this: IPollFunctions,
	profileId: string,
	key: LoopFeedKey,
	window: ChangeWindow | undefined,
	{
		includeDetails,
		everything = false,
		whole = false,
	}: {
		includeDetails: boolean;
		everything?: boolean;
		/** Read the window to its end whatever the poll's budget says: for a caller that keeps no backlog. */
		whole?: boolean;
	},
): Promise<FeedResult> {
	const fingerprintOf = key === 'created' ? createdOnce : undefined;
	if (window) {
		const filter = `${key}_min=${windowStart(window)}`;
		const read = await readLoops.call(this, profileId, listQuery(key, includeDetails, filter), {
			pause: whole ? undefined : () => overBudget(this),
		});
		const checked = read.checked;
		const result: FeedResult = {
			...advanceWindow(window, read.records, key, { fingerprintOf, checked }),
			requests: read.requests,
			read: read.records,
			firstBatch: read.firstPage,
			startedAt: checked,
		};
		if (read.pausedAfter !== undefined) {
			result.backlog = backlogAfter(
				filter,
				read.pausedAfter,
				read.records,
				key,
				fingerprintOf ?? fingerprint,
			);
		}
		return result;
	}
	const start: ChangeWindow = { at: isoSeconds(0), seen: {} };
	let read: BatchedRead;
	if (everything) {
		read = await readLoops.call(this, profileId, listQuery(key, includeDetails));
	} else {
		read = await readLoops.call(this, profileId, listQuery(key, includeDetails), {
			maxPages: 1,
		});
		const first = advanceWindow(start, read.records, key, { fingerprintOf });
		const oldest = read.records[read.records.length - 1];
		const full = read.records.length >= 100;
		// The whole first batch lies inside the window: read the window itself so it is complete.
		if (
			full &&
			oldest &&
			(toSeconds(String(oldest[key])) ?? 0) >= (toSeconds(first.next.at) ?? 0) - LOOKBACK_SECONDS
		) {
			const rest = await pollLoopFeed.call(
				this,
				profileId,
				key,
				{ at: first.next.at, seen: {} },
				{
					includeDetails,
				},
			);
			return {
				changes: [],
				next: rest.next,
				requests: read.requests + rest.requests,
				read: [...read.records, ...rest.read],
				firstBatch: read.records,
				startedAt: read.checked,
			};
		}
	}
	const result = advanceWindow(start, read.records, key, { fingerprintOf, checked: read.checked });
	return {
		...result,
		changes: everything ? result.changes : [],
		requests: read.requests,
		read: read.records,
		firstBatch: read.firstPage,
		startedAt: read.checked,
	};
}

/** Reads on in a paused read's batches: the records it had not read, oldest change first. */
async function drainBacklog(
	this: IPollFunctions,
	profileId: string,
	key: LoopFeedKey,
	window: ChangeWindow,
	backlog: FeedBacklog,
	includeDetails: boolean,
): Promise<{
	changes: IDataObject[];
	window: ChangeWindow;
	backlog?: FeedBacklog;
	requests: number;
}> {
	const fingerprintOf = key === 'created' ? createdOnce : fingerprint;
	const read = await readLoops.call(
		this,
		profileId,
		listQuery(key, includeDetails, backlog.filter),
		{
			firstBatch: backlog.batch,
			pause: () => overBudget(this),
		},
	);
	const before = toSeconds(backlog.before) ?? 0;
	const left = new Map<string, IDataObject>();
	for (const record of read.records) {
		const id = String(record.id);
		const second = toSeconds(String(record[key]));
		if (second === undefined || second > before || left.has(id)) continue;
		const print = fingerprintOf(record);
		if (second === before && backlog.seen[id] === print) continue;
		// Emitted already and still inside the window's lookback (a paused read of a window that
		// re-reads the last burst).
		if (window.seen[id] === `${second}:${print}`) continue;
		left.set(id, record);
	}
	const changes = [...left.values()].sort(
		(a, b) => (toSeconds(String(a[key])) ?? 0) - (toSeconds(String(b[key])) ?? 0),
	);
	// Records inside the window's lookback get their fingerprint, so the next window read skips them.
	const next = advanceWindow(window, changes, key, {
		fingerprintOf: key === 'created' ? createdOnce : undefined,
		checked: window.checked,
	}).next;
	return {
		changes,
		window: next,
		backlog:
			read.pausedAfter === undefined
				? undefined
				: backlogAfter(backlog.filter, read.pausedAfter, read.records, key, fingerprintOf, backlog),
		requests: read.requests,
	};
}

/**
 * A profile's feed from what it kept: first the rest of a read the time budget paused (if any), then,
 * time left, the window as usual. `backlog` in the answer is what is still left.
 */
export async function readLoopFeed(
	this: IPollFunctions,
	profileId: string,
	key: LoopFeedKey,
	kept: { window: ChangeWindow; backlog?: FeedBacklog } | undefined,
	options: { includeDetails: boolean; everything?: boolean },
): Promise<FeedResult> {
	if (!kept?.backlog) return await pollLoopFeed.call(this, profileId, key, kept?.window, options);
	const drained = await drainBacklog.call(
		this,
		profileId,
		key,
		kept.window,
		kept.backlog,
		options.includeDetails,
	);
	if (drained.backlog || overBudget(this)) {
		return {
			changes: drained.changes,
			next: drained.window,
			backlog: drained.backlog,
			requests: drained.requests,
			read: drained.changes,
			firstBatch: [],
		};
	}
	const feed = await pollLoopFeed.call(this, profileId, key, drained.window, options);
	return {
		...feed,
		changes: [...drained.changes, ...feed.changes],
		requests: drained.requests + feed.requests,
	};
}

/**
 * A manual run of a loop event: the most recently created or updated loops of each profile's first
 * batch (only those in `statuses` when given), newest first, at most SAMPLE_SIZE.
 */
export async function recentLoops(
	this: IPollFunctions,
	profiles: string[],
	key: LoopFeedKey,
	{
		includeDetails,
		statuses = [],
		toItem,
	}: {
		includeDetails: boolean;
		statuses?: string[];
		toItem: (loop: IDataObject, profileId: string) => IDataObject;
	},
): Promise<IDataObject[]> {
	const filter = statuses.length ? `transaction_status=${statuses.join('|')}` : undefined;
	const read = await forEachProfile(
		this,
		profiles,
		async (profileId) =>
			await readLoops.call(this, profileId, listQuery(key, includeDetails, filter), {
				maxPages: 1,
			}),
	);
	const items: IDataObject[] = [];
	for (const [profileId, { records }] of read) {
		for (const loop of records) items.push(toItem(loop, profileId));
	}
	const recent = items
		.sort((a, b) => String(b[key] ?? '').localeCompare(String(a[key] ?? '')))
		.slice(0, SAMPLE_SIZE);
	return await withDetails.call(this, includeDetails, recent);
}
