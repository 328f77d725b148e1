'use strict';

const { badRequest, notFound, unprocessable, pointer, ApiError } = require('./errors');
const { parseJsonBody } = require('./http-util');
const { validateChanges } = require('./config');
const { snapshot } = require('./state');
const { simulate } = require('./simulate');
const { mergeLoops } = require('./mutations/loops');
const { generateContacts, generateLoops, USER_ID } = require('./seed');
const { seedLargeAccount, seedFailedEvents, patchProfile } = require('./large-account');

// Inspection and control endpoints under /_sandbox (no auth, JSON in and out).
function body(ctx) {
	const parsed = parseJsonBody(ctx.rawBody);
	if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
		throw badRequest('body must be a JSON object', pointer('/'));
	return parsed;
}

const json = (data, status = 200) => ({ status, body: data });

function patchConfig(app, ctx) {
	const changes = validateChanges(body(ctx));
	Object.assign(app.config, changes);
	if (['rateLimit', 'rateWindowMs', 'clockScale'].some((k) => k in changes))
		app.rateLimiter.clear();
	return json({ data: app.publicConfig() });
}

function requests(app, ctx) {
	const since = Number(ctx.query.get('since') || 0);
	if (!Number.isFinite(since))
		throw badRequest('since must be a sequence number', { parameter: 'since' });
	return json({ data: app.requestLog.since(since), lastSeq: app.requestLog.seq });
}

function issueToken(app, ctx) {
	const b = body(ctx);
	const ttl = b.ttlSeconds === undefined ? app.config.tokenTtlSeconds : Number(b.ttlSeconds);
	if (!Number.isInteger(ttl) || ttl < 1)
		throw badRequest('ttlSeconds must be an integer >= 1', pointer('/ttlSeconds'));
	const grant = app.tokens.newGrant(app.config.clientId, USER_ID, ttl);
	return json(app.tokens.response(grant));
}

// Merges a loop into `intoLoopId` (any profile), or into a new loop on `intoProfileId` (default: its own):
// real merges were seen moving a loop to another profile.
function merge(app, ctx, loopId) {
	const b = body(ctx);
	const from = app.store.loops.get(Number(loopId));
	if (!from) throw notFound(`Loop ${loopId} not found`);
	let into = null;
	if (b.intoLoopId !== undefined && b.intoLoopId !== null) {
		into = app.store.loops.get(Number(b.intoLoopId));
		if (!into) throw notFound(`Loop ${b.intoLoopId} not found`);
	}
	let intoProfileId;
	if (b.intoProfileId !== undefined && b.intoProfileId !== null) {
		if (into)
			throw badRequest('give intoLoopId or intoProfileId, not both', pointer('/intoProfileId'));
		const profile = app.store.profiles.get(Number(b.intoProfileId));
		if (!profile) throw notFound(`Profile ${b.intoProfileId} not found`);
		if (profile.type !== 'INDIVIDUAL')
			throw unprocessable(
				`Profile ${profile.id} is ${profile.type}; loops live on INDIVIDUAL profiles`,
				pointer('/intoProfileId'),
			);
		intoProfileId = profile.id;
	}
	return json(mergeLoops(app, { from, into, intoProfileId, userId: USER_ID }));
}

function seedLoops(app, ctx) {
	const b = body(ctx);
	const profile = app.store.profiles.get(Number(b.profileId));
	if (!profile) throw notFound(`Profile ${b.profileId} not found`);
	if (profile.type !== 'INDIVIDUAL')
		throw unprocessable(
			`Profile ${profile.id} is ${profile.type}; loops live on INDIVIDUAL profiles`,
			pointer('/profileId'),
		);
	const count = Number(b.count);
	if (!Number.isInteger(count) || count < 1 || count > 200000)
		throw badRequest('count must be an integer between 1 and 200000', pointer('/count'));
	const started = Date.now();
	const result = generateLoops(app.store, profile.id, count);
	return json({ profileId: profile.id, ...result, durationMs: Date.now() - started });
}

function seedContacts(app, ctx) {
	const b = body(ctx);
	const count = Number(b.count);
	if (!Number.isInteger(count) || count < 1 || count > 200000)
		throw badRequest('count must be an integer between 1 and 200000', pointer('/count'));
	const started = Date.now();
	const result = generateContacts(app.store, USER_ID, count);
	return json({ userId: USER_ID, ...result, durationMs: Date.now() - started });
}

