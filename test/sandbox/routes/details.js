'use strict';

const { detailsView } = require('../views');
const { updateDetails } = require('../mutations/loops');
const { loopFor, jsonBody, ok } = require('./resolve');

module.exports = [
	{
		method: 'GET',
		path: '/profile/:profileId/loop/:loopId/detail',
		scope: 'loop:read',
		handler: (ctx) =>
			ok(detailsView(loopFor(ctx).loop, { dates: ctx.app.config.detailDateFormat })),
	},
	{
		method: 'PATCH',
		path: '/profile/:profileId/loop/:loopId/detail',
		scope: 'loop:write',
		handler: (ctx) => {
			const { loop } = loopFor(ctx);
			return ok(
				detailsView(updateDetails(ctx.app, { loop, userId: ctx.userId, body: jsonBody(ctx) }), {
					dates: ctx.app.config.detailDateFormat,
				}),
			);
		},
	},
];
