import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { TRANSACTION_STATUSES } from '../descriptions/constants';
import { SAMPLE_SIZE } from './events/types';
import { readBatches, type BatchedRead } from './fetch';
import { forEachProfile, readingLoopsOf, withDetails } from './profiles';
import {
	advanceWindow,
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
	options?: { maxPages?: number },
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
	/** The records of a first poll's first batch: where things stood at `startedAt`. */
	firstBatch: IDataObject[];
	/** Dotloop's time (Date header) of the feed's first answer. */
	startedAt?: string;
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
	{ includeDetails, everything = false }: { includeDetails: boolean; everything?: boolean },
): Promise<FeedResult> {
	const fingerprintOf = key === 'created' ? createdOnce : undefined;
	if (window) {
		const filter = `${key}_min=${windowStart(window)}`;
		const read = await readLoops.call(this, profileId, listQuery(key, includeDetails, filter));
		const checked = read.checked;
		return {
			...advanceWindow(window, read.records, key, { fingerprintOf, checked }),
			requests: read.requests,
			read: read.records,
			firstBatch: [],
			startedAt: checked,
		};
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
		firstBatch: everything ? [] : read.records,
		startedAt: read.checked,
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
