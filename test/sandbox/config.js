'use strict';

const { badRequest, pointer } = require('./errors');

const DEFAULTS = {
	port: 0,
	clientId: 'dotloop-sandbox-client',
	clientSecret: 'dotloop-sandbox-secret',
	appName: 'Dotloop Sandbox Demo App',
	tokenTtlSeconds: 43199,
	rateLimit: 100,
	rateWindowMs: 60000,
	clockScale: 1,
	autoApprove: false,
	webhookOrigin: null,
	latencyMs: 0,
	errorRate: 0,
	webhookTimeoutMs: 5000,
	maxConsecutiveFailures: 20,
	pageSize: 10,
	// updated_min / created_min: the documentation does not say whether a record stamped exactly at the
	// bound is listed ('inclusive', as "min" suggests) or not ('exclusive').
	minFilterBound: 'inclusive',
	scope: null,
	seed: true,
	// null: the seed's fixed dates (tests rely on them); a ms timestamp: the seed's "now" (npm run demo).
	seedNow: null,
	quiet: false,
	// Readings of what the documentation leaves open (README, "Ambiguities"):
	webhookRetryTimestamp: 'fresh',
	webhookTimestampUnit: 'ms',
	// Paths exactly as documented (three end with a slash); false ignores trailing slashes.
	strictPaths: true,
	// Loop-detail values must be JSON strings (section 6.1 types them so); false keeps numbers as text.
	strictDetailValues: true,
	// Where a loop list item carries its details under include_details=true (section 5.1 shows none):
	// 'details', 'loopDetails', 'inline' (the sections beside id/name/status) or 'omitted' (flag ignored).
	listDetails: 'details',
	// The Location of a merged loop's 301 for a request below the loop (`…/loop/30003/folder?x=1`);
	// section 5.2 shows only the loop's own: 'subpath' (the new loop with the sub-path and the query),
	// 'loop' (the new loop only, as section 5.2's example) or 'none' (no Location; the loop's own 301
	// still carries one, as section 5.2 says it will).
	mergeLocation: 'subpath',
	// X-RateLimit-Reset: 'msUntil' (ms until the window resets, as observed), 'epochMs' or 'epochSeconds'.
	rateLimitReset: 'msUntil',
	// The file name of a document list item (section 8.1 shows `filename`; clients read `name`).
	documentNameField: 'filename',
	// The webhook signature headers: 'documented' (X-DOTLOOP-SIGNATURE / X-DOTLOOP-TIMESTAMP) or
	// 'webhookPrefixed' (X-DOTLOOP-WEBHOOK-SIGNATURE / X-DOTLOOP-WEBHOOK-TIMESTAMP, as one connector reads).
	signatureHeaders: 'documented',
	// Contacts carry `created` as well as `updated` (changelog 05/31/2017; sections 12.x show only
	// `updated`): false leaves `created` out of every contact answer.
	contactCreated: true,
	// Loop-detail dates: 'mdy' as documented (01/31/2017); 'text' as real clients met them ("March 05, 2017").
	detailDateFormat: 'mdy',
};

const num =
	(min, max, integer = false) =>
	(v) =>
		typeof v === 'number' &&
		Number.isFinite(v) &&
		v >= min &&
		v <= max &&
		(!integer || Number.isInteger(v));
const bool = (v) => typeof v === 'boolean';
const str = (v) => typeof v === 'string' && v.length > 0;
function origin(v) {
	if (v === null || v === '') return true;
	try {
		return /^https?:$/.test(new URL(v).protocol);
	} catch {
		return false;
	}
}

// What PATCH /_sandbox/config may change at run time, with the accepted values.
const MUTABLE = {
	rateLimit: [num(0, 1e9, true), 'an integer >= 0'],
	rateWindowMs: [num(1, 1e10), 'a number of milliseconds > 0'],
	clockScale: [num(1e-6, 1e9), 'a number > 0'],
	latencyMs: [num(0, 600000), 'a number of milliseconds >= 0'],
	tokenTtlSeconds: [num(1, 1e9, true), 'an integer >= 1'],
	autoApprove: [bool, 'true or false'],
	webhookOrigin: [origin, 'an http(s) origin such as http://127.0.0.1:5678, or null'],
	errorRate: [num(0, 1), 'a number between 0 and 1'],
	webhookTimeoutMs: [num(1, 600000), 'a number of milliseconds > 0'],
	maxConsecutiveFailures: [num(1, 1e9, true), 'an integer >= 1'],
	appName: [str, 'a non-empty string'],
	scope: [(v) => v === null || str(v), 'a scope string such as "loop:read, contact:*", or null'],
	minFilterBound: [(v) => v === 'inclusive' || v === 'exclusive', '"inclusive" or "exclusive"'],
	webhookRetryTimestamp: [(v) => v === 'fresh' || v === 'original', '"fresh" or "original"'],
	webhookTimestampUnit: [(v) => v === 'ms' || v === 's', '"ms" or "s"'],
	strictPaths: [bool, 'true or false'],
	strictDetailValues: [bool, 'true or false'],
	listDetails: [
		(v) => ['details', 'loopDetails', 'inline', 'omitted'].includes(v),
		'"details", "loopDetails", "inline" or "omitted"',
	],
	mergeLocation: [(v) => ['subpath', 'loop', 'none'].includes(v), '"subpath", "loop" or "none"'],
	rateLimitReset: [
		(v) => ['msUntil', 'epochMs', 'epochSeconds'].includes(v),
		'"msUntil", "epochMs" or "epochSeconds"',
	],
	documentNameField: [
		(v) => ['filename', 'name', 'both'].includes(v),
		'"filename", "name" or "both"',
	],
	signatureHeaders: [
		(v) => v === 'documented' || v === 'webhookPrefixed',
		'"documented" or "webhookPrefixed"',
	],
	contactCreated: [bool, 'true or false'],
	detailDateFormat: [(v) => v === 'mdy' || v === 'text', '"mdy" or "text"'],
};

function validateChanges(changes) {
	if (!changes || typeof changes !== 'object' || Array.isArray(changes))
		throw badRequest('body must be a JSON object', pointer('/'));
	const out = {};
	for (const [key, value] of Object.entries(changes)) {
		const rule = MUTABLE[key];
		if (!rule)
			throw badRequest(
				`${key} cannot be changed; changeable: ${Object.keys(MUTABLE).join(', ')}`,
				pointer(`/${key}`),
			);
		if (!rule[0](value)) throw badRequest(`${key} must be ${rule[1]}`, pointer(`/${key}`));
		out[key] = key === 'webhookOrigin' && value === '' ? null : value;
	}
	return out;
}

function createConfig(options = {}) {
	const config = { ...DEFAULTS };
	for (const [key, value] of Object.entries(options))
		if (value !== undefined && key in DEFAULTS) config[key] = value;
	if (!Number.isInteger(config.port) || config.port < 0 || config.port > 65535) {
		throw new Error(`port must be an integer between 0 and 65535, got ${options.port}`);
	}
	if (config.seedNow !== null && !(Number.isSafeInteger(config.seedNow) && config.seedNow > 0)) {
		throw new Error(`seedNow must be null or a millisecond timestamp, got ${options.seedNow}`);
	}
	const checked = validateChanges(
		Object.fromEntries(
			Object.entries(config).filter(([k]) => k in MUTABLE && config[k] !== DEFAULTS[k]),
		),
	);
	Object.assign(config, checked);
	return config;
}

module.exports = { DEFAULTS, MUTABLE, createConfig, validateChanges };
