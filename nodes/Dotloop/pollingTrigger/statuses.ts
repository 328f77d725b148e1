import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { TRANSACTION_STATUSES } from '../rules/statuses';
import { decodeIds, encodeIds } from './idSets';
import { END_STATUSES, readLoops, type FeedResult } from './loops';
import { isoSeconds, LOOKBACK_SECONDS, toSeconds } from './window';

/**
 * What Loop Status Changed keeps of one profile, to say what a loop's status was before it changed.
 *
 * A loop in its transaction type's end state (SOLD, LEASED or DONE, section 17.1.3) is not stored: most
 * of a brokerage's loops sit there for good. Every other status, ARCHIVED included, is stored as a set
 * of IDs per status (idSets.ts). So a loop that is in no set was, when last seen, in its type's end
 * state, unless it was created after seeding started (a new loop has no previous status).
 */
export interface ProfileStatuses {
	/** status → the encoded IDs of the loops last seen in it (never an end state of their type). */
	ids: Record<string, string>;
	/**
	 * Every loop created before this time has been seen (by seeding or a poll's feed): one created at or
	 * after it that is in no set has not been seen yet, it is new. Seeding sets it to its start minus the
	 * lookback; a poll that read changes moves it to its own start minus the lookback.
	 */
	newFrom: string;
	/** Loops whose status when seeding started could not be seen (see seedStatuses). */
	unknown?: string;
}

/** The end state of a transaction type (section 17.1.3), if the type is one the documentation lists. */
function endStatusOf(loop: IDataObject): string | undefined {
	const statuses = (TRANSACTION_STATUSES as Record<string, readonly string[]>)[
		String(loop.transactionType)
	];
	return statuses?.find((status) => END_STATUSES.includes(status));
}

const second = (value: unknown) => toSeconds(String(value ?? ''));

function storedExplicitly(loop: IDataObject, newFrom: number): boolean {
	// A loop created since `newFrom` is stored whatever its status: in no set, it would count as new.
	return String(loop.status) !== endStatusOf(loop) || (second(loop.created) ?? 0) >= newFrom;
}

function encodeByStatus(statuses: Map<string, string>): Record<string, string> {
	const byStatus = new Map<string, string[]>();
	for (const [id, status] of statuses) {
		const ids = byStatus.get(status) ?? [];
		ids.push(id);
		byStatus.set(status, ids);
	}
	return Object.fromEntries(
		[...byStatus.keys()].sort().map((status) => [status, encodeIds(byStatus.get(status) ?? [])]),
	);
}

function decodeByStatus(ids: Record<string, string>): Map<string, string> {
	const statuses = new Map<string, string>();
	for (const [status, encoded] of Object.entries(ids)) {
		for (const id of decodeIds(encoded)) statuses.set(id, status);
	}
	return statuses;
}

/**
 * The first poll: every loop's status as it was when seeding started (t0, Dotloop's time of the
 * feed's first answer), read while loops keep changing. Why it is exact:
 * - Every loop is read newest first without a filter: a loop that changes while we page moves to the
 *   first batch (read already) and pushes the others down, so no other loop is skipped. (With a status
 *   filter, a loop leaving the filtered set would pull an unread one into a batch already read.)
 * - A loop read with `updated` before t0 had not changed between t0 and that read: what we read is its
 *   status at t0. The feed's first batch is read at t0 itself, so it is its status at t0 too.
 * - A loop that changed after t0 before the paging reached it was moved to the first batch and never
 *   read, or read already changed: its status at t0 was never visible, and the API keeps no history,
 *   so nobody can know it. A last read of the loops changed since t0 (one request, usually) names them:
 *   they are kept as `unknown`, and the next poll reports each of them once with previousStatus null
 *   instead of a guess (the old map said ARCHIVED) or nothing.
 * The next poll reads the feed from t0 (minus the lookback), so every change after t0 is compared with
 * the status at t0: a change during seeding is reported once, with its true previous status if seeding
 * had read the loop before the change.
 */
