'use strict';

const { accountView } = require('../views');
const { ok } = require('./resolve');

module.exports = [
	{
		method: 'GET',
		path: '/account',
		scope: 'account:read',
		handler: (ctx) => ok(accountView(ctx.app.store.users.get(ctx.userId))),
	},
];
