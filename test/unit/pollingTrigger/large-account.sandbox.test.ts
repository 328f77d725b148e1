import type { IDataObject } from 'n8n-workflow';

import { n8nHttpRequest } from '../helpers/io';
import { useAccountSandbox } from './accountSandbox';
import { second } from './sandboxTrigger';

/**
 * The Polling Trigger on a brokerage's account (issue 21): profiles refused or deactivated among the
 * watched ones, a 20,000-loop profile's Loop Status Changed state, seeding while statuses change,
 * and catch-ups cut by n8n's poll budget. Against the sandbox; exact requests and items.
 */
jest.setTimeout(120_000);

const { admin, simulate, lastSeq, tokens, sandbox, trigger, ...account } = useAccountSandbox();
/** The loop reads carry no body: method, path and query say it all. */
const requestsSince = async (seq: number) =>
	(await account.requestsSince(seq)).map((r) => ({
		method: r.method,
		path: r.path,
		query: r.query,
	}));

const T0 = '2030-03-01T12:00:00Z';
const loopPaths = (requests: Array<{ path: unknown }>) =>
	requests.map((r) => r.path).filter((p) => String(p).endsWith('/loop'));

describe('Every Profile Holding Loops with a refused or deactivated profile', () => {
	test.each([403, 404])(
		'a profile whose loops answer %i is left out of the poll, named in the log, its window kept; the others go on',
		async (status) => {
			const t = trigger({ event: 'loopUpdated', watch: 'allProfiles' });
			await t.run();
			const kept = JSON.stringify((t.staticData.dotloopPolling as IDataObject).loops);
			await admin('PATCH', '/profiles/1002', { refuse: status });
			await simulate({ action: 'updateLoop', loopId: 50001, name: 'Main change', at: T0 });
			await simulate({ action: 'updateLoop', loopId: 50031, name: 'Luxury change', at: T0 });

			const seq = await lastSeq();
			const items = await t.run();
			expect(items?.map((l) => [l.id, l.profileId, l.name])).toEqual([
				[50001, 1001, 'Main change'],
			]);
			expect(loopPaths(await requestsSince(seq))).toEqual([
				'/public/v2/profile/1001/loop',
				'/public/v2/profile/1002/loop',
			]);
			expect(t.warnings).toEqual([
				expect.stringMatching(
					new RegExp(
						`^Dotloop Polling Trigger: profile 1002 left out of this poll, its loops answered ${status}: `,
					),
				),
			]);
			const loops = (t.staticData.dotloopPolling as IDataObject).loops as IDataObject;
			expect(loops['1002']).toEqual(JSON.parse(kept)['1002']);

			// Back: the change made while it was refused comes now, once.
			await admin('PATCH', '/profiles/1002', { refuse: null });
			expect((await t.run())?.map((l) => [l.id, l.profileId])).toEqual([[50031, 1002]]);
			expect(await t.run()).toBeNull();
		},
	);

	test('when every watched profile refuses, the poll fails naming each; the state stays', async () => {
		const t = trigger({ event: 'loopUpdated', watch: 'allProfiles' });
		await t.run();
		const before = JSON.stringify(t.staticData);
		await admin('PATCH', '/profiles/1001', { refuse: 404 });
		await admin('PATCH', '/profiles/1002', { refuse: 403 });
		await expect(t.run()).rejects.toThrow(
			/^Every watched profile refused its loops: Profile 1001: .+; Profile 1002: .+/,
		);
		expect(JSON.stringify(t.staticData)).toBe(before);
	});

	test('one watched profile refused fails the poll as before (nothing else to go on with)', async () => {
		const t = trigger({
			event: 'loopUpdated',
			watch: 'profile',
			profileId: { __rl: true, mode: 'id', value: '1002' },
		});
		await t.run();
		await admin('PATCH', '/profiles/1002', { refuse: 403 });
		await expect(t.run()).rejects.toThrow(/^Profile 1002: /);
	});

	test('a server error on one profile still fails the poll: only 403/404 mean refused', async () => {
		const t = trigger({ event: 'loopUpdated', watch: 'allProfiles' });
		await t.run();
		await admin('POST', '/faults', {
			method: 'GET',
			path: '/profile/1002/loop',
			status: 500,
			count: 10,
		});
		await expect(t.run()).rejects.toThrow(/^Profile 1002: /);
		expect(t.warnings).toEqual([]);
	});

	test('a deactivated profile is not polled', async () => {
		await admin('PATCH', '/profiles/1002', { deactivated: true });
		const t = trigger({ event: 'loopUpdated', watch: 'allProfiles' });
		const seq = await lastSeq();
		await t.run();
		expect((await requestsSince(seq)).map((r) => r.path)).toEqual([
			'/public/v2/profile',
			'/public/v2/profile/1001/loop',
		]);
		expect(Object.keys((t.staticData.dotloopPolling as IDataObject).loops as IDataObject)).toEqual([
			'1001',
		]);
	});

	test('Loop Date Approaching skips a refused profile too and keeps the dates announced for it', async () => {
		const t = trigger({
			event: 'loopDateApproaching',
			watch: 'allProfiles',
			dateField: 'Contract Dates|Closing Date',
			withinDays: 10,
		});
		const d = new Date(Date.now() + 3 * 86400000);
		const inThreeDays = `${String(d.getUTCMonth() + 1).padStart(2, '0')}/${String(d.getUTCDate()).padStart(2, '0')}/${d.getUTCFullYear()}`;
		await simulate({
			action: 'updateLoop',
			loopId: 50031,
			details: { 'Contract Dates': { 'Closing Date': inThreeDays } },
		});
		await t.run();
		const stored = () =>
			(t.staticData.dotloopPolling as { loops: Record<string, { emitted: IDataObject }> }).loops;
		const kept = stored()['1002'];
		expect(Object.keys(kept.emitted)).toEqual(['50031']);
		await admin('PATCH', '/profiles/1002', { refuse: 403 });
		expect(await t.run()).toBeNull();
		expect(stored()['1002']).toEqual(kept);
		expect(t.warnings).toHaveLength(1);
	});
});

