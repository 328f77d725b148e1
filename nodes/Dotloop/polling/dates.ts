import { DateTime } from 'luxon';
import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { listCarriesDetails, loopDetailsOfSummary, withListedDetails } from '../transport';
import { OPEN_STATUSES, readLoops } from './loops';

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

/** `MM/DD/YYYY` → `YYYY-MM-DD` (a calendar day, not an instant); undefined if not a date. */
function detailDate(value: unknown): string | undefined {
	const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(String(value ?? '').trim());
	if (!m) return undefined;
	const day = DateTime.fromObject({ year: +m[3], month: +m[1], day: +m[2] }, { zone: 'utc' });
	return day.isValid ? (day.toISODate() ?? undefined) : undefined;
}

export interface ApproachingDate {
	loop: IDataObject;
	date: string;
	daysUntil: number;
}

/** Loops whose chosen date falls between today and today + `withinDays` (inclusive). */
export function datesWithin(
	loops: IDataObject[],
	dateField: string,
	today: string,
	withinDays: number,
): ApproachingDate[] {
	const [section, field] = dateField.split('|');
	const start = DateTime.fromISO(today, { zone: 'utc' });
	const out: ApproachingDate[] = [];
	for (const loop of loops) {
		const details = (loopDetailsOfSummary(loop) ?? {}) as Record<string, Record<string, unknown>>;
		const date = detailDate(details[section]?.[field]);
		if (!date) continue;
		const daysUntil = Math.round(DateTime.fromISO(date, { zone: 'utc' }).diff(start, 'days').days);
		if (daysUntil >= 0 && daysUntil <= withinDays) out.push({ loop, date, daysUntil });
	}
	return out.sort((a, b) => a.date.localeCompare(b.date) || Number(a.loop.id) - Number(b.loop.id));
}

/**
 * The open loops of a profile with their details under `details`; archived loops have no dates left
 * to track. Should the list carry no details, each open loop's are read with "Get Loop Details": one
 * more request per open loop, every poll.
 */
export async function readOpenLoopsWithDetails(
	this: IPollFunctions,
	profileId: string,
): Promise<{ loops: IDataObject[]; requests: number }> {
	const read = await readLoops.call(this, profileId, {
		sort: 'updated:desc',
		filter: `transaction_status=${OPEN_STATUSES.join('|')}`,
		include_details: true,
	});
	const byId = new Map(read.records.map((loop) => [String(loop.id), loop]));
	const listed = [...byId.values()];
	const fetched = listCarriesDetails(listed) ? 0 : listed.length;
	const loops = await withListedDetails.call(this, listed, () => profileId);
	return { loops, requests: read.requests + fetched };
}

/**
 * Which approaching dates are news: `emitted` maps `profile:loop` to the date already announced. Only
 * dates still ahead are kept, so the state holds at most the loops inside the window.
 */
export function newApproachingDates(
	emitted: Record<string, string>,
	found: Array<ApproachingDate & { profileId: string }>,
): { fresh: Array<ApproachingDate & { profileId: string }>; emitted: Record<string, string> } {
	const next: Record<string, string> = {};
	const fresh: Array<ApproachingDate & { profileId: string }> = [];
	for (const entry of found) {
		const key = `${entry.profileId}:${String(entry.loop.id)}`;
		if (emitted[key] !== entry.date) fresh.push(entry);
		next[key] = entry.date;
	}
	return { fresh, emitted: next };
}