export async function seedStatuses(
	this: IPollFunctions,
	profileId: string,
	feed: FeedResult,
	everything: boolean,
): Promise<ProfileStatuses> {
	const t0 = second(feed.startedAt ?? feed.next.checked ?? feed.next.at) ?? 0;
	const atStart = new Map<string, IDataObject>();
	const later = new Map<string, IDataObject>();
	for (const loop of feed.firstBatch) atStart.set(String(loop.id), loop);
	const consider = (loop: IDataObject) => {
		const id = String(loop.id);
		if (atStart.has(id)) return;
		if ((second(loop.updated) ?? Infinity) < t0) {
			atStart.set(id, loop);
			later.delete(id);
		} else later.set(id, loop);
	};
	const all = everything
		? feed.read
		: (await readLoops.call(this, profileId, { sort: 'updated:desc' })).records;
	all.forEach(consider);
	const since = await readLoops.call(this, profileId, {
		sort: 'updated:desc',
		filter: `updated_min=${isoSeconds(t0 - LOOKBACK_SECONDS)}`,
	});
	since.records.forEach(consider);

	const newFrom = t0 - LOOKBACK_SECONDS;
	const statuses = new Map<string, string>();
	const unknown: string[] = [];
	for (const [id, loop] of atStart) {
		if (storedExplicitly(loop, newFrom)) statuses.set(id, String(loop.status));
	}
	// Changed since t0 without a reading from before: unknown, unless created since (then new).
	for (const [id, loop] of later) {
		if ((second(loop.created) ?? 0) >= t0) statuses.set(id, String(loop.status));
		else unknown.push(id);
	}
	const seeded: ProfileStatuses = { ids: encodeByStatus(statuses), newFrom: isoSeconds(newFrom) };
	if (unknown.length) seeded.unknown = encodeIds(unknown);
	return seeded;
}

export interface StatusChange {
	loop: IDataObject;
	/** null: the loop changed while seeding, before its status could be read. */
	previousStatus: string | null;
}

/**
 * The status changes among the loops a poll's feed read (`readAt`: Dotloop's time of its first answer),
 * and what to keep: the same object when the feed was quiet.
 */
export function statusChanges(
	kept: ProfileStatuses,
	changed: IDataObject[],
	readAt: string | undefined,
): { changes: StatusChange[]; kept: ProfileStatuses } {
	if (changed.length === 0) return { changes: [], kept };
	const statuses = decodeByStatus(kept.ids);
	const unknown = new Set(decodeIds(kept.unknown));
	const newFrom = second(kept.newFrom) ?? 0;
	const changes: StatusChange[] = [];
	let moved = false;
	for (const loop of changed) {
		const id = String(loop.id);
		const status = String(loop.status);
		let previous: string | null | undefined;
		if (unknown.delete(id)) previous = null;
		else if (statuses.has(id)) previous = statuses.get(id);
		else if ((second(loop.created) ?? 0) >= newFrom) previous = undefined;
		else previous = endStatusOf(loop);
		if (previous === null || (previous !== undefined && previous !== status))
			changes.push({ loop, previousStatus: previous });
		const explicit = storedExplicitly(loop, newFrom);
		if (explicit && statuses.get(id) !== status) {
			statuses.set(id, status);
			moved = true;
		} else if (!explicit && statuses.delete(id)) moved = true;
	}
	// Every loop created before this feed's start (minus the lookback) has now been seen.
	const read = second(readAt);
	const next: ProfileStatuses = {
		ids: moved ? encodeByStatus(statuses) : kept.ids,
		newFrom:
			read === undefined ? kept.newFrom : isoSeconds(Math.max(newFrom, read - LOOKBACK_SECONDS)),
	};
	if (unknown.size) next.unknown = encodeIds(unknown);
	return { changes, kept: next };
}

/**
 * Before this version the state kept every open loop's status in a plain map, an absent loop being
 * ARCHIVED. A stored state of that shape answers this one poll; the profile is seeded again after it.
 */
export function legacyStatusChanges(
	statuses: Record<string, string>,
	seededAt: string,
	changed: IDataObject[],
): StatusChange[] {
	const seeded = second(seededAt) ?? 0;
	const changes: StatusChange[] = [];
	for (const loop of changed) {
		const status = String(loop.status);
		const createdLater = (second(loop.created) ?? 0) > seeded;
		const previous = statuses[String(loop.id)] ?? (createdLater ? undefined : 'ARCHIVED');
		if (previous !== undefined && previous !== status)
			changes.push({ loop, previousStatus: previous });
	}
	return changes;
}
