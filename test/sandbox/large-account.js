'use strict';

const crypto = require('crypto');
const { badRequest, notFound, unprocessable, pointer } = require('./errors');
const { TRANSACTION_STATUSES, TRANSACTION_TYPES, RETRY_SCHEDULE_MS } = require('./constants');
const { isoSeconds, parseFilterDate, second, usDate } = require('./clock');
const { generateContacts, newLoopRecord, USER_ID } = require('./seed');
const D = require('./seed-data');

// A brokerage's account, fast (admin routes in admin.js): most loops closed and never archived, thousands
// of contacts, a burst of failed webhook events. Plain records, no documents or activities.
const DAY = 86400e3;
const UPCOMING_SPAN_DAYS = 28;

function intIn(value, name, min, max, fallback) {
	const n = value === undefined ? fallback : Number(value);
	if (!Number.isInteger(n) || n < min || n > max)
		throw badRequest(`${name} must be an integer between ${min} and ${max}`, pointer(`/${name}`));
	return n;
}

// Every (type, status) pair of section 17.1.3 except SOLD: the loops that are not the `sold` ones.
function otherPairs() {
	const pairs = [];
	for (const type of TRANSACTION_TYPES)
		for (const status of TRANSACTION_STATUSES[type])
			if (status !== 'SOLD') pairs.push([type, status]);
	return pairs;
}

/**
 * `count` loops on the profile: the first `sold` SOLD (alternating PURCHASE_OFFER / LISTING_FOR_SALE), the
 * rest cycling through the other (type, status) pairs of section 17.1.3. "Contract Dates|Closing Date"
 * lies 30 to 89 days in the past, except for `upcoming` loops that are neither SOLD/LEASED/DONE nor
 * ARCHIVED and ceil(upcoming / 10) SOLD ones: their closing date is 1 to 28 days after `now` (UTC
 * days). Loops were created one minute apart ending a day before `now`; `updated` = `created`.
 */
function seedLoopMix(store, profileId, { count, sold, upcoming, now }) {
	const pairs = otherPairs();
	const closed = new Set(['SOLD', 'LEASED', 'DONE', 'ARCHIVED']);
	let openUpcoming = 0;
	let soldUpcoming = 0;
	const soldUpcomingMax = Math.ceil(upcoming / 10);
	const statuses = {};
	const firstId = store.lastIds.loop + 1;
	const today = Math.floor(now / DAY) * DAY;
	for (let i = 0; i < count; i += 1) {
		const [transactionType, status] =
			i < sold
				? [i % 2 ? 'LISTING_FOR_SALE' : 'PURCHASE_OFFER', 'SOLD']
				: pairs[(i - sold) % pairs.length];
		const created = second(now - DAY - (count - i) * 60e3);
		const id = store.nextId('loop');
		const city = D.CITIES[i % D.CITIES.length];
		const street = `${10 + (i % 4990)} ${D.STREETS[i % D.STREETS.length]}`;
		const loop = newLoopRecord(id, profileId, {
			name: `${street}, ${city.city}, ${city.state} ${city.zip}`,
			transactionType,
			status,
			created,
			updated: created,
		});
		// Past dates well before today in every time zone (a date a day ago is today west of UTC).
		let closing = today - (30 + (i % 60)) * DAY;
		if (!closed.has(status) && openUpcoming < upcoming) {
			openUpcoming += 1;
			closing = today + (1 + (openUpcoming % UPCOMING_SPAN_DAYS)) * DAY;
		} else if (status === 'SOLD' && i % 97 === 0 && soldUpcoming < soldUpcomingMax) {
			soldUpcoming += 1;
			closing = today + (1 + (soldUpcoming % UPCOMING_SPAN_DAYS)) * DAY;
		}
		loop.details = {
			'Property Address': {
				'Street Number': street.split(' ')[0],
				'Street Name': D.STREETS[i % D.STREETS.length],
				City: city.city,
				'State/Prov': city.state,
				'Zip/Postal Code': city.zip,
				Country: 'US',
			},
			'Contract Dates': { 'Closing Date': usDate(closing) },
		};
		store.loops.set(id, loop);
		statuses[status] = (statuses[status] || 0) + 1;
	}
	return {
		firstId,
		lastId: store.lastIds.loop,
		count,
		statuses,
		upcoming: { open: openUpcoming, sold: soldUpcoming },
	};
}

// What the attempts of an event that used up its retries (section 14.3.4) look like: 9 attempts, each
// after the schedule's delay, none answered 2xx.
function failedAttempts(createdOn, url) {
	const out = [];
	let at = createdOn;
	for (let i = 0; i <= RETRY_SCHEDULE_MS.length; i += 1) {
		if (i > 0) at += RETRY_SCHEDULE_MS[i - 1];
		out.push({
			responseCode: 503,
			responseBody: 'Service Unavailable',
			url,
			requestSentAt: new Date(at).toISOString(),
			durationMs: 12,
		});
	}
	return out;
}

/**
 * `count` LOOP_UPDATED events on the subscription, created `stepMs` apart from `from` (whole-second ISO),
 * listed in creation order. `deliveryStatus` FAILED: all retries used (9 attempts); SCHEDULED: still
 * waiting (no attempt is ever sent: POST /_sandbox/events/:id/fail fails one later, as the 16-hour
 * schedule would).
 */