test('a quiet Loop Updated poll leaves the static data untouched (n8n saves nothing)', async () => {
	const t = trigger({ event: 'loopUpdated', watch: 'allProfiles' });
	await t.run();
	expect(t.lastPollSaved).toBe(true);
	const state = t.staticData.dotloopPolling;
	expect(await t.run()).toBeNull();
	expect(t.lastPollSaved).toBe(false);
	expect(await t.run()).toBeNull();
	expect(t.lastPollSaved).toBe(false);
	expect(t.saves).toBe(1);
	expect(t.staticData.dotloopPolling).toBe(state);
});

describe('Loop Status Changed on a 20,000-loop profile (14,000 SOLD)', () => {
	let seeded: { firstId: number; lastId: number; statuses: Record<string, number> };
	const loopOf = async (id: number) =>
		(
			(await n8nHttpRequest({
				method: 'GET',
				url: `${sandbox().apiBaseUrl}/profile/1001/loop/${id}`,
				json: true,
				headers: { Authorization: `Bearer ${tokens.accessToken}` },
			})) as { data: IDataObject }
		).data;
	/** The first loop from `id` down whose status is not ARCHIVED. */
	const openFrom = async (id: number): Promise<IDataObject> => {
		const loop = await loopOf(id);
		return loop.status === 'ARCHIVED' ? await openFrom(id - 1) : loop;
	};

	beforeEach(async () => {
		seeded = (await admin('POST', '/seed/large-account', { profileId: 1001, contacts: 0 }))
			.loops as typeof seeded;
	});

	const statusTrigger = (options: Parameters<typeof trigger>[1] = {}) =>
		trigger(
			{
				event: 'loopStatusChanged',
				watch: 'profile',
				profileId: { __rl: true, mode: 'id', value: '1001' },
			},
			options,
		);

	test('the state stays small, a quiet poll is one request and leaves the static data untouched', async () => {
		const t = statusTrigger();
		await t.run();
		const bytes = JSON.stringify(t.staticData).length;
		// Measured: 10,612 bytes; the plain status map of before kept 308,167 on this account.
		expect(bytes).toBeLessThan(11_000);
		const state = t.staticData.dotloopPolling;
		const seq = await lastSeq();
		expect(await t.run()).toBeNull();
		expect(t.lastPollSaved).toBe(false);
		expect(t.staticData.dotloopPolling).toBe(state);
		const requests = await requestsSince(seq);
		expect(requests).toEqual([
			{
				method: 'GET',
				path: '/public/v2/profile/1001/loop',
				query: {
					sort: 'updated:desc',
					filter: expect.stringMatching(/^updated_min=\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
					batch_size: '100',
					batch_number: '1',
				},
			},
		]);
	});

	test('a loop leaving or entering an end state or ARCHIVED says its true previous status; edits are not changes', async () => {
		const t = statusTrigger();
		await t.run();
		const sold = seeded.firstId; // SOLD (implicit in the state)
		const soldEdited = seeded.firstId + 2;
		const others = await Promise.all(
			[
				0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24,
				25,
			].map(async (k) => await loopOf(seeded.firstId + 14000 + k)),
		);
		const archived = others.find(
			(l) => l.status === 'ARCHIVED' && l.transactionType === 'LISTING_FOR_SALE',
		) as IDataObject;
		const archivedEdited = others.filter((l) => l.status === 'ARCHIVED')[1];
		const leased = others.find((l) => l.status === 'LEASED') as IDataObject;
		const underContract = others.find(
			(l) => l.status === 'UNDER_CONTRACT' && l.transactionType === 'PURCHASE_OFFER',
		) as IDataObject;
		await simulate({ action: 'updateLoop', loopId: sold, status: 'ARCHIVED' });
		await simulate({ action: 'updateLoop', loopId: soldEdited, name: 'Renamed, still SOLD' });
		await simulate({ action: 'updateLoop', loopId: archived.id, status: 'PRE_LISTING' });
		await simulate({ action: 'updateLoop', loopId: archivedEdited.id, name: 'Renamed, archived' });
		await simulate({ action: 'updateLoop', loopId: leased.id, status: 'ARCHIVED' });
		await simulate({ action: 'updateLoop', loopId: underContract.id, status: 'SOLD' });

		const out = (await t.run()) ?? [];
		expect(
			out
				.map((l) => [l.id, l.previousStatus, l.newStatus])
				.sort((a, b) => Number(a[0]) - Number(b[0])),
		).toEqual(
			[
				[sold, 'SOLD', 'ARCHIVED'],
				[archived.id, 'ARCHIVED', 'PRE_LISTING'],
				[leased.id, 'LEASED', 'ARCHIVED'],
				[underContract.id, 'UNDER_CONTRACT', 'SOLD'],
			].sort((a, b) => Number(a[0]) - Number(b[0])),
		);
		// And back: the SOLD one (now implicit again) archived, the reopened one sold.
		await simulate({ action: 'updateLoop', loopId: underContract.id, status: 'ARCHIVED' });
		expect((await t.run())?.map((l) => [l.id, l.previousStatus, l.newStatus])).toEqual([
			[underContract.id, 'SOLD', 'ARCHIVED'],
		]);
		expect(await t.run()).toBeNull();
	});

	test('statuses changing between the pages of the seeding: each change once, true previous status where seeding saw the loop before', async () => {
		// In batch 2 of the newest-first list (read before the change), and in batch 51 (not yet read).
		const read = await openFrom(seeded.lastId - 150);
		const unread = await openFrom(seeded.lastId - 5000);
		const [beforeRead, notYetRead] = [Number(read.id), Number(unread.id)];
		let changed = false;
		const t = statusTrigger({
			beforeRequest: async (request) => {
				const qs = (request.qs ?? {}) as IDataObject;
				const feed = String(qs.filter ?? '').startsWith('updated_min');
				if (!changed && !feed && qs.batch_number === 3) {
					changed = true;
					await simulate({ action: 'updateLoop', loopId: beforeRead, status: 'ARCHIVED' });
					await simulate({ action: 'updateLoop', loopId: notYetRead, status: 'ARCHIVED' });
				}
			},
		});
		expect(await t.run()).toBeNull();
		expect(changed).toBe(true);
		const out = (await t.run()) ?? [];
		expect(out.map((l) => [l.id, l.previousStatus, l.newStatus])).toEqual([
			[notYetRead, null, 'ARCHIVED'],
			[beforeRead, read.status, 'ARCHIVED'],
		]);
		expect(unread.status).not.toBe('ARCHIVED');
		expect(await t.run()).toBeNull();
	});
});

describe("n8n 2.x's poll budget (getPollBudgetMs)", () => {
	let ids: number[];
	/** Each loop changed one second after the one before, from `from` seconds after T0. */
	const update = async (loopIds: number[], name: string, from: number) => {
		for (const [i, loopId] of loopIds.entries())
			await simulate({ action: 'updateLoop', loopId, name, at: second(T0, from + i) });
	};
	const batchNumbers = async (seq: number) =>
		(await requestsSince(seq))
			.filter((r) => r.path === '/public/v2/profile/1001/loop')
			.map((r) => Number((r.query as IDataObject).batch_number));

	beforeEach(async () => {
		const seeded = (await admin('POST', '/seed/loops', {
			profileId: 1001,
			count: 350,
		})) as IDataObject;
		const first = Number((seeded.data as IDataObject)?.firstId ?? seeded.firstId);
		ids = Array.from({ length: 350 }, (_, i) => first + i);
	});

	test('a catch-up past the budget stops after a page, emits it, and the next polls go on from there: nothing lost, nothing twice', async () => {
		const t = trigger(
			{
				event: 'loopUpdated',
				watch: 'profile',
				profileId: { __rl: true, mode: 'id', value: '1001' },
			},
			{ pollBudgetMs: 1 },
		);
		await t.run();
		await update(ids, 'Catch-up', 0);
		const emitted: number[] = [];
		const pages: number[][] = [];
		for (let poll = 0; poll < 4; poll++) {
			const seq = await lastSeq();
			emitted.push(...((await t.run()) ?? []).map((l) => Number(l.id)));
			pages.push(await batchNumbers(seq));
			// Changes between two polls of the catch-up push the unread loops down a batch.
			if (poll === 0) await update(ids.slice(0, 3), 'Changed again', 1000);
		}
		expect(pages).toEqual([[1], [2], [3], [4]]);
		const seq = await lastSeq();
		const last = (await t.run()) ?? [];
		expect(await batchNumbers(seq)).toEqual([1]);
		expect(last.map((l) => [l.id, l.name])).toEqual(
			ids.slice(0, 3).map((id) => [id, 'Changed again']),
		);
		// The three changed again had not been read yet (the oldest changes, batch 4): they moved to the
		// first batch and come once, as they are now; the catch-up emitted every other loop once.
		expect([...emitted].sort((a, b) => a - b)).toEqual(ids.slice(3));
		expect(await t.run()).toBeNull();
	});

	test('without a budget (n8n 1.x) the same catch-up is one poll of 4 batches', async () => {
		const t = trigger(
			{
				event: 'loopUpdated',
				watch: 'profile',
				profileId: { __rl: true, mode: 'id', value: '1001' },
			},
			{ n8n1PollContext: true },
		);
		await t.run();
		await update(ids, 'Catch-up', 0);
		const seq = await lastSeq();
		const out = (await t.run()) ?? [];
		expect(await batchNumbers(seq)).toEqual([1, 2, 3, 4]);
		expect(out.map((l) => Number(l.id)).sort((a, b) => a - b)).toEqual(ids);
	});
});

test('Loop Status Changed reads a state of the earlier shape once (its status map), then keeps the new one', async () => {
	const t = trigger({
		event: 'loopStatusChanged',
		watch: 'profile',
		profileId: { __rl: true, mode: 'id', value: '1001' },
	});
	await t.run();
	const state = t.staticData.dotloopPolling as IDataObject;
	const loops = state.loops as Record<string, IDataObject>;
	// What earlier versions stored: every open loop's status; 50001 said UNDER_CONTRACT.
	loops['1001'] = {
		window: loops['1001'].window,
		statuses: { '50001': 'UNDER_CONTRACT' },
		seededAt: '2020-01-01T00:00:00Z',
	};
	await simulate({ action: 'updateLoop', loopId: 50001, status: 'SOLD' });
	const out = (await t.run()) ?? [];
	expect(out.map((l) => [l.id, l.previousStatus, l.newStatus])).toEqual([
		[50001, 'UNDER_CONTRACT', 'SOLD'],
	]);
	const kept = (t.staticData.dotloopPolling as IDataObject).loops as Record<string, IDataObject>;
	expect(Object.keys(kept['1001']).sort()).toEqual(['ids', 'newFrom', 'window']);
	expect(await t.run()).toBeNull();
});
