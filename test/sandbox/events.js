'use strict';

const crypto = require('crypto');
const { isoSeconds } = require('./clock');

// Turns state changes into webhook events (docs: "Event Request"): one event record per matching enabled
// subscription, handed to the delivery queue. Never blocks the caller.
class Events {
	constructor(app) {
		this.app = app;
	}

	matches(sub, eventType, { profileId, userId }) {
		if (!sub.enabled || !sub.eventTypes.includes(eventType)) return false;
		if (sub.targetType === 'PROFILE') {
			const profile = this.app.store.profiles.get(profileId);
			return sub.targetId === profileId && Boolean(profile && profile.userIds.includes(sub.userId));
		}
		return sub.targetType === 'USER' && sub.targetId === userId && sub.userId === userId;
	}

	// `event` holds ids; the payload carries them as strings, as the documentation shows.
	emit(eventType, { profileId, userId, event }) {
		const eventData = {};
		for (const [k, v] of Object.entries(event)) eventData[k] = String(v);
		const created = [];
		for (const sub of this.app.store.subscriptions.values()) {
			if (!this.matches(sub, eventType, { profileId, userId })) continue;
			created.push(this.record(sub, eventType, eventData, profileId));
		}
		return created;
	}

	// SUBSCRIPTION_DISABLED / SUBSCRIPTION_REMOVED: delivered even though the subscription is off or gone.
	goodbye(sub, eventType) {
		const config = {
			targetType: sub.targetType,
			targetId: sub.targetId,
			eventTypes: [...sub.eventTypes],
			url: sub.url,
			externalId: sub.externalId ?? null,
			signingKey: sub.signingKey ?? null,
			tenantId: sub.clientId,
			enabled: String(sub.enabled),
			revision: sub.revision,
		};
		const profileId = sub.targetType === 'PROFILE' ? sub.targetId : undefined;
		return this.record(sub, eventType, config, profileId, { goodbye: true });
	}

	record(sub, eventType, eventData, profileId, { goodbye = false } = {}) {
		const now = Date.now();
		const user = this.app.store.users.get(sub.userId);
		const payloadProfileId = profileId ?? (user ? user.defaultProfileId : undefined);
		const record = {
			id: crypto.randomUUID(),
			subscriptionId: sub.id,
			createdOn: now,
			eventType,
			eventData,
			profileId: payloadProfileId,
			deliveryStatus: 'PENDING',
			deliveryAttempts: 0,
			responseData: [],
			goodbye,
			// Goodbye events outlive their subscription: deliver them with the config they had.
			target: goodbye ? { url: sub.url, signingKey: sub.signingKey } : null,
		};
		record.body = JSON.stringify({
			eventId: record.id,
			createdOn: isoSeconds(now),
			subscriptionId: sub.id,
			subscriptionExternalId: sub.externalId ?? null,
			profileId: payloadProfileId === undefined ? null : String(payloadProfileId),
			eventType,
			event: eventData,
		});
		this.app.store.events.set(record.id, record);
		sub.eventIds.push(record.id);
		this.app.webhooks.enqueue(record);
		return record;
	}
}

module.exports = { Events };
