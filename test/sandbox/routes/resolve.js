'use strict';

const { badRequest, forbidden, notFound, param, Redirect } = require('../errors');
const { parseJsonBody } = require('../http-util');
const { requireObject } = require('../validate');

const PARAM_NAMES = {
	profileId: 'profile_id',
	loopId: 'loop_id',
	folderId: 'folder_id',
	documentId: 'document_id',
	participantId: 'participant_id',
	taskListId: 'task_list_id',
	taskId: 'task_list_item_id',
	contactId: 'contact_id',
	templateId: 'loop_template_id',
};

function idParam(ctx, name) {
	const raw = ctx.params[name];
	if (!/^\d{1,15}$/.test(raw))
		throw badRequest(
			`${PARAM_NAMES[name] || name} must be a number`,
			param(PARAM_NAMES[name] || name),
		);
	return Number(raw);
}

function jsonBody(ctx) {
	if (ctx.jsonCache === undefined) ctx.jsonCache = requireObject(parseJsonBody(ctx.rawBody));
	return ctx.jsonCache;
}

// Profiles the token's user cannot see answer 403 (FAQ); loops exist only on INDIVIDUAL profiles.
function profileFor(ctx, { individual = false } = {}) {
	const id = idParam(ctx, 'profileId');
	const profile = ctx.app.store.profiles.get(id);
	if (!profile) throw notFound(`Profile ${id} not found`);
	if (!profile.userIds.includes(ctx.userId)) throw forbidden(`Access to profile ${id} denied`);
	// A profile the user lost access to (POST /_sandbox/profiles/:id, `refuse`): listed, loops refused.
	if (individual && profile.refuse === 403) throw forbidden(`Access to profile ${id} denied`);
	if (individual && profile.refuse === 404) throw notFound(`Profile ${id} not found`);
	if (individual && profile.type !== 'INDIVIDUAL') {
		throw forbidden(
			`Access denied: loops are only available on INDIVIDUAL profiles; profile ${id} is ${profile.type}`,
		);
	}
	return profile;
}

// A merged loop answers 301 to the loop it went into. Below the loop, config.mergeLocation picks what
// the Location says (section 5.2 shows only the loop's own): the sub-path and query kept, the loop only,
// or nothing at all.
function loopFor(ctx) {
	const profile = profileFor(ctx, { individual: true });
	const id = idParam(ctx, 'loopId');
	const loop = ctx.app.store.loops.get(id);
	if (!loop || loop.profileId !== profile.id)
		throw notFound(`Loop ${id} not found in profile ${profile.id}`);
	if (loop.mergedInto) {
		const target = ctx.app.store.finalLoop(loop);
		const to = `/public/v2/profile/${target.profileId}/loop/${target.id}`;
		const rest = ctx.rawPath.replace(/^\/public\/v2\/profile\/[^/]+\/loop\/[^/]+/, '');
		const reading = ctx.app.config.mergeLocation;
		if (reading === 'subpath') throw new Redirect(`${to}${rest}${ctx.url.search}`);
		if (reading === 'none' && rest !== '' && rest !== '/') throw new Redirect(null);
		throw new Redirect(to);
	}
	return { profile, loop };
}

function child(ctx, name, map, label, belongs) {
	const id = idParam(ctx, name);
	const record = map.get(id);
	if (!record || !belongs(record)) throw notFound(`${label} ${id} not found`);
	return record;
}

function folderFor(ctx) {
	const { profile, loop } = loopFor(ctx);
	const folder = child(
		ctx,
		'folderId',
		ctx.app.store.folders,
		'Folder',
		(f) => f.loopId === loop.id,
	);
	return { profile, loop, folder };
}

function documentFor(ctx) {
	const found = folderFor(ctx);
	const document = child(
		ctx,
		'documentId',
		ctx.app.store.documents,
		'Document',
		(d) => d.folderId === found.folder.id,
	);
	return { ...found, document };
}

function participantFor(ctx) {
	const found = loopFor(ctx);
	const participant = child(
		ctx,
		'participantId',
		ctx.app.store.participants,
		'Participant',
		(p) => p.loopId === found.loop.id,
	);
	return { ...found, participant };
}

function taskListFor(ctx) {
	const found = loopFor(ctx);
	const taskList = child(
		ctx,
		'taskListId',
		ctx.app.store.taskLists,
		'Task list',
		(t) => t.loopId === found.loop.id,
	);
	return { ...found, taskList };
}

function contactFor(ctx) {
	return child(
		ctx,
		'contactId',
		ctx.app.store.contacts,
		'Contact',
		(c) => c.userId === ctx.userId && !c.hidden,
	);
}

// Subscriptions belong to the client that created them, for the user of the token.
function subscriptionFor(ctx) {
	const sub = ctx.app.store.subscriptions.get(ctx.params.subscriptionId);
	if (!sub || sub.clientId !== ctx.clientId || sub.userId !== ctx.userId) {
		throw notFound(`Subscription ${ctx.params.subscriptionId} not found`);
	}
	return sub;
}

const ok = (data) => ({ status: 200, body: { data } });
const created = (data) => ({ status: 201, body: { data } });
const list = (data, total = data.length) => ({ status: 200, body: { meta: { total }, data } });
const noContent = () => ({ status: 204 });

module.exports = {
	idParam,
	jsonBody,
	profileFor,
	loopFor,
	folderFor,
	documentFor,
	participantFor,
	taskListFor,
	contactFor,
	subscriptionFor,
	ok,
	created,
	list,
	noContent,
};
