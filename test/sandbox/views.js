'use strict';

const { isoSeconds, isoMillis, textDate } = require('./clock');
const { PROFILE_FIELDS, CONTACT_FIELDS, PARTICIPANT_FIELDS } = require('./constants');

// Response shapes of the documentation; fields without a value are left out, as the real API does.
function pick(record, fields) {
	const out = {};
	for (const f of fields) if (record[f] !== undefined && record[f] !== null) out[f] = record[f];
	return out;
}

const loopUrl = (id) => `https://www.dotloop.com/m/loop?viewId=${id}`;

function accountView(user) {
	return {
		id: user.id,
		firstName: user.firstName,
		lastName: user.lastName,
		email: user.email,
		defaultProfileId: user.defaultProfileId,
	};
}

// The list shows `default`; get, create and update do not (sections 4.1-4.4).
function profileView(profile, { list = false, user } = {}) {
	const out = { id: profile.id, name: profile.name, type: profile.type };
	Object.assign(
		out,
		pick(
			profile,
			PROFILE_FIELDS.filter((f) => f !== 'name'),
		),
	);
	if (list) out.default = Boolean(user && user.defaultProfileId === profile.id);
	out.requiresTemplate = profile.requiresTemplate;
	// Changelog 03/23/2017: "Introduced deactivated flag for profiles".
	out.deactivated = Boolean(profile.deactivated);
	return out;
}

function loopView(store, loop, { withProfileId = false, details = false, dates = 'mdy' } = {}) {
	const counts = store.taskCounts(loop);
	const out = { id: loop.id };
	if (withProfileId) out.profileId = loop.profileId;
	Object.assign(out, {
		name: loop.name,
		status: loop.status,
		transactionType: loop.transactionType,
		totalTaskCount: counts.total,
		completedTaskCount: counts.completed,
		updated: isoSeconds(loop.updated),
		created: isoSeconds(loop.created),
		loopUrl: loopUrl(loop.id),
	});
	if (details) out.details = detailsView(loop, { dates });
	return out;
}

// A loop list item (section 5.1). With include_details the documentation does not show where the
// details go; config.listDetails picks the reading (README, "Where the documentation is ambiguous").
function loopListItemView(
	store,
	loop,
	{ details = false, reading = 'details', dates = 'mdy' } = {},
) {
	const out = loopView(store, loop);
	if (!details || reading === 'omitted') return out;
	const sections = detailsView(loop, { dates });
	if (reading === 'inline') return { ...out, ...sections };
	out[reading] = sections;
	return out;
}

// Loop-It answers the shorter shape of section 2.3.
function loopItView(loop) {
	return {
		id: loop.id,
		profileId: loop.profileId,
		name: loop.name,
		transactionType: loop.transactionType,
		status: loop.status,
		created: isoSeconds(loop.created),
		updated: isoSeconds(loop.updated),
		loopUrl: loopUrl(loop.id),
	};
}

// Stored dates are MM/DD/YYYY; `dates: 'text'` (config.detailDateFormat) answers them as "March 05, 2017".
function detailsView(loop, { dates = 'mdy' } = {}) {
	const out = {};
	for (const [section, fields] of Object.entries(loop.details)) {
		if (!Object.keys(fields).length) continue;
		out[section] = { ...fields };
		if (dates === 'text')
			for (const [k, v] of Object.entries(fields)) out[section][k] = textDate(v);
	}
	return out;
}

function documentView(doc) {
	return {
		id: doc.id,
		name: doc.name,
		created: isoSeconds(doc.created),
		updated: isoSeconds(doc.updated),
	};
}

// Section 8.1 lists documents with `filename` only, section 8.2 gets one with `name` only; clients that
// met the real API read list items as `name`. `nameField` (config.documentNameField) picks the reading:
// 'filename', 'name' or 'both'. A folder's `documents` (include_documents) are not shown in the docs:
// they take the list's shape.
function documentListItemView(doc, nameField = 'filename') {
	const out = { id: doc.id };
	if (nameField !== 'name') out.filename = doc.name;
	if (nameField !== 'filename') out.name = doc.name;
	out.created = isoSeconds(doc.created);
	out.updated = isoSeconds(doc.updated);
	return out;
}

function folderView(store, folder, { documents = false, nameField = 'filename' } = {}) {
	const out = {
		id: folder.id,
		name: folder.name,
		created: isoSeconds(folder.created),
		updated: isoSeconds(folder.updated),
	};
	if (documents) {
		out.documents = folder.documentIds
			.map((id) => store.documents.get(id))
			.filter(Boolean)
			.map((doc) => documentListItemView(doc, nameField));
	}
	return out;
}

function participantView(p) {
	return {
		id: p.id,
		fullName: p.fullName,
		email: p.email,
		role: p.role,
		...pick(p, PARTICIPANT_FIELDS),
	};
}

const taskListView = (list) => ({ id: list.id, name: list.name });

function taskView(task) {
	return { id: task.id, name: task.name, due: task.due, completed: task.completed };
}

const activityView = (a) => ({ message: a.message, date: isoSeconds(a.date) });

// `created` (changelog 05/31/2017) unless config.contactCreated is false; `options` may be a map index.
function contactView(contact, options) {
	const out = { id: contact.id, ...pick(contact, CONTACT_FIELDS) };
	if (!(options && options.created === false) && contact.created !== undefined)
		out.created = isoSeconds(contact.created);
	out.updated = isoSeconds(contact.updated);
	return out;
}

function templateView(t) {
	return {
		id: t.id,
		profileId: t.profileId,
		name: t.name,
		transactionType: t.transactionType,
		shared: t.shared,
		global: t.global,
	};
}

function subscriptionView(s) {
	const out = {
		id: s.id,
		targetType: s.targetType,
		targetId: s.targetId,
		eventTypes: [...s.eventTypes],
		url: s.url,
	};
	if (s.externalId != null) out.externalId = s.externalId;
	if (s.signingKey != null) out.signingKey = s.signingKey;
	out.enabled = s.enabled;
	return out;
}

function eventRecordView(e) {
	return {
		id: e.id,
		subscriptionId: e.subscriptionId,
		createdOn: isoMillis(e.createdOn),
		eventType: e.eventType,
		eventData: { ...e.eventData },
		deliveryStatus: e.deliveryStatus,
		deliveryAttempts: e.deliveryAttempts,
		responseData: e.responseData.map((r) => ({ ...r })),
	};
}

module.exports = {
	loopUrl,
	accountView,
	profileView,
	loopView,
	loopListItemView,
	loopItView,
	detailsView,
	documentView,
	documentListItemView,
	folderView,
	participantView,
	taskListView,
	taskView,
	activityView,
	contactView,
	templateView,
	subscriptionView,
	eventRecordView,
};
