'use strict';

const { profileView } = require('../views');
const { createProfile, updateProfile } = require('../mutations/profiles');
const { profileFor, jsonBody, ok, created, list } = require('./resolve');

function listProfiles(ctx) {
	const user = ctx.app.store.users.get(ctx.userId);
	return list(
		ctx.app.store.profilesOfUser(ctx.userId).map((p) => profileView(p, { list: true, user })),
	);
}

module.exports = [
	{ method: 'GET', path: '/profile', scope: 'profile:read', handler: listProfiles },
	{
		method: 'POST',
		path: '/profile',
		scope: 'profile:write',
		handler: (ctx) =>
			created(profileView(createProfile(ctx.app, { userId: ctx.userId, body: jsonBody(ctx) }))),
	},
	{
		method: 'GET',
		path: '/profile/:profileId',
		scope: 'profile:read',
		handler: (ctx) => ok(profileView(profileFor(ctx))),
	},
	{
		method: 'PATCH',
		path: '/profile/:profileId',
		scope: 'profile:write',
		handler: (ctx) => {
			const profile = profileFor(ctx);
			return ok(profileView(updateProfile(ctx.app, { profile, body: jsonBody(ctx) })));
		},
	},
];
