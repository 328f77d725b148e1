'use strict';

const { loopView, loopListItemView, loopItView } = require('../views');
const { unprocessable, param } = require('../errors');
const {
	parseBatch,
	page,
	parseFilter,
	applyLoopFilter,
	parseSort,
	sortLoops,
	booleanParam,
} = require('../listing');
const { createLoop, updateLoop, loopIt } = require('../mutations/loops');
const { profileFor, loopFor, jsonBody, ok, created, list } = require('./resolve');

const LOOP_FILTER_KEYS = ['updated_min', 'created_min', 'transaction_type', 'transaction_status'];

function listLoops(ctx) {
	const profile = profileFor(ctx, { individual: true });
	const batch = parseBatch(ctx.query);
	const filter = parseFilter(ctx.query, LOOP_FILTER_KEYS);
	const sort = parseSort(ctx.query);
	const details = booleanParam(ctx.query, 'include_details');
	const bound = ctx.app.config.minFilterBound;
	const loops = sortLoops(
		applyLoopFilter(ctx.app.store.loopsOfProfile(profile.id), filter, bound),
		sort,
	);
	return list(
		page(loops, batch).map((l) =>
			loopListItemView(ctx.app.store, l, {
				details,
				reading: ctx.app.config.listDetails,
				dates: ctx.app.config.detailDateFormat,
			}),
		),
		loops.length,
	);
}

// Loop-It takes profile_id from the query; it may be left out only when the account has one profile.
function postLoopIt(ctx) {
	const body = jsonBody(ctx);
	if (!ctx.query.get('profile_id')) {
		const profiles = ctx.app.store.profilesOfUser(ctx.userId);
		if (profiles.length !== 1)
			throw unprocessable(
				'profile_id is required because the account has more than one profile',
				param('profile_id'),
			);
		ctx.params.profileId = String(profiles[0].id);
	} else {
		ctx.params.profileId = ctx.query.get('profile_id');
	}
	const profile = profileFor(ctx, { individual: true });
	return created(loopItView(loopIt(ctx.app, { profile, userId: ctx.userId, body })));
}

module.exports = [
	{ method: 'POST', path: '/loop-it', scope: 'loop:write', handler: postLoopIt },
	{ method: 'GET', path: '/profile/:profileId/loop', scope: 'loop:read', handler: listLoops },
	{
		method: 'POST',
		path: '/profile/:profileId/loop',
		scope: 'loop:write',
		handler: (ctx) => {
			const profile = profileFor(ctx, { individual: true });
			const loop = createLoop(ctx.app, { profile, userId: ctx.userId, body: jsonBody(ctx) });
			return created(loopView(ctx.app.store, loop, { withProfileId: true }));
		},
	},
	{
		method: 'GET',
		path: '/profile/:profileId/loop/:loopId',
		scope: 'loop:read',
		handler: (ctx) => ok(loopView(ctx.app.store, loopFor(ctx).loop)),
	},
	{
		method: 'PATCH',
		path: '/profile/:profileId/loop/:loopId',
		scope: 'loop:write',
		handler: (ctx) => {
			const { loop } = loopFor(ctx);
			return ok(
				loopView(
					ctx.app.store,
					updateLoop(ctx.app, { loop, userId: ctx.userId, body: jsonBody(ctx) }),
				),
			);
		},
	},
];
