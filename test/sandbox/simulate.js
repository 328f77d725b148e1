'use strict';

const { badRequest, notFound, forbidden, pointer } = require('./errors');
const { loopView, participantView, contactView, profileView } = require('./views');
const { createLoop, updateLoop, updateDetails } = require('./mutations/loops');
const {
	addParticipant,
	updateParticipant,
	removeParticipant,
} = require('./mutations/participants');
const { createContact, updateContact, deleteContact } = require('./mutations/contacts');
const { updateProfile } = require('./mutations/profiles');
const { USER_ID, PROFILES } = require('./seed');
const { parseFilterDate } = require('./clock');

// Activity "in the Dotloop app": the same state changes and events as the API, without a token.
function fields(body, omit) {
	const out = { ...body };
	for (const k of ['action', 'actor', 'at', ...omit]) delete out[k];
	return out;
}

function idOf(body, key) {
	const id = Number(body[key]);
	if (!Number.isInteger(id)) throw badRequest(`${key} is required`, pointer(`/${key}`));
	return id;
}

function liveLoop(app, body) {
	const id = idOf(body, 'loopId');
	const loop = app.store.loops.get(id);
	if (!loop) throw notFound(`Loop ${id} not found`);
	if (loop.mergedInto)
		throw badRequest(
			`Loop ${id} was merged into ${app.store.finalLoop(loop).id}`,
			pointer('/loopId'),
		);
	return loop;
}

function participantOf(app, body) {
	const id = idOf(body, 'participantId');
	const participant = app.store.participants.get(id);
	if (!participant) throw notFound(`Participant ${id} not found`);
	return { participant, loop: app.store.loops.get(participant.loopId) };
}

// `at`: the change happens at this time instead of now (whole-second ISO 8601, like Dotloop's own
// timestamps), so tests can put several changes in one second or in the past.
function changeTime(body) {
	if (body.at === undefined) return undefined;
	const ms = parseFilterDate(body.at);
	if (ms === null) throw badRequest('at must be a whole-second ISO 8601 timestamp', pointer('/at'));
	return ms;
}

function stamp(record, body, { created = false } = {}) {
	const at = changeTime(body);
	if (at === undefined) return record;
	record.updated = at;
	if (created) record.created = at;
	return record;
}

function contactOf(app, body) {
	const id = idOf(body, 'contactId');
	const contact = app.store.contacts.get(id);
	if (!contact) throw notFound(`Contact ${id} not found`);
	return contact;
}

const ACTIONS = {
	createLoop(app, body) {
		const profileId = body.profileId === undefined ? PROFILES.main : idOf(body, 'profileId');
		const profile = app.store.profiles.get(profileId);
		if (!profile) throw notFound(`Profile ${profileId} not found`);
		if (profile.type !== 'INDIVIDUAL')
			throw forbidden(`Profile ${profileId} is ${profile.type}; loops live on INDIVIDUAL profiles`);
		const loopBody = {
			name: `Simulated loop ${app.store.lastIds.loop + 1}`,
			transactionType: 'PURCHASE_OFFER',
			status: 'PRE_OFFER',
			...fields(body, ['profileId']),
		};
		const loop = createLoop(app, { profile, userId: USER_ID, body: loopBody, actor: body.actor });
		return loopView(app.store, stamp(loop, body, { created: true }), { withProfileId: true });
	},
	updateLoop(app, body) {
		const loop = liveLoop(app, body);
		const { details, ...rest } = fields(body, ['loopId']);
		if (details) updateDetails(app, { loop, userId: USER_ID, body: details, actor: body.actor });
		if (Object.keys(rest).length || !details)
			updateLoop(app, { loop, userId: USER_ID, body: rest, actor: body.actor });
		stamp(loop, body);
		return loopView(app.store, loop, { withProfileId: true, details: true });
	},
	addParticipant(app, body) {
		const loop = liveLoop(app, body);
		return participantView(
			addParticipant(app, {
				loop,
				userId: USER_ID,
				body: fields(body, ['loopId']),
				actor: body.actor,
			}),
		);
	},
	updateParticipant(app, body) {
		const { loop, participant } = participantOf(app, body);
		return participantView(
			updateParticipant(app, {
				loop,
				participant,
				userId: USER_ID,
				body: fields(body, ['loopId', 'participantId']),
				actor: body.actor,
			}),
		);
	},
	removeParticipant(app, body) {
		const { loop, participant } = participantOf(app, body);
		removeParticipant(app, { loop, participant, userId: USER_ID, actor: body.actor });
		return { id: participant.id, loopId: loop.id, removed: true };
	},
	// `hidden: true`: created (its id taken, its time stamped) but not listed or found until
	// revealContact, as contacts created together can become visible out of id order.
	createContact(app, body) {
		if (body.hidden !== undefined && typeof body.hidden !== 'boolean')
			throw badRequest('hidden must be true or false', pointer('/hidden'));
		const contact = createContact(app, { userId: USER_ID, body: fields(body, ['hidden']) });
		if (body.hidden) contact.hidden = true;
		return contactView(stamp(contact, body, { created: true }));
	},
	revealContact(app, body) {
		const contact = contactOf(app, body);
		delete contact.hidden;
		return contactView(contact);
	},
	updateContact(app, body) {
		const contact = updateContact(app, {
			contact: contactOf(app, body),
			body: fields(body, ['contactId']),
		});
		return contactView(stamp(contact, body));
	},
	deleteContact(app, body) {
		const contact = contactOf(app, body);
		deleteContact(app, { contact });
		return { id: contact.id, deleted: true };
	},
	updateProfile(app, body) {
		const profileId = idOf(body, 'profileId');
		const profile = app.store.profiles.get(profileId);
		if (!profile) throw notFound(`Profile ${profileId} not found`);
		return profileView(updateProfile(app, { profile, body: fields(body, ['profileId']) }));
	},
};

function simulate(app, body) {
	const action = ACTIONS[body.action];
	if (!action || !Object.prototype.hasOwnProperty.call(ACTIONS, body.action)) {
		throw badRequest(
			`action must be one of ${Object.keys(ACTIONS).join(', ')}`,
			pointer('/action'),
		);
	}
	return action(app, body);
}

module.exports = { simulate, ACTIONS };
