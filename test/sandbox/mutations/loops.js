'use strict';

const { second } = require('../clock');
const { newLoopRecord } = require('../seed');
const { unprocessable, pointer, Problems } = require('../errors');
const { loopFields, templateFor, detailsPatch, participantFields, EMAIL } = require('../validate');
const { actorName, touch, profileEvent } = require('./common');
const { addContactIfNew } = require('./contacts');

const DAY = 86400e3;

// "Global Templates are now applied at loop creation time": a template brings its folders and task lists.
function applyTemplate(app, loop, template, now) {
	const { store } = app;
	for (const name of template.folders) {
		const folder = store.put('folder', store.folders, {
			id: store.nextId('folder'),
			loopId: loop.id,
			name,
			created: now,
			updated: now,
			documentIds: [],
		});
		loop.folderIds.push(folder.id);
	}
	for (const spec of template.taskLists) {
		const list = store.put('taskList', store.taskLists, {
			id: store.nextId('taskList'),
			loopId: loop.id,
			name: spec.name,
			taskIds: [],
		});
		loop.taskListIds.push(list.id);
		spec.tasks.forEach((name, i) => {
			const due = new Date(now + (i + 1) * 4 * DAY).toISOString().slice(0, 10);
			const task = store.put('task', store.tasks, {
				id: store.nextId('task'),
				taskListId: list.id,
				name,
				due: `${due}T00:00:00-04:00`,
				completed: false,
			});
			list.taskIds.push(task.id);
		});
	}
}

function buildLoop(app, profile, body) {
	const fields = loopFields(body, null);
	const template = templateFor(app.store, profile, body.templateId, {
		required: profile.requiresTemplate,
	});
	const now = second(Date.now());
	const loop = newLoopRecord(app.store.nextId('loop'), profile.id, {
		...fields,
		created: now,
		updated: now,
		templateId: template ? template.id : undefined,
	});
	app.store.loops.set(loop.id, loop);
	if (template) applyTemplate(app, loop, template, now);
	return loop;
}

function createLoop(app, { profile, userId, body, actor }) {
	const loop = buildLoop(app, profile, body);
	loop.activities.push({
		message: `${actorName(app, userId, actor)} created loop ${loop.name}`,
		date: loop.created,
	});
	profileEvent(app, 'LOOP_CREATED', loop);
	return loop;
}

function updateLoop(app, { loop, userId, body, actor }) {
	const fields = loopFields(body, loop);
	const who = actorName(app, userId, actor);
	const changes = [];
	if (fields.name !== undefined && fields.name !== loop.name)
		changes.push(`renamed the loop to ${fields.name}`);
	if (fields.transactionType !== undefined && fields.transactionType !== loop.transactionType)
		changes.push(`changed the transaction type to ${fields.transactionType}`);
	if (fields.status !== undefined && fields.status !== loop.status)
		changes.push(`changed the status to ${fields.status}`);
	Object.assign(loop, fields);
	touch(loop, `${who} ${changes.join(', ') || 'updated the loop'}`);
	profileEvent(app, 'LOOP_UPDATED', loop);
	return loop;
}

function updateDetails(app, { loop, userId, body, actor }) {
	detailsPatch(body, { stringsOnly: app.config.strictDetailValues });
	for (const [section, fields] of Object.entries(body)) {
		const target = loop.details[section] || (loop.details[section] = {});
		for (const [field, value] of Object.entries(fields)) {
			if (value === null) delete target[field];
			else target[field] = String(value);
		}
		if (!Object.keys(target).length) delete loop.details[section];
	}
	touch(loop, `${actorName(app, userId, actor)} updated loop details`);
	profileEvent(app, 'LOOP_UPDATED', loop);
	return loop;
}

