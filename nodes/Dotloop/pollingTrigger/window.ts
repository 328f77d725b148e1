import { createHash } from 'crypto';
import type { IDataObject } from 'n8n-workflow';

import { firstHeaderValue } from '../transport/headers';

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
	/**
	 * Dotloop's time (its Date header) when the last poll started reading. Everything visible then was
	 * read, so a change not read yet is stamped at most the lookback before it: the window slides on
	 * while nothing changes, and a quiet poll reads no old changes again.
	 */
	checked?: string;
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

function startSecond(window: ChangeWindow, lookbackSeconds: number): number {
	const at = toSeconds(window.at) ?? 0;
	const checked = window.checked === undefined ? at : (toSeconds(window.checked) ?? at);
	return Math.max(at, checked) - lookbackSeconds;
}

/** The value of `<key>_min` for the next request, whole seconds. */
export function windowStart(window: ChangeWindow, lookbackSeconds = LOOKBACK_SECONDS): string {
	return isoSeconds(startSecond(window, lookbackSeconds));
}

/** Dotloop's time from a response's Date header, if it sent a valid one. */
export function serverTime(headers: Record<string, unknown> | undefined): string | undefined {
	const raw = firstHeaderValue(headers, 'Date');
	const seconds = toSeconds(String(raw ?? ''));
	return raw === undefined || seconds === undefined ? undefined : isoSeconds(seconds);
}

interface Advance {
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
		checked,
	}: {
		lookbackSeconds?: number;
		fingerprintOf?: (record: IDataObject) => string;
		/** Dotloop's time when this poll started reading (see ChangeWindow.checked). */
		checked?: string;
	} = {},
): Advance {
	const newest = new Map<string, { record: IDataObject; second: number }>();
	for (const record of records) {
		const id = String(record.id);
		const second = toSeconds(String(record[key] ?? ''));
		if (second === undefined) continue;
		const known = newest.get(id);
		if (!known || second >= known.second) newest.set(id, { record, second });
	}

	let at = toSeconds(window.at) ?? 0;
	for (const { second } of newest.values()) at = Math.max(at, second);
	const next: ChangeWindow = { at: isoSeconds(at), seen: {} };
	if (checked !== undefined) next.checked = checked;
	const from = startSecond(next, lookbackSeconds);
	const previousFrom = startSecond(window, lookbackSeconds);

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
	next.seen = seen;
	// Nothing new and the same records in the window: only `checked` would move. Keeping the window as
	// it was reads at most the same (empty) stretch again, and a quiet poll leaves the state untouched.
	if (changes.length === 0 && next.at === window.at && sameSeen(window.seen, seen)) {
		return { changes: [], next: window };
	}
	return { changes: changes.map((c) => c.record), next };
}

function sameSeen(a: Record<string, string>, b: Record<string, string>): boolean {
	const keys = Object.keys(a);
	return keys.length === Object.keys(b).length && keys.every((id) => a[id] === b[id]);
}

function secondOf(print: string): number {
	return Number(print.slice(0, print.indexOf(':')));
}

function compareIds(a: string, b: string): number {
	const na = Number(a);
	const nb = Number(b);
	return Number.isFinite(na) && Number.isFinite(nb) ? na - nb : a.localeCompare(b);
}