function seedEventBurst(app, sub, { count, from, stepMs, deliveryStatus }) {
	const { store } = app;
	const ids = [];
	for (let i = 0; i < count; i += 1) {
		const createdOn = from + i * stepMs;
		const loopId = 50001 + (i % 30);
		const record = {
			id: crypto.randomUUID(),
			subscriptionId: sub.id,
			createdOn,
			eventType: 'LOOP_UPDATED',
			eventData: { id: String(loopId) },
			profileId: sub.targetType === 'PROFILE' ? sub.targetId : undefined,
			deliveryStatus,
			deliveryAttempts: deliveryStatus === 'FAILED' ? RETRY_SCHEDULE_MS.length + 1 : 0,
			responseData: deliveryStatus === 'FAILED' ? failedAttempts(createdOn, sub.url) : [],
			goodbye: false,
			target: null,
		};
		record.body = JSON.stringify({
			eventId: record.id,
			createdOn: isoSeconds(createdOn),
			subscriptionId: sub.id,
			subscriptionExternalId: sub.externalId ?? null,
			profileId: record.profileId === undefined ? null : String(record.profileId),
			eventType: record.eventType,
			event: record.eventData,
		});
		store.events.set(record.id, record);
		ids.push(record.id);
	}
	// The event list follows creation: keep the subscription's history in createdOn order.
	sub.eventIds.push(...ids);
	sub.eventIds.sort((a, b) => store.events.get(a).createdOn - store.events.get(b).createdOn);
	return { subscriptionId: sub.id, count, ids };
}

// POST /_sandbox/seed/large-account {profileId, loops?, sold?, upcoming?, contacts?}
function seedLargeAccount(app, b) {
	const profile = app.store.profiles.get(Number(b.profileId));
	if (!profile) throw notFound(`Profile ${b.profileId} not found`);
	if (profile.type !== 'INDIVIDUAL')
		throw unprocessable(
			`Profile ${profile.id} is ${profile.type}; loops live on INDIVIDUAL profiles`,
			pointer('/profileId'),
		);
	const count = intIn(b.loops, 'loops', 0, 200000, 20000);
	const sold = intIn(b.sold, 'sold', 0, count, Math.min(14000, count));
	const upcoming = intIn(b.upcoming, 'upcoming', 0, count, Math.min(100, count));
	const contacts = intIn(b.contacts, 'contacts', 0, 100000, 5000);
	const now = Date.now();
	const started = now;
	return {
		profileId: profile.id,
		loops: seedLoopMix(app.store, profile.id, { count, sold, upcoming, now }),
		contacts: generateContacts(app.store, USER_ID, contacts, now - DAY),
		durationMs: Date.now() - started,
	};
}

// POST /_sandbox/seed/failed-events {subscriptionId, count?, from?, stepMs?, deliveryStatus?}
function seedFailedEvents(app, b) {
	const sub = app.store.subscriptions.get(b.subscriptionId);
	if (!sub) throw notFound(`Subscription ${b.subscriptionId} not found`);
	const count = intIn(b.count, 'count', 1, 100000, 310);
	const stepMs = intIn(b.stepMs, 'stepMs', 0, 86400e3, 1000);
	let from = Date.now() - 17 * 3600e3 - count * stepMs;
	if (b.from !== undefined) {
		from = parseFilterDate(b.from);
		if (from === null)
			throw badRequest('from must be a whole-second ISO 8601 timestamp', pointer('/from'));
	}
	const deliveryStatus = b.deliveryStatus === undefined ? 'FAILED' : b.deliveryStatus;
	if (deliveryStatus !== 'FAILED' && deliveryStatus !== 'SCHEDULED')
		throw badRequest('deliveryStatus must be "FAILED" or "SCHEDULED"', pointer('/deliveryStatus'));
	return seedEventBurst(app, sub, { count, from, stepMs, deliveryStatus });
}

// PATCH /_sandbox/profiles/:id {deactivated?, refuse?}
function patchProfile(app, profileId, b) {
	const profile = app.store.profiles.get(Number(profileId));
	if (!profile) throw notFound(`Profile ${profileId} not found`);
	if (b.deactivated !== undefined && typeof b.deactivated !== 'boolean')
		throw badRequest('deactivated must be true or false', pointer('/deactivated'));
	if (b.refuse !== undefined && ![403, 404, null].includes(b.refuse))
		throw badRequest('refuse must be 403, 404 or null', pointer('/refuse'));
	const unknown = Object.keys(b).filter((k) => k !== 'deactivated' && k !== 'refuse');
	if (unknown.length)
		throw badRequest(
			`${unknown[0]} cannot be changed; changeable: deactivated, refuse`,
			pointer(`/${unknown[0]}`),
		);
	if (b.deactivated !== undefined) profile.deactivated = b.deactivated;
	if (b.refuse !== undefined) profile.refuse = b.refuse;
	return {
		id: profile.id,
		deactivated: Boolean(profile.deactivated),
		refuse: profile.refuse ?? null,
	};
}

module.exports = {
	seedLargeAccount,
	seedFailedEvents,
	patchProfile,
	seedLoopMix,
};
