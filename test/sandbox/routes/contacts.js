'use strict';

const { contactView } = require('../views');
const { parseBatch, page, parseFilter, atOrAfter } = require('../listing');
const { createContact, updateContact, deleteContact } = require('../mutations/contacts');
const { contactFor, jsonBody, ok, created, list, noContent } = require('./resolve');

const view = (ctx) => (contact) => contactView(contact, { created: ctx.app.config.contactCreated });

function listContacts(ctx) {
	const batch = parseBatch(ctx.query);
	const filter = parseFilter(ctx.query, ['updated_min']);
	const contacts = ctx.app.store
		.contactsOfUser(ctx.userId)
		.filter((c) => atOrAfter(c.updated, filter.updated_min, ctx.app.config.minFilterBound))
		.sort((a, b) => a.id - b.id);
	return list(page(contacts, batch).map(view(ctx)), contacts.length);
}

module.exports = [
	{ method: 'GET', path: '/contact', scope: 'contact:read', handler: listContacts },
	{
		method: 'POST',
		path: '/contact',
		scope: 'contact:write',
		handler: (ctx) =>
			created(view(ctx)(createContact(ctx.app, { userId: ctx.userId, body: jsonBody(ctx) }))),
	},
	{
		method: 'GET',
		path: '/contact/:contactId',
		scope: 'contact:read',
		handler: (ctx) => ok(view(ctx)(contactFor(ctx))),
	},
	{
		method: 'PATCH',
		path: '/contact/:contactId',
		scope: 'contact:write',
		handler: (ctx) =>
			ok(view(ctx)(updateContact(ctx.app, { contact: contactFor(ctx), body: jsonBody(ctx) }))),
	},
	{
		method: 'DELETE',
		path: '/contact/:contactId',
		scope: 'contact:write',
		handler: (ctx) => {
			deleteContact(ctx.app, { contact: contactFor(ctx) });
			return noContent();
		},
	},
];
