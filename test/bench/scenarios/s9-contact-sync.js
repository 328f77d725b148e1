'use strict';
/**
 * 9. A CRM sync: N rows created or updated by email on an account with C contacts, under Dotloop's
 * rate limit (the sandbox's default, 100 requests a minute, on the real clock unless the plan scales
 * it). Every 5th row is an existing contact, every 50th from row 7 on repeats the email of the row
 * before it (a new one), the rest are new (workflows.js, crmRows).
 *
 * The fewest requests: ⌈C/100⌉ list reads, then one write per row. The floor is that many requests at
 * the documented rate (requests ÷ 100/min); Dotloop's windows are fixed, so the last window's
 * requests can start earlier: (⌈R/100⌉ − 1) windows is the lowest possible time, given beside it.
 * After each side the sandbox is asked how many contacts share an email that the seed did not share:
 * a repeated row must update the contact its first row created, not make a second one.
 */
const { workflows } = require('../workflows');
const { summarize } = require('./s1-return-all');
const { sleep } = require('../lib/bench');
const { createContact } = require('../../sandbox/mutations/contacts');

const USER_ID = 100;
const RATE_LIMIT = 100;
const RATE_WINDOW_MS = 60_000;

/** Fills the account up to `contacts` contacts named bench.contact.<n>@example.com (n from the seed's count on). */
function fillContacts(app, contacts) {
	for (let n = app.store.contactsOfUser(USER_ID).length; n < contacts; n++) {
		createContact(app, {
			userId: USER_ID,
			body: {
				firstName: 'Bench',
				lastName: `Contact ${n}`,
				email: `bench.contact.${n}@example.com`,
			},
		});
	}
	return app.store.contactsOfUser(USER_ID).length;
}

/** Contacts beyond the first with the same email (case and spaces aside). */
function duplicateContacts(app) {
	const emails = app.store
		.contactsOfUser(USER_ID)
		.map((c) =>
			String(c.email || '')
				.trim()
				.toLowerCase(),
		)
		.filter(Boolean);
	return emails.length - new Set(emails).size;
}

async function run(bench, { rows, contacts, clockScale = 1 }) {
	const { app } = bench.sandbox;
	const windowMs = RATE_WINDOW_MS / clockScale;
	const listReads = Math.ceil(contacts / 100);
	const minRequests = listReads + rows;
	const floorSeconds = ((minRequests / RATE_LIMIT) * windowMs) / 1000;
	const windowFloorSeconds = ((Math.ceil(minRequests / RATE_LIMIT) - 1) * windowMs) / 1000;
	bench.ctx.rateLimit = RATE_LIMIT;
	bench.ctx.clockScale = clockScale;
	const variants = {};
	const extras = {};
	for (const key of ['dotloop', 'http']) {
		await bench.admin.reset();
		await bench.admin.config({ rateLimit: 1e9, clockScale: 1, rateWindowMs: RATE_WINDOW_MS });
		const total = fillContacts(app, contacts);
		const before = duplicateContacts(app);
		await bench.fresh();
		await bench.admin.config({ rateLimit: RATE_LIMIT, rateWindowMs: RATE_WINDOW_MS, clockScale });
		await sleep(200);
		const m = await bench.measureManual(workflows.contactUpsert[key](bench.ctx, { rows }), {
			timeoutMs: Math.max(600_000, floorSeconds * 3000),
		});
		const v = summarize(m, { expected: rows });
		v.contacts = total;
		v.floorSeconds = floorSeconds;
		v.timeOverFloor = m.wallSeconds / floorSeconds;
		v.duplicatesCreated = duplicateContacts(app) - before;
		variants[key] = v;
		extras[key] =
			`${m.rateLimited} × 429; ${v.timeOverFloor.toFixed(2)} × floor; ${v.duplicatesCreated} duplicate contacts${m.status !== 'success' ? `; ${m.error || m.status}` : ''}`;
		bench.log(
			`9 contact sync ${key}: ${m.requests} requests (${m.rateLimited} × 429), ${m.wallSeconds.toFixed(1)} s (floor ${floorSeconds} s), ${m.itemsOut} items, ${v.duplicatesCreated} duplicates, ${m.status}`,
		);
	}
	await bench.admin.config({ rateLimit: 1e9, clockScale: 1, rateWindowMs: RATE_WINDOW_MS });
	bench.ctx.clockScale = 1;
	const failures = [];
	if (variants.dotloop.itemsLost > 0)
		failures.push(`the Dotloop node lost ${variants.dotloop.itemsLost} of ${rows} rows`);
	if (variants.dotloop.duplicatesCreated > 0)
		failures.push(
			`the Dotloop node created ${variants.dotloop.duplicatesCreated} duplicate contacts`,
		);
	return [
		{
			id: '9',
			title: `${rows.toLocaleString('en-US')}-row Create or Update on ${contacts.toLocaleString('en-US')} contacts, 100 requests/min`,
			params: {
				rows,
				contacts,
				rateLimit: RATE_LIMIT,
				rateWindowMs: RATE_WINDOW_MS,
				clockScale,
				minRequests,
				floorSeconds,
				windowFloorSeconds,
			},
			variants,
			extras: {
				dotloop: `min ${minRequests} req, floor ${floorSeconds} s (fixed windows: ${windowFloorSeconds} s); ${extras.dotloop}`,
				http: `min ${minRequests} req, floor ${floorSeconds} s (fixed windows: ${windowFloorSeconds} s); ${extras.http}`,
			},
			compare: [
				{ key: 'requests', label: 'requests', better: 'lower', exact: true },
				{ key: 'timeOverFloor', label: 'time / floor', better: 'lower' },
				{ key: 'wallSeconds', label: 'wall time', better: 'lower' },
				{ key: 'duplicatesCreated', label: 'duplicate contacts', better: 'lower', exact: true },
				{ key: 'rateLimited', label: '429 answers', better: 'lower', exact: true },
				{ key: 'itemsLost', label: 'rows lost', better: 'lower', exact: true },
			],
			failures,
		},
	];
}

module.exports = { run };
