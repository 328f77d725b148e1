import { Settings } from 'luxon';
import type { IDataObject } from 'n8n-workflow';

import { useNewCredential } from '../helpers/n8n/action';
import { startServer, type TestServer } from '../helpers/io';
import { pollingTrigger } from '../helpers/n8n/poll';

/**
 * Loop Status Changed after an outage on a scripted Dotloop whose clock (the Date header) the test
 * moves, with n8n 2.x's poll budget at 1 ms (each poll reads one batch). During the outage 150 loops
 * were created and one seeded loop changed status: the catch-up pauses after batch 1 and the next poll
 * reads batch 2. A new loop has no previous status, however late in the catch-up it is read.
 * Loop Date Approaching keeps no backlog: between its daily full reads it reads the changes whole.
 */
const S = Date.parse('2030-03-01T12:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
const P2 = S + 2 * 3600_000;

interface Loop extends IDataObject {
	id: number;
	status: string;
	created: string;
	updated: string;
}

let server: TestServer;
let now = 0;
let loops: Loop[] = [];
let requests: Array<{ filter: string | null; batch: number }> = [];

beforeAll(async () => {
	server = await startServer((request, response) => {
		const url = new URL(String(request.url), 'http://x');
		const headers = { 'Content-Type': 'application/json', Date: new Date(now).toUTCString() };
		if (url.pathname !== '/profile/1001/loop') {
			response.writeHead(404, headers);
			response.end(JSON.stringify({ message: `unexpected ${url.pathname}` }));
			return;
		}
		const filter = url.searchParams.get('filter');
		const batch = Number(url.searchParams.get('batch_number'));
		const size = Number(url.searchParams.get('batch_size'));
		requests.push({ filter, batch });
		const key = String(url.searchParams.get('sort')).split(':')[0] as 'updated' | 'created';
		const min = /^(updated|created)_min=(.+)$/.exec(filter ?? '');
		const listed = loops
			.filter((loop) => !min || Date.parse(loop[min[1] as 'updated']) >= Date.parse(min[2]))
			.sort((a, b) => Date.parse(b[key]) - Date.parse(a[key]) || b.id - a.id);
		response.writeHead(200, headers);
		response.end(
			JSON.stringify({
				data: listed.slice((batch - 1) * size, batch * size),
				meta: { total: listed.length },
			}),
		);
	});
});

afterAll(async () => {
	Settings.now = () => Date.now();
	await server.close();
});

const loop = (id: number, status: string, at: number): Loop => ({
	id,
	name: `Loop ${id}`,
	transactionType: 'LISTING_FOR_SALE',
	status,
	created: iso(at),
	updated: iso(at),
});

test('after a catch-up paused by the poll budget, loops created during the outage give no status change', async () => {
	useNewCredential();
	const t = pollingTrigger({
		params: {
			event: 'loopStatusChanged',
			watch: 'profile',
			profileId: { __rl: true, mode: 'id', value: '1001' },
		},
		apiBaseUrl: server.url,
		pollBudgetMs: 1,
	});
	const poll = async (at: number) => {
		now = at;
		requests = [];
		const out = (await t.run()) ?? [];
		return {
			batches: requests.map((r) => r.batch),
			items: out.map((l) => [l.id, l.previousStatus, l.newStatus]),
		};
	};
	loops = [
		loop(1, 'PRE_LISTING', S - 86_400_000),
		loop(2, 'ACTIVE_LISTING', S - 86_400_000),
		loop(3, 'SOLD', S - 86_400_000),
	];
	// Seeding: the first batch, every loop, the loops changed since.
	expect(await poll(S)).toEqual({ batches: [1, 1, 1], items: [] });

	// The outage: loop 1 went under contract first, then 150 loops were created, the last one 40 s
	// before poll 2 (more than the 30 s lookback).
	loops[0] = { ...loops[0], status: 'UNDER_CONTRACT', updated: iso(S + 60_000) };
	const created = Array.from({ length: 150 }, (_, i) =>
		loop(101 + i, 'UNDER_CONTRACT', P2 - 40_000 - (149 - i) * 30_000),
	);
	loops.push(...created);
	expect(Date.parse(created[0].created)).toBeGreaterThan(S + 60_000);

	// Batch 1 (the 100 newest), then the budget pauses the read.
	expect(await poll(P2)).toEqual({ batches: [1], items: [] });
	// The backlog: batch 2, the 50 oldest new loops and loop 1's change, with its true previous status.
	expect(await poll(P2 + 60_000)).toEqual({
		batches: [2],
		items: [[1, 'PRE_LISTING', 'UNDER_CONTRACT']],
	});
	expect(await poll(P2 + 120_000)).toEqual({ batches: [1], items: [] });
});

test('Loop Date Approaching reads the changed loops between full reads whole, whatever the budget', async () => {
	useNewCredential();
	const t = pollingTrigger({
		params: {
			event: 'loopDateApproaching',
			watch: 'profile',
			profileId: { __rl: true, mode: 'id', value: '1001' },
			dateField: 'Contract Dates|Closing Date',
			withinDays: 14,
		},
		apiBaseUrl: server.url,
		timezone: 'UTC',
		pollBudgetMs: 1,
	});
	const poll = async (at: number) => {
		now = at;
		requests = [];
		const out = (await t.run()) ?? [];
		return {
			batches: requests.map((r) => r.batch),
			ids: out.map((l) => Number(l.id)).sort((a, b) => a - b),
		};
	};
	// The node's today (luxon's clock) stays on one day, apart from Dotloop's clock (the Date header).
	const today = Date.parse('2031-06-10T12:00:00Z');
	Settings.now = () => today;
	const closing = (days: number) => {
		const d = new Date(today + days * 86_400_000);
		const pad = (n: number) => String(n).padStart(2, '0');
		return `${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())}/${d.getUTCFullYear()}`;
	};
	const withDate = (l: Loop, days: number, at: number): Loop => ({
		...l,
		updated: iso(at),
		details: { 'Contract Dates': { 'Closing Date': closing(days) } },
	});
	const ids = Array.from({ length: 150 }, (_, i) => 101 + i);
	loops = ids.map((id) => withDate(loop(id, 'UNDER_CONTRACT', S - 86_400_000), 60, S - 86_400_000));
	// The day's full read.
	expect(await poll(S)).toEqual({ batches: [1, 2], ids: [] });
	// All 150 get a closing date in 3 days, a minute apart: two batches of changes.
	loops = loops.map((l, i) => withDate(l, 3, S + 60_000 * (i + 1)));
	const P = S + 3 * 3600_000;
	expect(await poll(P)).toEqual({ batches: [1, 2], ids });
	expect(await poll(P + 60_000)).toEqual({ batches: [1], ids: [] });
	Settings.now = () => Date.now();
});
