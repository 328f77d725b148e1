'use strict';

const crypto = require('crypto');
const { Problems, pointer } = require('./errors');
const { EVENT_TYPES_BY_TARGET } = require('./constants');

const MAX_URL = 512;
const MAX_KEY = 128;

function checkUrl(url, problems) {
	if (typeof url !== 'string' || !url) return problems.add('url is required', pointer('/url'));
	if (url.length > MAX_URL)
		return problems.add(`url must be at most ${MAX_URL} characters`, pointer('/url'));
	let parsed;
	try {
		parsed = new URL(url);
	} catch {
		return problems.add(`url "${url}" is not a valid URL`, pointer('/url'));
	}
	if (parsed.protocol !== 'https:') problems.add('url must be HTTPS', pointer('/url'));
	return undefined;
}

function checkOptionalString(body, key, problems) {
	const v = body[key];
	if (v === undefined || v === null) return;
	if (typeof v !== 'string') problems.add(`${key} must be a string`, pointer(`/${key}`));
	else if (v.length > MAX_KEY)
		problems.add(`${key} must be at most ${MAX_KEY} characters`, pointer(`/${key}`));
}

function checkEventTypes(eventTypes, targetType, problems) {
	if (!Array.isArray(eventTypes) || eventTypes.length === 0) {
		problems.add('eventTypes must be a non-empty list', pointer('/eventTypes'));
		return;
	}
	const allowed = EVENT_TYPES_BY_TARGET[targetType] || [];
	const bad = eventTypes.filter((t) => !allowed.includes(t));
	if (bad.length && allowed.length) {
		problems.add(
			`eventTypes not valid for targetType ${targetType}: ${bad.join(', ')}; allowed: ${allowed.join(', ')}`,
			pointer('/eventTypes'),
		);
	}
}

// Webhook subscriptions (docs: "Webhook Subscriptions"): validation, and the good-bye events on disable/delete.
class Subscriptions {
	constructor(app) {
		this.app = app;
		this.seq = 0;
	}

	targetIdOf(raw) {
		if (typeof raw === 'number' && Number.isInteger(raw)) return raw;
		if (typeof raw === 'string' && /^\d+$/.test(raw)) return Number(raw);
		return null;
	}

	create({ clientId, userId, body }) {
		const problems = new Problems();
		const { targetType } = body;
		if (!EVENT_TYPES_BY_TARGET[targetType])
			problems.add('targetType must be USER or PROFILE', pointer('/targetType'));
		const targetId = this.targetIdOf(body.targetId);
		if (targetId === null) problems.add('targetId must be a number', pointer('/targetId'));
		else if (targetType === 'USER' && targetId !== userId) {
			problems.add(
				`targetId ${targetId} is not the id of the authorized user (${userId})`,
				pointer('/targetId'),
			);
		} else if (
			targetType === 'PROFILE' &&
			!this.app.store.profilesOfUser(userId).some((p) => p.id === targetId)
		) {
			problems.add(
				`targetId ${targetId} is not a profile the authorized user has access to`,
				pointer('/targetId'),
			);
		}
		checkEventTypes(body.eventTypes, targetType, problems);
		checkUrl(body.url, problems);
		checkOptionalString(body, 'signingKey', problems);
		checkOptionalString(body, 'externalId', problems);
		problems.throwIfAny();
		this.seq += 1;
		const sub = {
			id: crypto.randomUUID(),
			seq: this.seq,
			clientId,
			userId,
			targetType,
			targetId,
			eventTypes: [...new Set(body.eventTypes)],
			url: body.url,
			signingKey: body.signingKey ?? undefined,
			externalId: body.externalId ?? undefined,
			enabled: true,
			revision: 1,
			consecutiveFailures: 0,
			created: Date.now(),
			eventIds: [],
		};
		this.app.store.subscriptions.set(sub.id, sub);
		return sub;
	}

	update(sub, body) {
		const problems = new Problems();
		if (body.targetType !== undefined && body.targetType !== sub.targetType)
			problems.add('targetType cannot be changed', pointer('/targetType'));
		if (body.targetId !== undefined && this.targetIdOf(body.targetId) !== sub.targetId)
			problems.add('targetId cannot be changed', pointer('/targetId'));
		if (body.eventTypes !== undefined) checkEventTypes(body.eventTypes, sub.targetType, problems);
		if (body.url !== undefined) checkUrl(body.url, problems);
		checkOptionalString(body, 'signingKey', problems);
		checkOptionalString(body, 'externalId', problems);
		if (body.enabled !== undefined && typeof body.enabled !== 'boolean')
			problems.add('enabled must be true or false', pointer('/enabled'));
		problems.throwIfAny();
		if (body.eventTypes !== undefined) sub.eventTypes = [...new Set(body.eventTypes)];
		if (body.url !== undefined) sub.url = body.url;
		for (const key of ['signingKey', 'externalId']) {
			if (body[key] !== undefined) sub[key] = body[key] === null ? undefined : body[key];
		}
		sub.revision += 1;
		if (body.enabled === false && sub.enabled) this.disable(sub);
		else if (body.enabled === true && !sub.enabled) {
			sub.enabled = true;
			sub.consecutiveFailures = 0;
		}
		return sub;
	}

	// Pending deliveries stop (DISABLED) and a SUBSCRIPTION_DISABLED good-bye goes out.
	disable(sub, reason) {
		sub.enabled = false;
		sub.disabledReason = reason;
		this.cancelPending(sub);
		this.app.events.goodbye(sub, 'SUBSCRIPTION_DISABLED');
	}

	remove(sub) {
		this.cancelPending(sub);
		this.app.store.subscriptions.delete(sub.id);
		this.app.events.goodbye(sub, 'SUBSCRIPTION_REMOVED');
	}

	cancelPending(sub) {
		for (const id of sub.eventIds) {
			const record = this.app.store.events.get(id);
			if (record && !record.goodbye) this.app.webhooks.cancel(record, 'DISABLED');
		}
	}
}

module.exports = { Subscriptions };
