'use strict';

const { templateView } = require('../views');
const { notFound } = require('../errors');
const { profileFor, idParam, ok, list } = require('./resolve');

// Readable with template:read or loop:write (changelog 06/28/2017).
const SCOPE = 'template:read|loop:write';

function templatesOf(ctx, profile) {
	return [...ctx.app.store.templates.values()].filter((t) => t.profileId === profile.id);
}

module.exports = [
	{
		method: 'GET',
		path: '/profile/:profileId/loop-template',
		scope: SCOPE,
		handler: (ctx) => list(templatesOf(ctx, profileFor(ctx)).map(templateView)),
	},
	{
		method: 'GET',
		path: '/profile/:profileId/loop-template/:templateId',
		scope: SCOPE,
		handler: (ctx) => {
			const profile = profileFor(ctx);
			const id = idParam(ctx, 'templateId');
			const template = ctx.app.store.templates.get(id);
			if (!template || template.profileId !== profile.id)
				throw notFound(`Loop template ${id} not found`);
			return ok(templateView(template));
		},
	},
];
