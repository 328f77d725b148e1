'use strict';

const crypto = require('crypto');
const views = require('./views');

// The whole store for GET /_sandbox/state. Token values never leave the sandbox: counts only.
function documentMeta(doc) {
	return {
		...views.documentView(doc),
		contentType: doc.contentType,
		size: doc.bytes.length,
		sha256: crypto.createHash('sha256').update(doc.bytes).digest('hex'),
	};
}

function loopState(store, loop) {
	const out = {
		...views.loopView(store, loop),
		profileId: loop.profileId,
		templateId: loop.templateId ?? null,
		mergedInto: loop.mergedInto ?? null,
		details: views.detailsView(loop),
		folders: loop.folderIds.map((id) => {
			const folder = store.folders.get(id);
			return {
				...views.folderView(store, folder),
				documents: folder.documentIds.map((d) => documentMeta(store.documents.get(d))),
			};
		}),
		participants: loop.participantIds.map((id) =>
			views.participantView(store.participants.get(id)),
		),
		taskLists: loop.taskListIds.map((id) => {
			const list = store.taskLists.get(id);
			return {
				...views.taskListView(list),
				tasks: list.taskIds.map((t) => views.taskView(store.tasks.get(t))),
			};
		}),
		activityCount: loop.activities.length,
	};
	if (loop.activities.length)
		out.lastActivity = views.activityView(loop.activities[loop.activities.length - 1]);
	return out;
}

function snapshot(app) {
	const { store } = app;
	return {
		users: [...store.users.values()].map(views.accountView),
		profiles: [...store.profiles.values()].map((p) => ({
			...views.profileView(p),
			userIds: [...p.userIds],
		})),
		templates: [...store.templates.values()].map(views.templateView),
		loops: [...store.loops.values()].map((l) => loopState(store, l)),
		contacts: [...store.contacts.values()].map((c) => ({
			...views.contactView(c),
			userId: c.userId,
		})),
		subscriptions: [...store.subscriptions.values()].map((s) => ({
			...views.subscriptionView(s),
			clientId: s.clientId,
			userId: s.userId,
			revision: s.revision,
			consecutiveFailures: s.consecutiveFailures,
			disabledReason: s.disabledReason ?? null,
			eventCount: s.eventIds.length,
		})),
		events: [...store.events.values()].map((e) => ({
			...views.eventRecordView(e),
			goodbye: e.goodbye,
			payload: JSON.parse(e.body),
		})),
		tokens: app.tokens.stats(),
		refreshCount: app.tokens.counters.refreshCount,
		tokenIssueCount: app.tokens.counters.tokenIssueCount,
		requestLogSize: app.requestLog.entries.length,
		deliveryAttempts: app.webhooks.log.length,
	};
}

module.exports = { snapshot };
