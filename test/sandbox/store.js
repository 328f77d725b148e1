'use strict';

// All sandbox state lives here, in plain Maps keyed by id. Timestamps are epoch milliseconds;
// views.js renders them as the API does.
const ID_BASES = {
	user: 100,
	profile: 1000,
	template: 1400,
	loop: 50000,
	folder: 70000,
	document: 80000,
	participant: 90000,
	taskList: 20000,
	task: 30000,
	contact: 400000,
};

class Store {
	constructor() {
		this.clear();
	}

	clear() {
		this.users = new Map();
		this.profiles = new Map();
		this.templates = new Map();
		this.loops = new Map();
		this.folders = new Map();
		this.documents = new Map();
		this.participants = new Map();
		this.taskLists = new Map();
		this.tasks = new Map();
		this.contacts = new Map();
		this.subscriptions = new Map();
		this.events = new Map();
		this.counters = { refreshCount: 0, tokenIssueCount: 0 };
		this.lastIds = { ...ID_BASES };
	}

	nextId(kind) {
		this.lastIds[kind] += 1;
		return this.lastIds[kind];
	}

	// Seeded records use fixed ids; later ones continue after the highest.
	put(kind, map, record) {
		map.set(record.id, record);
		if (record.id > this.lastIds[kind]) this.lastIds[kind] = record.id;
		return record;
	}

	profilesOfUser(userId) {
		return [...this.profiles.values()].filter((p) => p.userIds.includes(userId));
	}

	loopsOfProfile(profileId) {
		const out = [];
		for (const loop of this.loops.values()) {
			if (loop.profileId === profileId && !loop.mergedInto) out.push(loop);
		}
		return out;
	}

	// A merge chain always ends at a live loop.
	finalLoop(loop) {
		let current = loop;
		const seen = new Set();
		while (current && current.mergedInto && !seen.has(current.id)) {
			seen.add(current.id);
			current = this.loops.get(current.mergedInto);
		}
		return current;
	}

	// A merge moves everything the old loop holds into the target loop.
	moveLoopContents(from, target) {
		for (const id of from.folderIds) {
			const folder = this.folders.get(id);
			folder.loopId = target.id;
			for (const docId of folder.documentIds) this.documents.get(docId).loopId = target.id;
		}
		for (const id of from.participantIds) this.participants.get(id).loopId = target.id;
		for (const id of from.taskListIds) this.taskLists.get(id).loopId = target.id;
		target.folderIds.push(...from.folderIds);
		target.participantIds.push(...from.participantIds);
		target.taskListIds.push(...from.taskListIds);
		target.activities.push(...from.activities);
		target.activities.sort((a, b) => a.date - b.date);
		from.folderIds = [];
		from.participantIds = [];
		from.taskListIds = [];
		from.activities = [];
		from.mergedInto = target.id;
	}

	taskCounts(loop) {
		let total = 0;
		let completed = 0;
		for (const listId of loop.taskListIds) {
			const list = this.taskLists.get(listId);
			if (!list) continue;
			for (const taskId of list.taskIds) {
				const task = this.tasks.get(taskId);
				if (!task) continue;
				total += 1;
				if (task.completed) completed += 1;
			}
		}
		return { total, completed };
	}

	contactsOfUser(userId) {
		const out = [];
		for (const c of this.contacts.values()) if (c.userId === userId && !c.hidden) out.push(c);
		return out;
	}

	subscriptionsOf(clientId, userId) {
		const out = [];
		for (const s of this.subscriptions.values()) {
			if (s.clientId === clientId && s.userId === userId) out.push(s);
		}
		return out;
	}
}

module.exports = { Store, ID_BASES };
