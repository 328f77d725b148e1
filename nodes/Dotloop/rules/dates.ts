import { DateTime } from 'luxon';

/** A date-time value as an expression gives it ($now, a Luxon DateTime, a JS Date), not text. */
export function isDateValue(value: unknown): value is Date | DateTime {
	return value instanceof Date || DateTime.isDateTime(value);
}

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})(?=$|[T ])/;

/**
 * A loop-detail date as Dotloop writes it (section 6.1: MM/DD/YYYY, e.g. 01/31/2017). A date is a
 * calendar day: text that starts with an ISO date keeps the day it names (2024-03-15T00:00:00Z is
 * 03/15/2024 in any timezone); only a real date-time value is an instant, read in the workflow's
 * timezone. Other text is sent as written (trimmed).
 */
export function toDotloopDate(value: unknown, timezone: string): string {
	if (isDateValue(value)) {
		const time = value instanceof Date ? DateTime.fromJSDate(value) : value;
		if (time.isValid) return time.setZone(timezone).toFormat('MM/dd/yyyy');
		return String(value);
	}
	const text = String(value ?? '').trim();
	const day = ISO_DAY.exec(text);
	if (!day) return text;
	const [, year, month, date] = day;
	const valid = DateTime.fromObject({ year: +year, month: +month, day: +date }).isValid;
	return valid ? `${month}/${date}/${year}` : text;
}

const US_DAY = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
const TEXT_DAY_FORMATS = ['MMMM d yyyy', 'MMM d yyyy'];

/**
 * A loop-detail date as Dotloop answers it, as a calendar day `YYYY-MM-DD`: `MM/DD/YYYY` as section 6.1
 * documents, free text as clients of the real API also met ("March 05, 2017", "Mar 5, 2017"), or an
 * ISO day. Undefined when the value is none of these or names no real day (02/30/2017).
 */
export function fromDotloopDate(value: unknown): string | undefined {
	const text = String(value ?? '').trim();
	const us = US_DAY.exec(text);
	const iso = ISO_DAY.exec(text);
	let day: DateTime | undefined;
	if (us) day = DateTime.fromObject({ year: +us[3], month: +us[1], day: +us[2] }, { zone: 'utc' });
	else if (iso && iso[0] === text)
		day = DateTime.fromObject({ year: +iso[1], month: +iso[2], day: +iso[3] }, { zone: 'utc' });
	else {
		const words = text.replace(/,/g, ' ').replace(/\s+/g, ' ');
		for (const format of TEXT_DAY_FORMATS) {
			day = DateTime.fromFormat(words, format, { locale: 'en-US', zone: 'utc' });
			if (day.isValid) break;
		}
	}
	return day?.isValid ? (day.toISODate() ?? undefined) : undefined;
}
