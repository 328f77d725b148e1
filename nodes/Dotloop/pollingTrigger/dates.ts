import { DateTime } from 'luxon';
import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { fromDotloopDate } from '../rules/dates';
import { listCarriesDetails, loopDetailsOfSummary, withListedDetails } from '../rules/loopDetails';
import { ACTIVE_STATUSES, CLOSED_STATUSES, pollLoopFeed, readLoops } from './loops';
import { advanceWindow, isoSeconds, type ChangeWindow } from './window';

/** Loop-detail date fields (section 6, Loop Details): `Section|Field`, values like 01/31/2017. */
export const DATE_FIELDS: Array<{ name: string; value: string }> = [
	{ name: 'Closing Date', value: 'Contract Dates|Closing Date' },
	{ name: 'Contract Agreement Date', value: 'Contract Dates|Contract Agreement Date' },
	{ name: 'Inspection Date', value: 'Offer Dates|Inspection Date' },
	{ name: 'Listing Date', value: 'Listing Information|Listing Date' },
	{ name: 'Listing Expiration Date', value: 'Listing Information|Expiration Date' },
	{ name: 'Occupancy Date', value: 'Offer Dates|Occupancy Date' },
	{ name: 'Offer Date', value: 'Offer Dates|Offer Date' },
	{ name: 'Offer Expiration Date', value: 'Offer Dates|Offer Expiration Date' },
];

export interface ApproachingDate {
	loop: IDataObject;
	date: string;
	daysUntil: number;
}

/** Called for a date field whose value is not a date Dotloop writes (see fromDotloopDate). */
export type UnreadableDate = (loop: IDataObject, value: string) => void;

/**
 * Loops whose chosen date falls between today and today + `withinDays` (inclusive). A value that is
 * not a date is skipped and handed to `onUnreadable`; an empty or missing one is no date.
 */
export function datesWithin(
	loops: IDataObject[],
	dateField: string,
	today: string,
	withinDays: number,
	onUnreadable?: UnreadableDate,
): ApproachingDate[] {
	const [section, field] = dateField.split('|');
	const start = DateTime.fromISO(today, { zone: 'utc' });
	const out: ApproachingDate[] = [];
	for (const loop of loops) {
		const details = (loopDetailsOfSummary(loop) ?? {}) as Record<string, Record<string, unknown>>;
		const value = details[section]?.[field];
		if (value === undefined || value === null || String(value).trim() === '') continue;
		const date = fromDotloopDate(value);
		if (!date) {
			onUnreadable?.(loop, String(value));
			continue;
		}
		const daysUntil = Math.round(DateTime.fromISO(date, { zone: 'utc' }).diff(start, 'days').days);
		if (daysUntil >= 0 && daysUntil <= withinDays) out.push({ loop, date, daysUntil });
	}
	return out.sort((a, b) => a.date.localeCompare(b.date) || Number(a.loop.id) - Number(b.loop.id));
}

/**
 * The loops of a profile with their details under `details`: those in progress, or with
 * `includeClosed` every loop (end states and archived too). Should the list carry no details, each
 * loop's are read with "Get Loop Details": one more request per loop.
 */
export async function readOpenLoopsWithDetails(
	this: IPollFunctions,
	profileId: string,
	includeClosed = false,
): Promise<{ loops: IDataObject[]; requests: number; checked?: string }> {
	const qs: IDataObject = { sort: 'updated:desc', include_details: true };
	if (!includeClosed) qs.filter = `transaction_status=${ACTIVE_STATUSES.join('|')}`;
	const read = await readLoops.call(this, profileId, qs);
	const byId = new Map(read.records.map((loop) => [String(loop.id), loop]));
	const listed = [...byId.values()];
	const fetched = listCarriesDetails(listed) ? 0 : listed.length;
	const loops = await withListedDetails.call(this, listed, () => profileId);
	return { loops, requests: read.requests + fetched, checked: read.checked };
}

/** One profile's slice of the Loop Date Approaching state. */
export interface ProfileDates {
	/** The day, in the workflow's time zone, of the last full read. */
	day: string;
	/** The `updated` feed since then. */
	window: ChangeWindow;
	/** Loop ID → the date announced, for the loops whose date is inside Within Days. */
	emitted: Record<string, string>;
}

/**
 * Where a profile stands before a poll. A full read is due when the stored day is not today, or when
 * Include Closed Loops changed (`scopeChanged`): the announced dates are kept either way, so nothing is
 * announced twice. States stored before this shape kept only `profile:loop` → date (`legacy`).
 */
export function profileDatesBefore(
	kept: ProfileDates | undefined,
	legacy: Record<string, string> | undefined,
	profileId: string,
	scopeChanged: boolean,
): ProfileDates | undefined {
	if (kept) return scopeChanged ? { ...kept, day: '' } : kept;
	if (!legacy) return undefined;
	const emitted: Record<string, string> = {};
	for (const [key, date] of Object.entries(legacy)) {
		const [profile, loop] = key.split(':');
		if (profile === profileId) emitted[loop] = date;
	}
	return { day: '', window: { at: isoSeconds(0), seen: {} }, emitted };
}

export interface DateWatch {
	dateField: string;
	withinDays: number;
	includeClosed: boolean;
	/** Today in the workflow's time zone, `YYYY-MM-DD`. */
	today: string;
	onUnreadable?: UnreadableDate;
}

/**
 * One poll of one profile. A date comes nearer only when the day changes or the loop changes, so the
 * loops (in progress, or all with includeClosed) are read in full at most once a day in the workflow's
 * time zone, and in between only the loops changed since (the `updated` change window: one request
 * when nothing changed). `fresh` are the loops whose date is inside the window and was not announced
 * with that date before.
 */
export async function pollProfileDates(
	this: IPollFunctions,
	profileId: string,
	previous: ProfileDates | undefined,
	watch: DateWatch,
): Promise<{ fresh: ApproachingDate[]; next: ProfileDates }> {
	const within = (loops: IDataObject[]) =>
		datesWithin(loops, watch.dateField, watch.today, watch.withinDays, watch.onUnreadable);
	if (previous === undefined || previous.day !== watch.today) {
		const read = await readOpenLoopsWithDetails.call(this, profileId, watch.includeClosed);
		const start: ChangeWindow = { at: isoSeconds(0), seen: {} };
		const { next: window } = advanceWindow(start, read.loops, 'updated', { checked: read.checked });
		const found = within(read.loops);
		const emitted: Record<string, string> = {};
		for (const entry of found) emitted[String(entry.loop.id)] = entry.date;
		const fresh = found.filter((entry) => previous?.emitted[String(entry.loop.id)] !== entry.date);
		return { fresh, next: { day: watch.today, window, emitted } };
	}
	// Whole: this state keeps no backlog, so a read paused by the poll's budget would skip older pages.
	const feed = await pollLoopFeed.call(this, profileId, 'updated', previous.window, {
		includeDetails: true,
		whole: true,
	});
	const changed = await withListedDetails.call(this, feed.changes, () => profileId);
	const watched = watch.includeClosed
		? changed
		: changed.filter((loop) => !CLOSED_STATUSES.includes(String(loop.status)));
	const emitted = { ...previous.emitted };
	// A changed loop whose date left the window (or that closed) is announced again if it comes back.
	for (const loop of changed) delete emitted[String(loop.id)];
	const found = within(watched);
	for (const entry of found) emitted[String(entry.loop.id)] = entry.date;
	const fresh = found.filter((entry) => previous.emitted[String(entry.loop.id)] !== entry.date);
	return { fresh, next: { day: previous.day, window: feed.next, emitted } };
}
