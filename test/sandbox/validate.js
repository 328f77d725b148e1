'use strict';

const { Problems, badRequest, unprocessable, pointer } = require('./errors');
const {
	TRANSACTION_TYPES,
	TRANSACTION_STATUSES,
	PARTICIPANT_FIELDS,
	CONTACT_FIELDS,
	PROFILE_FIELDS,
} = require('./constants');

const MAX_LOOP_NAME = 200;
const MAX_FOLDER_NAME = 200;
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

function requireObject(body) {
	if (!body || typeof body !== 'object' || Array.isArray(body)) {
		throw badRequest('Request body must be a JSON object', pointer('/'));
	}
	return body;
}

const isBlank = (v) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

// Loop name, type and status (docs: "Create a Loop", "Update a Loop", "Loop Transactions corresponding Statuses"). `existing` for partial updates.
function loopFields(body, existing) {
	const problems = new Problems();
	const out = {};
	if (body.name !== undefined || !existing) {
		if (isBlank(body.name) || typeof body.name !== 'string')
			problems.add('name is required', pointer('/name'));
		else if (body.name.length > MAX_LOOP_NAME)
			problems.add(`name must be at most ${MAX_LOOP_NAME} characters`, pointer('/name'));
		else out.name = body.name;
	}
	if (body.transactionType !== undefined || !existing) {
		if (!TRANSACTION_TYPES.includes(body.transactionType)) {
			problems.add(
				`transactionType must be one of ${TRANSACTION_TYPES.join(', ')}`,
				pointer('/transactionType'),
			);
		} else out.transactionType = body.transactionType;
	}
	const type = out.transactionType || (existing && existing.transactionType);
	if (body.status !== undefined || !existing || out.transactionType) {
		const status = body.status !== undefined ? body.status : existing && existing.status;
		if (isBlank(status)) problems.add('status is required', pointer('/status'));
		else if (type && !TRANSACTION_STATUSES[type].includes(status)) {
			problems.add(
				`status ${status} is not valid for transaction type ${type}; use one of ${TRANSACTION_STATUSES[type].join(', ')}`,
				pointer('/status'),
			);
		} else if (body.status !== undefined) out.status = status;
	}
	problems.throwIfAny();
	return out;
}

function templateFor(store, profile, templateId, { required }) {
	if (templateId === undefined || templateId === null || templateId === '') {
		if (required)
			throw unprocessable(
				'templateId is required: this profile requires a loop template',
				pointer('/templateId'),
			);
		return null;
	}
	const id = Number(templateId);
	const template = store.templates.get(id);
	if (!Number.isInteger(id) || !template || template.profileId !== profile.id) {
		throw unprocessable(
			`templateId ${templateId} is not a loop template of profile ${profile.id}`,
			pointer('/templateId'),
		);
	}
	return template;
}

function stringFields(body, allowed, problems) {
	const out = {};
	for (const key of allowed) {
		if (!(key in body)) continue;
		const v = body[key];
		if (v === null) out[key] = undefined;
		else if (typeof v === 'string') out[key] = v;
		else if (typeof v === 'number') out[key] = String(v);
		else
			problems.add(
				`${key} must be a string`,
				pointer(`/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`),
			);
	}
	return out;
}

// Participants: role is required on create (changelog 04/20/2018); custom roles are allowed.
function participantFields(body, { create }) {
	const problems = new Problems();
	const out = stringFields(body, ['fullName', 'email', 'role', ...PARTICIPANT_FIELDS], problems);
	if (create || 'role' in body) {
		if (isBlank(body.role) || typeof body.role !== 'string')
			problems.add('role is required', pointer('/role'));
	}
	if (out.email && !EMAIL.test(out.email))
		problems.add(`email "${out.email}" is not a valid email address`, pointer('/email'));
	problems.throwIfAny();
	return out;
}

function contactFields(body, { create }) {
	const problems = new Problems();
	const out = stringFields(body, CONTACT_FIELDS, problems);
	if (create && isBlank(out.firstName) && isBlank(out.lastName) && isBlank(out.email)) {
		problems.add('A contact needs at least a firstName, lastName or email', pointer('/'));
	}
	if (out.email && !EMAIL.test(out.email))
		problems.add(`email "${out.email}" is not a valid email address`, pointer('/email'));
	problems.throwIfAny();
	return out;
}

function profileFields(body, { create }) {
	const problems = new Problems();
	const out = stringFields(body, PROFILE_FIELDS, problems);
	if ((create || 'name' in body) && isBlank(body.name))
		problems.add('name is required', pointer('/name'));
	problems.throwIfAny();
	return out;
}

function folderName(body) {
	const problems = new Problems();
	if (isBlank(body.name) || typeof body.name !== 'string')
		problems.add('name is required', pointer('/name'));
	else if (body.name.length > MAX_FOLDER_NAME)
		problems.add(`name must be at most ${MAX_FOLDER_NAME} characters`, pointer('/name'));
	problems.throwIfAny();
	return body.name;
}

const escapePointer = (s) => s.replace(/~/g, '~0').replace(/\//g, '~1');

// Loop details: {Section: {Field: value}}. Empty strings are refused with 400 naming the field;
// null removes a field. Section 6.1 types every field as a string: with `stringsOnly` (the sandbox's
// strictDetailValues, the default) a number or boolean is refused too; without it, it is kept as text.
function detailsPatch(body, { stringsOnly = true } = {}) {
	const problems = new Problems();
	for (const [section, fields] of Object.entries(body)) {
		if (!fields || typeof fields !== 'object' || Array.isArray(fields)) {
			problems.add(
				`Section "${section}" must be an object of field values`,
				pointer(`/${escapePointer(section)}`),
			);
			continue;
		}
		for (const [field, value] of Object.entries(fields)) {
			const where = pointer(`/${escapePointer(section)}/${escapePointer(field)}`);
			if (value === null) continue;
			const scalar = ['number', 'boolean'].includes(typeof value);
			if (typeof value !== 'string' && (stringsOnly || !scalar)) {
				problems.add(`${section} / ${field} must be a string, not ${JSON.stringify(value)}`, where);
			} else if (String(value).trim() === '') {
				problems.add(`${section} / ${field} must not be empty`, where);
			}
		}
	}
	problems.throwIfAny(400);
}

module.exports = {
	MAX_LOOP_NAME,
	EMAIL,
	requireObject,
	isBlank,
	loopFields,
	templateFor,
	participantFields,
	contactFields,
	profileFields,
	folderName,
	detailsPatch,
};