const LOOP_IT_ADDRESS = {
	streetName: 'Street Name',
	streetNumber: 'Street Number',
	unit: 'Unit Number',
	city: 'City',
	state: 'State/Prov',
	zipCode: 'Zip/Postal Code',
	county: 'County',
	country: 'Country',
	mlsPropertyId: 'MLS Number',
};

function loopItParticipants(body, accountEmail) {
	if (body.participants === undefined || body.participants === null) return [];
	if (!Array.isArray(body.participants))
		throw unprocessable('participants must be a list', pointer('/participants'));
	const problems = new Problems();
	const out = [];
	body.participants.forEach((p, i) => {
		if (!p || typeof p !== 'object') {
			problems.add('participant must be an object', pointer(`/participants/${i}`));
			return;
		}
		if (p.email && !EMAIL.test(String(p.email))) {
			problems.add(
				`email "${p.email}" is not a valid email address`,
				pointer(`/participants/${i}/email`),
			);
			return;
		}
		// Changelog 06/28/2017: a participant with the account's own email is ignored.
		if (p.email && String(p.email).toLowerCase() === accountEmail.toLowerCase()) return;
		out.push(participantFields({ role: 'OTHER', ...p }, { create: true }));
	});
	problems.throwIfAny();
	return out;
}

// "Loop-It" (docs): one request creates the loop, fills the property address, adds participants to the loop
// and to the contacts directory.
function loopIt(app, { profile, userId, body }) {
	const user = app.store.users.get(userId);
	const participants = loopItParticipants(body, user.email);
	const loop = buildLoop(app, profile, body);
	const address = {};
	for (const [key, field] of Object.entries(LOOP_IT_ADDRESS)) {
		if (body[key] !== undefined && body[key] !== null && body[key] !== '')
			address[field] = String(body[key]);
	}
	if (Object.keys(address).length) loop.details['Property Address'] = address;
	loop.loopIt = { mlsId: body.mlsId, mlsAgentId: body.mlsAgentId, nrdsId: body.nrdsId };
	const who = actorName(app, userId);
	loop.activities.push({
		message: `${who} created loop ${loop.name} with Loop-It`,
		date: loop.created,
	});
	for (const fields of participants) {
		const p = app.store.put('participant', app.store.participants, {
			id: app.store.nextId('participant'),
			loopId: loop.id,
			...fields,
		});
		loop.participantIds.push(p.id);
		addContactIfNew(app, userId, fields);
	}
	profileEvent(app, 'LOOP_CREATED', loop);
	return loop;
}

// Merging moves everything the old loop holds into the target; the old id then answers 301.
function mergeLoops(app, { from, into, intoProfileId = from.profileId, userId }) {
	const { store } = app;
	if (from.mergedInto)
		throw unprocessable(
			`Loop ${from.id} was already merged into ${from.mergedInto}`,
			pointer('/loopId'),
		);
	let target = into;
	if (!target) {
		const now = second(Date.now());
		target = store.put('loop', store.loops, {
			...from,
			id: store.nextId('loop'),
			profileId: intoProfileId,
			created: now,
			updated: now,
			details: JSON.parse(JSON.stringify(from.details)),
			folderIds: [],
			participantIds: [],
			taskListIds: [],
			activities: [],
		});
	}
	if (target.id === from.id)
		throw unprocessable('A loop cannot be merged into itself', pointer('/intoLoopId'));
	if (target.mergedInto)
		throw unprocessable(
			`Loop ${target.id} was merged into ${target.mergedInto}`,
			pointer('/intoLoopId'),
		);
	store.moveLoopContents(from, target);
	touch(from);
	touch(target, `${actorName(app, userId)} merged loop ${from.name} into this loop`);
	app.events.emit('LOOP_MERGED', {
		profileId: from.profileId,
		event: { id: from.id, fromId: from.id, toId: target.id },
	});
	return { fromId: from.id, toId: target.id, profileId: target.profileId };
}

module.exports = { createLoop, updateLoop, updateDetails, loopIt, mergeLoops, applyTemplate };
