'use strict';

const { second } = require('../clock');
const { contactFields } = require('../validate');

function userEvent(app, type, userId, id) {
	app.events.emit(type, { userId, event: { id } });
}

function createContact(app, { userId, body }) {
	const fields = contactFields(body, { create: true });
	const now = second(Date.now());
	const contact = app.store.put('contact', app.store.contacts, {
		id: app.store.nextId('contact'),
		userId,
		...fields,
		created: now,
		updated: now,
	});
	userEvent(app, 'CONTACT_CREATED', userId, contact.id);
	return contact;
}

function updateContact(app, { contact, body }) {
	Object.assign(contact, contactFields(body, { create: false }));
	contact.updated = second(Date.now());
	userEvent(app, 'CONTACT_UPDATED', contact.userId, contact.id);
	return contact;
}

function deleteContact(app, { contact }) {
	app.store.contacts.delete(contact.id);
	userEvent(app, 'CONTACT_DELETED', contact.userId, contact.id);
}

// Loop-It adds its participants to the contacts directory unless the email is already there.
function addContactIfNew(app, userId, participant) {
	const email = (participant.email || '').toLowerCase();
	if (
		email &&
		app.store.contactsOfUser(userId).some((c) => (c.email || '').toLowerCase() === email)
	)
		return null;
	const [firstName, ...rest] = String(participant.fullName || '')
		.trim()
		.split(/\s+/);
	return createContact(app, {
		userId,
		body: {
			firstName: firstName || undefined,
			lastName: rest.join(' ') || undefined,
			email: participant.email || undefined,
		},
	});
}

module.exports = { createContact, updateContact, deleteContact, addContactIfNew };