function deliveries(app, ctx) {
	const q = ctx.query;
	const since = Number(q.get('since') || 0);
	const data = app.webhooks.log.filter(
		(d) =>
			d.seq > since &&
			(!q.get('subscriptionId') || d.subscriptionId === q.get('subscriptionId')) &&
			(!q.get('eventId') || d.eventId === q.get('eventId')),
	);
	return json({ data });
}

// Section 14.3.4: after its last retry an event is FAILED and never sent again. This skips the wait.
function failEvent(app, ctx, eventId) {
	const record = app.store.events.get(eventId);
	if (!record) throw notFound(`Event ${eventId} not found`);
	app.webhooks.cancel(record, 'FAILED');
	record.deliveryStatus = 'FAILED';
	return json({ id: record.id, subscriptionId: record.subscriptionId, deliveryStatus: 'FAILED' });
}

// "If a subscription results in too many failed events in succession we may disable the subscription."
function disableSubscription(app, ctx, subscriptionId) {
	const sub = app.store.subscriptions.get(subscriptionId);
	if (!sub) throw notFound(`Subscription ${subscriptionId} not found`);
	if (sub.enabled) app.subscriptions.disable(sub, 'too many consecutive delivery failures');
	return json({ id: sub.id, enabled: sub.enabled });
}

function reset(app, ctx) {
	const b = body(ctx);
	app.reset({ tokens: b.tokens === true });
	return json({ status: 'reset', tokensCleared: b.tokens === true });
}

const ROUTES = [
	[
		'GET',
		/^\/_sandbox\/health$/,
		(app) => json({ status: 'ok', uptimeMs: Date.now() - app.startedAt, url: app.url }),
	],
	['GET', /^\/_sandbox\/config$/, (app) => json({ data: app.publicConfig() })],
	['PATCH', /^\/_sandbox\/config$/, patchConfig],
	['GET', /^\/_sandbox\/requests$/, requests],
	['DELETE', /^\/_sandbox\/requests$/, (app) => (app.requestLog.clear(), { status: 204 })],
	['GET', /^\/_sandbox\/state$/, (app) => json(snapshot(app))],
	['GET', /^\/_sandbox\/faults$/, (app) => json({ data: app.faults.list() })],
	['POST', /^\/_sandbox\/faults$/, (app, ctx) => json({ data: app.faults.add(body(ctx)) }, 201)],
	['DELETE', /^\/_sandbox\/faults$/, (app) => (app.faults.clear(), { status: 204 })],
	['POST', /^\/_sandbox\/tokens$/, issueToken],
	['POST', /^\/_sandbox\/tokens\/expire$/, (app) => json({ expired: app.tokens.expireAll() })],
	['POST', /^\/_sandbox\/loops\/(\d+)\/merge$/, merge],
	['POST', /^\/_sandbox\/simulate$/, (app, ctx) => json({ data: simulate(app, body(ctx)) })],
	['POST', /^\/_sandbox\/seed\/loops$/, seedLoops],
	['POST', /^\/_sandbox\/seed\/contacts$/, seedContacts],
	[
		'POST',
		/^\/_sandbox\/seed\/large-account$/,
		(app, ctx) => json(seedLargeAccount(app, body(ctx))),
	],
	[
		'POST',
		/^\/_sandbox\/seed\/failed-events$/,
		(app, ctx) => json(seedFailedEvents(app, body(ctx))),
	],
	[
		'PATCH',
		/^\/_sandbox\/profiles\/(\d+)$/,
		(app, ctx, id) => json(patchProfile(app, id, body(ctx))),
	],
	['POST', /^\/_sandbox\/reset$/, reset],
	['POST', /^\/_sandbox\/events\/([0-9a-f-]+)\/fail$/, failEvent],
	['POST', /^\/_sandbox\/subscriptions\/([0-9a-f-]+)\/disable$/, disableSubscription],
	['GET', /^\/_sandbox\/deliveries$/, deliveries],
];

async function handleAdmin(app, ctx) {
	for (const [method, regex, handler] of ROUTES) {
		const m = regex.exec(ctx.path);
		if (!m || method !== ctx.method) continue;
		try {
			return handler(app, ctx, ...m.slice(1));
		} catch (err) {
			if (err instanceof ApiError) return { status: err.status, body: err.body() };
			throw err;
		}
	}
	return {
		status: 404,
		body: { errors: [{ code: '404', detail: `No admin endpoint ${ctx.method} ${ctx.path}` }] },
	};
}

module.exports = { handleAdmin };
