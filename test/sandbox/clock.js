'use strict';

// Resource timestamps are whole-second ISO strings, as in the documentation.
function isoSeconds(date = new Date()) {
	return new Date(Math.floor(new Date(date).getTime() / 1000) * 1000)
		.toISOString()
		.replace('.000Z', 'Z');
}

function isoMillis(date = new Date()) {
	return new Date(date).toISOString();
}

// Filter dates: whole-second ISO 8601 only; the real API rejects milliseconds with "Unparseable date".
const FILTER_DATE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(Z|[+-]\d{2}:?\d{2})$/;

function parseFilterDate(text) {
	// An unencoded "+01:00" in a query string arrives as " 01:00".
	const value = String(text)
		.trim()
		.replace(/ (\d{2}:?\d{2})$/, '+$1');
	const m = FILTER_DATE.exec(value);
	if (!m) return null;
	let zone = m[7];
	if (zone !== 'Z' && !zone.includes(':')) zone = `${zone.slice(0, 3)}:${zone.slice(3)}`;
	const ms = Date.parse(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${zone}`);
	return Number.isNaN(ms) ? null : ms;
}

// Detail dates look like 01/31/2017; sorting needs them comparable.
function parseUsDate(text) {
	const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(String(text || '').trim());
	if (!m) return null;
	return Date.UTC(Number(m[3]), Number(m[1]) - 1, Number(m[2]));
}

function usDate(ms) {
	const d = new Date(ms);
	const pad = (n) => String(n).padStart(2, '0');
	return `${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())}/${d.getUTCFullYear()}`;
}

const MONTHS = [
	'January',
	'February',
	'March',
	'April',
	'May',
	'June',
	'July',
	'August',
	'September',
	'October',
	'November',
	'December',
];

// 01/31/2017 → "January 31, 2017" (config.detailDateFormat 'text'); anything else unchanged.
function textDate(value) {
	const ms = parseUsDate(value);
	if (ms === null) return value;
	const d = new Date(ms);
	return `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, '0')}, ${d.getUTCFullYear()}`;
}

// Stored timestamps are whole seconds, so filters and renderings agree.
const second = (ms) => Math.floor(ms / 1000) * 1000;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

module.exports = {
	second,
	isoSeconds,
	isoMillis,
	parseFilterDate,
	parseUsDate,
	usDate,
	textDate,
	sleep,
};
