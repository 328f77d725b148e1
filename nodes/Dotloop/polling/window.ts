import { createHash } from 'crypto';
import type { IDataObject } from 'n8n-workflow';

/**
 * Where a change feed stands: the newest change time Dotloop reported (whole seconds, Dotloop's own
 * clock, never n8n's) and a short fingerprint of every record changed in the lookback window before
 * it. The next poll asks for everything changed since `at` minus the lookback and emits only records
 * whose fingerprint it has not seen, so:
 * - several changes in the same second are all caught (filters take whole seconds only, and a second
 *   is not over when a poll reads it);
 * - a change Dotloop stamps a little earlier than one already read (clock skew between its servers,
 *   late commits) is still inside the window;
 * - a record that changes again while a poll pages through the list has a new fingerprint next time.
 * The state holds only the records of the window, whatever the size of the account.
 */
export interface ChangeWindow {
	/** ISO timestamp, whole seconds: the newest change seen. */
	at: string;
	/** id → `<change second>:<fingerprint>` of each record changed between `at` − lookback and `at`. */
	seen: Record<string, string>;
}

/** Long enough for Dotloop's own clock differences, short enough to keep the state small. */
export const LOOKBACK_SECONDS = 30;

export function fingerprint(record: IDataObject): string {
	return createHash('sha1').update(JSON.stringify(record)).digest('base64').slice(0, 12);
}

export function toSeconds(iso: string): number | undefined {
	const ms = Date.parse(iso);
	return Number.isFinite(ms) ? Math.floor(ms / 1000) : undefined;
}

export function isoSeconds(seconds: number): string {
	return new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');
}

/** The value of `<key>_min` for the next request: `at` minus the lookback, whole seconds. */
export function windowStart(window: ChangeWindow, lookbackSeconds = LOOKBACK_SECONDS): string {
	return isoSeconds((toSeconds(window.at) ?? 0) - lookbackSeconds);
}

export interface Advance {
	/** Records not seen before, oldest change first (ties by id), one per record. */
	changes: IDataObject[];
	next: ChangeWindow;
}

/**
 * Folds the records one poll read (any order, duplicates allowed) into the window. `key` is the
 * record's change time field (`updated`, or `created` for creations); `fingerprintOf` decides what
 * counts as a different version of a record.
 */
export function advanceWindow(
	window: ChangeWindow,
	records: IDataObject[],
	key: string,
	{
		lookbackSeconds = LOOKBACK_SECONDS,
		fingerprintOf = fingerprint,
	}: { lookbackSeconds?: number; fingerprintOf?: (record: IDataObject) => string } = {},
): Advance {
	const newest = new Map<string, { record: IDataObject; second: number }>();
	for (const record of records) {
		const id = String(record.id);
		const second = toSeconds(String(record[key] ?? ''));
		if (second === undefined) continue;
		const known = newest.get(id);
		if (!known || second >= known.second) newest.set(id, { record, second });
	}

	const previousAt = toSeconds(window.at) ?? 0;
	let at = previousAt;
	for (const { second } of newest.values()) at = Math.max(at, second);
	const from = at - lookbackSeconds;
	const previousFrom = previousAt - lookbackSeconds;

	// Fingerprints still inside the new window are kept even when this answer left their record out.
	const seen: Record<string, string> = {};
	for (const [id, print] of Object.entries(window.seen)) {
		if (secondOf(print) >= from) seen[id] = print;
	}
	const changes: Array<{ record: IDataObject; second: number; id: string }> = [];
	for (const [id, { record, second }] of newest) {
		// Older than what was asked for: an earlier poll had it.
		if (second < previousFrom) continue;
		const print = `${second}:${fingerprintOf(record)}`;
		if (window.seen[id] !== print) changes.push({ record, second, id });
		if (second >= from) seen[id] = print;
		else delete seen[id];
	}
	changes.sort((a, b) => a.second - b.second || compareIds(a.id, b.id));
	return { changes: changes.map((c) => c.record), next: { at: isoSeconds(at), seen } };
}

function secondOf(print: string): number {
	return Number(print.slice(0, print.indexOf(':')));
}

function compareIds(a: string, b: string): number {
	const na = Number(a);
	const nb = Number(b);
	return Number.isFinite(na) && Number.isFinite(nb) ? na - nb : a.localeCompare(b);
}
