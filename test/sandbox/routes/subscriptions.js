'use strict';

const { subscriptionView, eventRecordView } = require('../views');
const { badRequest, notFound, param } = require('../errors');
const { DELIVERY_STATUSES } = require('../constants');
const { booleanParam, encodeCursor, decodeCursor } = require('../listing');
const { subscriptionFor, jsonBody, ok, noContent } = require('./resolve');

const SCOPE = 'contact:read|loop:read';

// Cursor pages: `{data: [...], meta: {nextCursor?}}`.
function cursorPage(items, size, cursorOf) {
	const data = items.slice(0, size);
	const meta = {};
	if (items.length > size) meta.nextCursor = encodeCursor(cursorOf(data[data.length - 1]));
	return { data, meta };
}

function listSubscriptions(ctx) {
	const cursor = decodeCursor(ctx.query);
	const after = cursor ? Number(cursor.after) || 0 : 0;
	const onlyEnabled = booleanParam(ctx.query, 'enabled');
	const subs = ctx.app.store
		.subscriptionsOf(ctx.clientId, ctx.userId)
		.filter((s) => s.seq > after && (!onlyEnabled || s.enabled))
		.sort((a, b) => a.seq - b.seq);
	const { data, meta } = cursorPage(subs, ctx.app.config.pageSize, (s) => ({ after: s.seq }));
	return { status: 200, body: { data: data.map(subscriptionView), meta } };
}

// Events newest first; the cursor is the position in the subscription's event history.
function listEvents(ctx) {
	const sub = subscriptionFor(ctx);
	const status = ctx.query.get('delivery_status');
	if (status && !DELIVERY_STATUSES.includes(status)) {
		throw badRequest(
			`delivery_status must be one of ${DELIVERY_STATUSES.join(', ')}`,
			param('delivery_status'),
		);
	}
	const cursor = decodeCursor(ctx.query);
	const before = cursor ? Number(cursor.before) : sub.eventIds.length;
	const items = [];
	for (let i = Math.min(before, sub.eventIds.length) - 1; i >= 0; i -= 1) {
		const record = ctx.app.store.events.get(sub.eventIds[i]);
		if (record && (!status || record.deliveryStatus === status)) items.push({ record, index: i });
	}
	const { data, meta } = cursorPage(items, ctx.app.config.pageSize, (item) => ({
		before: item.index,
	}));
	return { status: 200, body: { data: data.map((item) => eventRecordView(item.record)), meta } };
}

function getEvent(ctx) {
	const sub = subscriptionFor(ctx);
	const record = ctx.app.store.events.get(ctx.params.eventId);
	if (!record || record.subscriptionId !== sub.id)
		throw notFound(`Event ${ctx.params.eventId} not found`);
	return ok(eventRecordView(record));
}

module.exports = [
	{ method: 'GET', path: '/subscription', scope: SCOPE, handler: listSubscriptions },
	{
		method: 'POST',
		path: '/subscription',
		scope: SCOPE,
		// "Create a Subscription" (docs) answers 200, not 201.
		handler: (ctx) =>
			ok(
				subscriptionView(
					ctx.app.subscriptions.create({
						clientId: ctx.clientId,
						userId: ctx.userId,
						body: jsonBody(ctx),
					}),
				),
			),
	},
	{
		method: 'GET',
		path: '/subscription/:subscriptionId',
		scope: SCOPE,
		handler: (ctx) => ok(subscriptionView(subscriptionFor(ctx))),
	},
	{
		method: 'PATCH',
		path: '/subscription/:subscriptionId',
		scope: SCOPE,
		handler: (ctx) =>
			ok(subscriptionView(ctx.app.subscriptions.update(subscriptionFor(ctx), jsonBody(ctx)))),
	},
	{
		method: 'DELETE',
		path: '/subscription/:subscriptionId',
		scope: SCOPE,
		handler: (ctx) => {
			ctx.app.subscriptions.remove(subscriptionFor(ctx));
			return noContent();
		},
	},
	{ method: 'GET', path: '/subscription/:subscriptionId/event', scope: SCOPE, handler: listEvents },
	{
		method: 'GET',
		path: '/subscription/:subscriptionId/event/:eventId',
		scope: SCOPE,
		handler: getEvent,
	},
];
