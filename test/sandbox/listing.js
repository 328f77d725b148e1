'use strict';

const { badRequest, param } = require('./errors');
const { parseFilterDate, parseUsDate } = require('./clock');
const { TRANSACTION_TYPES, ALL_STATUSES, LOOP_SORT_CATEGORIES } = require('./constants');

const DEFAULT_BATCH_SIZE = 20;
const MAX_BATCH_SIZE = 100;

function positiveInt(query, name, fallback) {
	const raw = query.get(name);
	if (raw === null || raw === '') return fallback;
	if (!/^\d+$/.test(raw.trim())) return null;
	return Number(raw.trim());
}

function parseBatch(query) {
	const size = positiveInt(query, 'batch_size', DEFAULT_BATCH_SIZE);
	if (size === null || size < 1 || size > MAX_BATCH_SIZE) {
		throw badRequest(`batch_size must be between 1 and ${MAX_BATCH_SIZE}`, param('batch_size'));
	}
	const number = positiveInt(query, 'batch_number', 1);
	if (number === null || number < 1)
		throw badRequest('batch_number must be a positive integer', param('batch_number'));
	return { size, number };
}

function page(items, { size, number }) {
	return items.slice((number - 1) * size, number * size);
}

const LIST_FILTERS = {
	updated_min: 'date',
	created_min: 'date',
	transaction_type: TRANSACTION_TYPES,
	transaction_status: ALL_STATUSES,
};

// `filter=key=value,key=v1|v2`; repeated filter parameters are joined with "," (as a Spring server
// binds them). The deprecated top-level updated_min is still honoured.
function parseFilter(query, allowedKeys) {
	const raw = query
		.getAll('filter')
		.filter((f) => f !== '')
		.join(',');
	const out = {};
	const legacy = query.get('updated_min');
	const pairs = raw ? raw.split(',') : [];
	if (legacy) pairs.unshift(`updated_min=${legacy}`);
	for (const pair of pairs) {
		if (!pair.trim()) continue;
		const i = pair.indexOf('=');
		const key = (i < 0 ? pair : pair.slice(0, i)).trim();
		const value = i < 0 ? '' : pair.slice(i + 1).trim();
		if (!allowedKeys.includes(key)) {
			throw badRequest(
				`Unknown filter key "${key}"; allowed: ${allowedKeys.join(', ')}`,
				param('filter'),
			);
		}
		const kind = LIST_FILTERS[key];
		if (kind === 'date') {
			const ms = parseFilterDate(value);
			if (ms === null) throw badRequest(`Unparseable date: "${value}"`, param('filter'));
			out[key] = ms;
		} else {
			const values = value
				.split('|')
				.map((v) => v.trim())
				.filter(Boolean);
			const bad = values.filter((v) => !kind.includes(v));
			if (!values.length || bad.length) {
				throw badRequest(`Invalid ${key} value: "${bad.join('|') || value}"`, param('filter'));
			}
			out[key] = values;
		}
	}
	return out;
}

// `bound`: config.minFilterBound, how a record stamped exactly at updated_min / created_min is treated.
function atOrAfter(value, min, bound = 'inclusive') {
	return min === undefined || (bound === 'exclusive' ? value > min : value >= min);
}

function applyLoopFilter(loops, f, bound) {
	return loops.filter(
		(l) =>
			atOrAfter(l.updated, f.updated_min, bound) &&
			atOrAfter(l.created, f.created_min, bound) &&
			(!f.transaction_type || f.transaction_type.includes(l.transactionType)) &&
			(!f.transaction_status || f.transaction_status.includes(l.status)),
	);
}

const detail = (loop, section, field) => (loop.details[section] || {})[field];

function numberOrNull(text) {
	if (text === undefined || text === null || text === '') return null;
	const n = Number(String(text).replace(/[$,\s]/g, ''));
	return Number.isNaN(n) ? null : n;
}

function addressKey(loop) {
	const street = detail(loop, 'Property Address', 'Street Name');
	if (!street) return null;
	const number = String(detail(loop, 'Property Address', 'Street Number') || '').padStart(8, '0');
	const city = detail(loop, 'Property Address', 'City') || '';
	return `${street.toLowerCase()}|${number}|${city.toLowerCase()}`;
}

const SORT_KEYS = {
	address: addressKey,
	created: (l) => l.created,
	updated: (l) => l.updated,
	purchase_price: (l) => numberOrNull(detail(l, 'Financials', 'Purchase/Sale Price')),
	listing_date: (l) => parseUsDate(detail(l, 'Listing Information', 'Listing Date')),
	expiration_date: (l) => parseUsDate(detail(l, 'Listing Information', 'Expiration Date')),
	closing_date: (l) => parseUsDate(detail(l, 'Contract Dates', 'Closing Date')),
	review_submission_date: (l) => l.reviewSubmissionDate ?? null,
};

// `sort=<category>[:asc|desc]`, ascending unless told. Without a sort (or with `default`) loops come
// most recently updated first. Loops without a value sort last either way; ties go by id.
function parseSort(query) {
	const raw = query.get('sort');
	if (raw === null || raw.trim() === '') return { category: 'default', direction: null };
	const [category, direction, extra] = raw.trim().split(':');
	if (!LOOP_SORT_CATEGORIES.includes(category) || extra !== undefined) {
		throw badRequest(
			`Invalid sort category "${category}"; allowed: ${LOOP_SORT_CATEGORIES.join(', ')}`,
			param('sort'),
		);
	}
	if (direction !== undefined && direction !== 'asc' && direction !== 'desc') {
		throw badRequest(`Invalid sort direction "${direction}"; use asc or desc`, param('sort'));
	}
	return { category, direction: direction || null };
}

function sortLoops(loops, { category, direction }) {
	let keyOf = SORT_KEYS[category];
	let desc = direction === 'desc';
	if (category === 'default') {
		keyOf = SORT_KEYS.updated;
		desc = direction !== 'asc';
	}
	const keyed = loops.map((loop) => ({ loop, key: keyOf(loop) }));
	keyed.sort((a, b) => {
		const an = a.key === null || a.key === undefined;
		const bn = b.key === null || b.key === undefined;
		if (an !== bn) return an ? 1 : -1;
		if (!an && a.key !== b.key) {
			const c = a.key < b.key ? -1 : 1;
			return desc ? -c : c;
		}
		return a.loop.id - b.loop.id;
	});
	return keyed.map((k) => k.loop);
}

function booleanParam(query, name) {
	const raw = query.get(name);
	return raw !== null && raw.trim().toLowerCase() === 'true';
}

// Cursor paging for subscriptions and events: an opaque base64 token.
function encodeCursor(value) {
	return Buffer.from(JSON.stringify(value), 'utf8').toString('base64');
}

function decodeCursor(query, name = 'next_cursor') {
	const raw = query.get(name);
	if (raw === null || raw === '') return null;
	try {
		const value = JSON.parse(Buffer.from(raw.replace(/ /g, '+'), 'base64').toString('utf8'));
		if (value && typeof value === 'object') return value;
	} catch {
		// fall through
	}
	throw badRequest('Invalid cursor', param(name));
}

module.exports = {
	DEFAULT_BATCH_SIZE,
	MAX_BATCH_SIZE,
	parseBatch,
	page,
	parseFilter,
	applyLoopFilter,
	atOrAfter,
	parseSort,
	sortLoops,
	booleanParam,
	encodeCursor,
	decodeCursor,
};
