'use strict';

const { participantView } = require('../views');
const {
	addParticipant,
	updateParticipant,
	removeParticipant,
} = require('../mutations/participants');
const { loopFor, participantFor, jsonBody, ok, created, list, noContent } = require('./resolve');

const BASE = '/profile/:profileId/loop/:loopId/participant';

module.exports = [
	{
		method: 'GET',
		path: BASE,
		scope: 'loop:read',
		handler: (ctx) => {
			const { loop } = loopFor(ctx);
			return list(
				loop.participantIds
					.map((id) => ctx.app.store.participants.get(id))
					.filter(Boolean)
					.map(participantView),
			);
		},
	},
	{
		method: 'POST',
		path: BASE,
		scope: 'loop:write',
		handler: (ctx) => {
			const { loop } = loopFor(ctx);
			return created(
				participantView(addParticipant(ctx.app, { loop, userId: ctx.userId, body: jsonBody(ctx) })),
			);
		},
	},
	{
		method: 'GET',
		path: `${BASE}/:participantId`,
		scope: 'loop:read',
		handler: (ctx) => ok(participantView(participantFor(ctx).participant)),
	},
	{
		method: 'PATCH',
		path: `${BASE}/:participantId`,
		scope: 'loop:write',
		handler: (ctx) => {
			const { loop, participant } = participantFor(ctx);
			return ok(
				participantView(
					updateParticipant(ctx.app, {
						loop,
						participant,
						userId: ctx.userId,
						body: jsonBody(ctx),
					}),
				),
			);
		},
	},
	{
		method: 'DELETE',
		path: `${BASE}/:participantId`,
		scope: 'loop:write',
		handler: (ctx) => {
			const { loop, participant } = participantFor(ctx);
			removeParticipant(ctx.app, { loop, participant, userId: ctx.userId });
			return noContent();
		},
	},
];
