'use strict';
/**
 * 8. The sync operations against the HTTP Request chains a user builds for the same jobs, rate limit
 * lifted (this measures requests, time and memory, not the limit):
 *  a. Get Full of N loops (loop, details, participants, folders with documents, task lists with tasks);
 *  b. Download All of a loop holding D documents;
 *  c. Find a contact by email among C contacts (the API has no contact search).
 */
const { workflows } = require('../workflows');
const { summarize } = require('./s1-return-all');
const { makeBinaryPdf } = require('../../e2e/lib');
const { addDocument } = require('../../sandbox/mutations/documents');
const { createContact } = require('../../sandbox/mutations/contacts');

const USER_ID = 100;
const WANTED_EMAIL = 'Sync.Target@Example.com';

/** Fills loop 50001 up to `documents` documents (spread over its folders), straight into the store. */
function fillLoop(app, documents) {
	const loop = app.store.loops.get(50001);
	const folders = [...app.store.folders.values()].filter((f) => f.loopId === 50001);
	const count = () => [...app.store.documents.values()].filter((d) => d.loopId === 50001).length;
	for (let n = count(); n < documents; n++) {
		addDocument(app, {
			loop,
			folder: folders[n % folders.length],
			userId: USER_ID,
			name: `Bench document ${n + 1}.pdf`,
			bytes: makeBinaryPdf(`Bench document ${n + 1}`, [`${n}`.repeat(200)]),
			contentType: 'application/pdf',
		});
	}
	return count();
}

/** Adds contacts up to `contacts`, the one to find last (so neither side can stop early by luck). */
function fillContacts(app, contacts) {
	const have = app.store.contactsOfUser(USER_ID).length;
	for (let n = have; n < contacts - 1; n++) {
		createContact(app, {
			userId: USER_ID,
			body: {
				firstName: 'Bench',
				lastName: `Contact ${n}`,
				email: `bench.contact.${n}@example.com`,
			},
		});
	}
	createContact(app, {
		userId: USER_ID,
		body: { firstName: 'Sync', lastName: 'Target', email: WANTED_EMAIL },
	});
	return app.store.contactsOfUser(USER_ID).length;
}

function taskListsOf(app, loopIds) {
	const perLoop = new Map();
	for (const list of app.store.taskLists.values())
		perLoop.set(list.loopId, (perLoop.get(list.loopId) || 0) + 1);
	return loopIds.reduce((sum, id) => sum + (perLoop.get(id) || 0), 0);
}

const COMPARE = [
	{ key: 'requests', label: 'requests', better: 'lower', exact: true },
	{ key: 'wallSeconds', label: 'wall time', better: 'lower' },
	{ key: 'rssGrowthMb', label: 'peak RSS above idle', better: 'lower' },
	{ key: 'itemsLost', label: 'items lost', better: 'lower', exact: true },
];

async function measurePair(bench, pair, params, expected, label) {
	const variants = {};
	for (const key of ['dotloop', 'http']) {
		await bench.fresh();
		const m = await bench.measureManual(pair[key](bench.ctx, params));
		if (m.status !== 'success') throw new Error(`${label} ${key}: ${m.status} ${m.error || ''}`);
		variants[key] = summarize(m, { expected: expected[key] });
		bench.log(
			`8 ${label} ${key}: ${m.requests} requests, ${m.wallSeconds.toFixed(2)} s, +${m.rssGrowthMb} MB RSS, ${m.itemsOut} items`,
		);
	}
	return variants;
}

async function run(bench, { loops, documents, contacts }) {
	await bench.admin.reset();
	await bench.admin.config({ rateLimit: 1e9, clockScale: 1, rateWindowMs: 60_000 });
	const { app } = bench.sandbox;
	const results = [];

	const loopIds = Array.from({ length: loops }, (_, i) => 50001 + (i % 30));
	const taskLists = taskListsOf(app, loopIds);
	results.push({
		id: '8a',
		title: `Get Full of ${loops} loops`,
		params: { loops, taskLists, minimumRequests: 5 * loops + taskLists },
		variants: await measurePair(
			bench,
			workflows.getFull,
			{ count: loops },
			{ dotloop: loops, http: taskLists },
			'Get Full',
		),
		extras: {
			dotloop: `${loops} items, one per loop`,
			http: `${taskLists} items, one per task list`,
		},
		compare: COMPARE,
	});

	const stored = fillLoop(app, documents);
	results.push({
		id: '8b',
		title: `Download All of a loop with ${stored} documents`,
		params: { documents: stored, minimumRequests: stored + 1 },
		variants: await measurePair(
			bench,
			workflows.downloadAll,
			{},
			{ dotloop: stored, http: stored },
			'Download All',
		),
		extras: { dotloop: 'up to 3 downloads at a time', http: 'every download at once' },
		compare: COMPARE,
	});

	const total = fillContacts(app, contacts);
	results.push({
		id: '8c',
		title: `Find a contact by email among ${total.toLocaleString('en-US')}`,
		params: { contacts: total, minimumRequests: Math.ceil(total / 100) },
		variants: await measurePair(
			bench,
			workflows.findContact,
			{ email: WANTED_EMAIL.toLowerCase() },
			{ dotloop: 1, http: 1 },
			'Find',
		),
		extras: {
			dotloop: `min ${Math.ceil(total / 100)} req`,
			http: `min ${Math.ceil(total / 100)} req`,
		},
		compare: COMPARE,
	});
	return results;
}

module.exports = { run };
