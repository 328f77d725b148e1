import type { IDataObject } from 'n8n-workflow';

import { toTriggerItem } from '../../../nodes/Dotloop/rules/deliveries';
import { n8nHttpRequest } from '../helpers/io';
import { useAccountSandbox } from './accountSandbox';
import { second } from './sandboxTrigger';

/**
 * The Dotloop Polling Trigger's poll() against the local Dotloop sandbox: the exact requests a poll
 * sends, what it emits across polls, and what it keeps.
 */
jest.setTimeout(60_000);

const { admin, simulate, lastSeq, requestsSince, tokens, reconnect, sandbox, ...account } =
	useAccountSandbox();
const api = async (method: 'GET' | 'POST' | 'PATCH', path: string, body?: IDataObject) =>
	(await n8nHttpRequest({
		method,
		url: `${sandbox().apiBaseUrl}${path}`,
		body,
		json: true,
		headers: { Authorization: `Bearer ${tokens.accessToken}` },
	})) as IDataObject;

const profile = (value: string | number) => ({ __rl: true, mode: 'id', value: String(value) });

// The dates below are counted in UTC; n8n's own default would be America/New_York.
const trigger = (params: IDataObject) => account.trigger(params, { timezone: 'UTC' });

const T0 = '2030-03-01T12:00:00Z';

describe.each(['inclusive', 'exclusive'])('Loop Updated (updated_min read as %s)', (bound) => {
	beforeEach(async () => {
		await admin('PATCH', '/config', { minFilterBound: bound });
	});
	afterAll(async () => {
		await admin('PATCH', '/config', { minFilterBound: 'inclusive' });
	});

	test('first poll records and emits nothing; a quiet poll is one request; same-second changes each come once', async () => {
		const t = trigger({ event: 'loopUpdated', watch: 'profile', profileId: profile(1001) });
		await simulate({ action: 'updateLoop', loopId: 50001, name: 'Before activation', at: T0 });

		let seq = await lastSeq();
		expect(await t.run()).toBeNull();
		expect(await requestsSince(seq)).toEqual([
			{
				method: 'GET',
				path: '/public/v2/profile/1001/loop',
				query: { sort: 'updated:desc', batch_size: '100', batch_number: '1' },
				body: null,
			},
		]);

		seq = await lastSeq();
		expect(await t.run()).toBeNull();
		expect(await requestsSince(seq)).toEqual([
			{
				method: 'GET',
				path: '/public/v2/profile/1001/loop',
				query: {
					sort: 'updated:desc',
					filter: `updated_min=${second(T0, -30)}`,
					batch_size: '100',
					batch_number: '1',
				},
				body: null,
			},
		]);

		// Three loops changed in the second the cursor stands on, then one more in that second.
		for (const loopId of [50003, 50002, 50004]) {
			await simulate({ action: 'updateLoop', loopId, name: `Same second ${loopId}`, at: T0 });
		}
		const first = await t.run();
		expect(first?.map((l) => [l.id, l.name, l.updated, l.profileId])).toEqual([
			[50002, 'Same second 50002', T0, 1001],
			[50003, 'Same second 50003', T0, 1001],
			[50004, 'Same second 50004', T0, 1001],
		]);
		await simulate({ action: 'updateLoop', loopId: 50005, name: 'Still the same second', at: T0 });
		await simulate({
			action: 'updateLoop',
			loopId: 50002,
			name: 'Changed again, same second',
			at: T0,
		});
		expect((await t.run())?.map((l) => [l.id, l.name])).toEqual([
			[50002, 'Changed again, same second'],
			[50005, 'Still the same second'],
		]);
		expect(await t.run()).toBeNull();
	});
});

describe('Loop Updated', () => {
	test('catching up 250 changes costs ⌈250/100⌉ requests and emits each change once', async () => {
		const t = trigger({ event: 'loopUpdated', watch: 'profile', profileId: profile(1001) });
		await simulate({ action: 'updateLoop', loopId: 50001, name: 'Start', at: T0 });
		await t.run();
		await admin('POST', '/seed/loops', { profileId: 1001, count: 250 });
		const state = (await admin('GET', '/state')) as { loops: IDataObject[] };
		const generated = state.loops.filter((l) => Number(l.id) > 50037).map((l) => Number(l.id));
		expect(generated).toHaveLength(250);
		for (const [i, loopId] of generated.entries()) {
			await simulate({
				action: 'updateLoop',
				loopId,
				name: `Caught up ${loopId}`,
				at: second(T0, 60 + Math.floor(i / 7)),
			});
		}
		const seq = await lastSeq();
		const out = (await t.run()) ?? [];
		expect(out.map((l) => l.id).sort()).toEqual([...generated].sort());
		const requests = await requestsSince(seq);
		expect(requests.map((r) => (r.query as IDataObject).batch_number)).toEqual(['1', '2', '3']);
		expect(await t.run()).toBeNull();
	});

	test('a failed poll changes no state; the next poll emits the same window, naming nothing twice', async () => {
		const t = trigger({ event: 'loopUpdated', watch: 'profile', profileId: profile(1001) });
		await simulate({ action: 'updateLoop', loopId: 50001, name: 'Start', at: T0 });
		await t.run();
		const before = JSON.stringify(t.staticData);
		await simulate({ action: 'updateLoop', loopId: 50006, name: 'Missed once', at: second(T0, 5) });
		await admin('POST', '/faults', { status: 403, count: 1, path: '/loop' });
		await expect(t.run()).rejects.toThrow(/^Profile 1001: /);
		expect(JSON.stringify(t.staticData)).toBe(before);
		expect((await t.run())?.map((l) => l.id)).toEqual([50006]);
		expect(await t.run()).toBeNull();
	});

	test('an expired token is refreshed once by n8n-core and stored; the poll goes on with the new one', async () => {
		const t = trigger({ event: 'loopUpdated', watch: 'profile', profileId: profile(1001) });
		await simulate({ action: 'updateLoop', loopId: 50001, name: 'Start', at: T0 });
		await t.run();
		await admin('POST', '/tokens/expire');
		await simulate({
			action: 'updateLoop',
			loopId: 50006,
			name: 'After expiry',
			at: second(T0, 5),
		});
		try {
			const seq = await lastSeq();
			expect((await t.run())?.map((l) => [l.id, l.name])).toEqual([[50006, 'After expiry']]);
			expect(t.oauth.refreshCount).toBe(1);
			expect(t.oauth.accessToken).not.toBe(tokens.accessToken);
			const log = (await admin('GET', `/requests?since=${seq}`)).data as IDataObject[];
			expect(log.map((entry) => [entry.method, entry.path, entry.status])).toEqual([
				['GET', '/public/v2/profile/1001/loop', 401],
				['GET', '/public/v2/profile/1001/loop', 401],
				['POST', '/oauth/token', 200],
				['GET', '/public/v2/profile/1001/loop', 200],
			]);
		} finally {
			await reconnect();
		}
	});

	test('a poll that starts while the previous one still runs is skipped, so nothing is emitted twice', async () => {
		const t = trigger({ event: 'loopUpdated', watch: 'profile', profileId: profile(1001) });
		await simulate({ action: 'updateLoop', loopId: 50001, name: 'Start', at: T0 });
		await t.run();
		await simulate({ action: 'updateLoop', loopId: 50006, name: 'Once only', at: second(T0, 7) });
		const seq = await lastSeq();
		const [first, overlapping] = await Promise.all([t.run(), t.run()]);
		expect(first?.map((l) => l.id)).toEqual([50006]);
		expect(overlapping).toBeNull();
		expect(await requestsSince(seq)).toHaveLength(1);
		expect(await t.run()).toBeNull();
	});

	test('Every Profile Holding Loops watches each INDIVIDUAL profile, one request each when quiet', async () => {
		const t = trigger({ event: 'loopUpdated', watch: 'allProfiles' });
		await t.run();
		const seq = await lastSeq();
		expect(await t.run()).toBeNull();
		expect((await requestsSince(seq)).map((r) => r.path)).toEqual([
			'/public/v2/profile/1001/loop',
			'/public/v2/profile/1002/loop',
		]);
		await simulate({
			action: 'updateLoop',
			loopId: 50031,
			name: 'Luxury change',
			at: second(T0, 900),
		});
		expect((await t.run())?.map((l) => [l.id, l.profileId])).toEqual([[50031, 1002]]);
	});

	test('a bad profile ID fails before any request, naming the parameter', async () => {
		const t = trigger({ event: 'loopUpdated', watch: 'profile', profileId: profile('abc') });
		const seq = await lastSeq();
		await expect(t.run()).rejects.toThrow(
			'Profile: "abc" is not a profile ID; choose a profile from the list or enter its whole-number ID',
		);
		expect(await requestsSince(seq)).toEqual([]);
	});

	test('a manual run returns the most recently updated loops and keeps no state', async () => {
		const t = trigger({ event: 'loopUpdated', watch: 'profile', profileId: profile(1001) });
		t.setMode('manual');
		await simulate({ action: 'updateLoop', loopId: 50009, name: 'Newest', at: second(T0, 1000) });
		const out = (await t.run()) ?? [];
		expect(out).toHaveLength(10);
		expect(out[0]).toEqual(expect.objectContaining({ id: 50009, name: 'Newest', profileId: 1001 }));
		expect(t.staticData).toEqual({});
		expect(t.saves).toBe(0);
	});
});

describe('Loop Created and Loop Status Changed', () => {
	test('Loop Created reads created_min newest first and emits each new loop once', async () => {
		const t = trigger({ event: 'loopCreated', watch: 'profile', profileId: profile(1001) });
		await t.run();
		const a = await simulate({ action: 'createLoop', name: 'New A', at: second(T0, 10) });
		const b = await simulate({ action: 'createLoop', name: 'New B', at: second(T0, 10) });
		const seq = await lastSeq();
		expect((await t.run())?.map((l) => l.name)).toEqual(['New A', 'New B']);
		expect((await requestsSince(seq))[0].query).toEqual(
			expect.objectContaining({
				sort: 'created:desc',
				filter: expect.stringMatching(/^created_min=/),
			}),
		);
		await simulate({ action: 'updateLoop', loopId: a.id, name: 'A renamed', at: second(T0, 11) });
		expect(await t.run()).toBeNull();
		expect(b.id).toBe(Number(a.id) + 1);
	});

	test('Loop Status Changed says the previous and new status and filters on the new one', async () => {
		const t = trigger({
			event: 'loopStatusChanged',
			watch: 'profile',
			profileId: profile(1001),
			newStatuses: ['SOLD'],
		});
		await t.run();
		expect(Object.keys((t.staticData.dotloopPolling as IDataObject).loops as IDataObject)).toEqual([
			'1001',
		]);
		await simulate({ action: 'updateLoop', loopId: 50001, status: 'SOLD', at: second(T0, 20) });
		await simulate({
			action: 'updateLoop',
			loopId: 50006,
			status: 'ACTIVE_LISTING',
			at: second(T0, 20),
		});
		await simulate({
			action: 'updateLoop',
			loopId: 50007,
			name: 'Only renamed',
			at: second(T0, 20),
		});
		// An archived loop brought back: not in the kept statuses, so it was ARCHIVED.
		await simulate({ action: 'updateLoop', loopId: 50005, status: 'SOLD', at: second(T0, 21) });
		const out = (await t.run()) ?? [];
		expect(out.map((l) => [l.id, l.previousStatus, l.newStatus, l.status])).toEqual([
			[50001, 'UNDER_CONTRACT', 'SOLD', 'SOLD'],
			[50005, 'ARCHIVED', 'SOLD', 'SOLD'],
		]);
		expect(await t.run()).toBeNull();
	});
});

describe('Loop Status Changed, Fetch Test Event', () => {
	const statusTrigger = () =>
		trigger({
			event: 'loopStatusChanged',
			watch: 'profile',
			profileId: profile(1001),
			newStatuses: ['SOLD'],
		});
	const listRequest = {
		method: 'GET',
		path: '/public/v2/profile/1001/loop',
		query: {
			sort: 'updated:desc',
			filter: 'transaction_status=SOLD',
			batch_size: '100',
			batch_number: '1',
		},
		body: null,
	};
	const loop50001 = {
		id: 50001,
		name: '2100 Waterview Dr #12, San Francisco, CA 94114',
		status: 'SOLD',
		statusCategory: 'Closed',
		transactionType: 'PURCHASE_OFFER',
		totalTaskCount: 9,
		completedTaskCount: 5,
		updated: '2030-03-01T12:00:20Z',
		created: '2024-06-07T00:23:08Z',
		loopUrl: 'https://www.dotloop.com/m/loop?viewId=50001',
		profileId: 1001,
	};
	const NOT_POLLED =
		'Fetch Test Event sample, not a status change: no statuses from an earlier poll of this trigger to compare with (once the active workflow has polled, a loop whose status changed since shows its previous status here)';
	const LAST_POLL =
		"Fetch Test Event sample: previousStatus is the loop's status as the trigger's last poll recorded it";
	const UNCHANGED =
		"Fetch Test Event sample, not a status change: the trigger's last poll saw no other status for this loop, and Dotloop keeps no status history";
	const summary = (out: IDataObject[]) =>
		out.map((l) => [l.id, l.previousStatus, l.newStatus, l.sample, l.sampleNote]);

	test('before any poll: each sample is marked, previousStatus null, and says why', async () => {
		await simulate({ action: 'updateLoop', loopId: 50001, status: 'SOLD', at: second(T0, 20) });
		const t = statusTrigger();
		t.setMode('manual');
		const seq = await lastSeq();
		const out = (await t.run()) ?? [];
		expect(await requestsSince(seq)).toEqual([listRequest]);
		expect(out[0]).toEqual({
			...loop50001,
			previousStatus: null,
			newStatus: 'SOLD',
			sample: true,
			sampleNote: NOT_POLLED,
		});
		expect(summary(out)).toEqual([
			[50001, null, 'SOLD', true, NOT_POLLED],
			[50010, null, 'SOLD', true, NOT_POLLED],
			[50004, null, 'SOLD', true, NOT_POLLED],
		]);
		expect(t.staticData).toEqual({});
	});

	test('after a poll: a loop whose status changed since shows the status that poll recorded', async () => {
		const t = statusTrigger();
		await t.run();
		const kept = JSON.stringify(t.staticData);
		await simulate({ action: 'updateLoop', loopId: 50001, status: 'SOLD', at: second(T0, 20) });
		// Archived at the poll (in no kept set): brought back as SOLD, it was ARCHIVED.
		await simulate({ action: 'updateLoop', loopId: 50005, status: 'SOLD', at: second(T0, 21) });
		t.setMode('manual');
		const seq = await lastSeq();
		const out = (await t.run()) ?? [];
		expect(await requestsSince(seq)).toEqual([listRequest]);
		expect(out[1]).toEqual({
			...loop50001,
			previousStatus: 'UNDER_CONTRACT',
			newStatus: 'SOLD',
			sample: true,
			sampleNote: LAST_POLL,
		});
		expect(summary(out)).toEqual([
			[50005, 'ARCHIVED', 'SOLD', true, LAST_POLL],
			[50001, 'UNDER_CONTRACT', 'SOLD', true, LAST_POLL],
			[50010, null, 'SOLD', true, UNCHANGED],
			[50004, null, 'SOLD', true, UNCHANGED],
		]);
		// A manual run writes nothing, and the next active poll still reports both changes.
		expect(JSON.stringify(t.staticData)).toBe(kept);
		t.setMode('trigger');
		expect(((await t.run()) ?? []).map((l) => [l.id, l.previousStatus, l.sample])).toEqual([
			[50001, 'UNDER_CONTRACT', undefined],
			[50005, 'ARCHIVED', undefined],
		]);
	});
});

describe('Contacts', () => {
	test('Contact Created and Contact Updated split new contacts from changes, each once', async () => {
		const created = trigger({ event: 'contactCreated' });
		const updated = trigger({ event: 'contactUpdated' });
		let seq = await lastSeq();
		await created.run();
		await updated.run();
		// The first poll reads the whole list once (contacts cannot be sorted): 130 contacts, 2 batches each.
		expect((await requestsSince(seq)).map((r) => (r.query as IDataObject).batch_number)).toEqual([
			'1',
			'2',
			'1',
			'2',
		]);
		const fresh = await simulate({
			action: 'createContact',
			firstName: 'Fresh',
			at: second(T0, 30),
		});
		await simulate({
			action: 'updateContact',
			contactId: 400002,
			lastName: 'Agent-Changed',
			at: second(T0, 30),
		});
		expect((await created.run())?.map((c) => c.id)).toEqual([fresh.id]);
		expect((await updated.run())?.map((c) => [c.id, c.lastName])).toEqual([
			[400002, 'Agent-Changed'],
		]);
		seq = await lastSeq();
		expect(await updated.run()).toBeNull();
		expect(await requestsSince(seq)).toEqual([
			{
				method: 'GET',
				path: '/public/v2/contact',
				query: { filter: `updated_min=${second(T0, 0)}`, batch_size: '100', batch_number: '1' },
				body: null,
			},
		]);
	});
});

// Section 5.1 does not show where a list item carries include_details: the trigger must read each shape.
describe.each(['details', 'loopDetails', 'inline', 'omitted'])(
	'loop lists with include_details read as %s',
	(listDetails) => {
		beforeEach(async () => {
			await admin('PATCH', '/config', { listDetails });
		});
		afterAll(async () => {
			await admin('PATCH', '/config', { listDetails: 'details' });
		});
		const detailPaths = (ids: unknown[]) =>
			listDetails === 'omitted'
				? ids.map((id) => `/public/v2/profile/1001/loop/${String(id)}/detail`)
				: [];

		test('Include Loop Details asks for include_details and passes the details on under `details`', async () => {
			const t = trigger({
				event: 'loopUpdated',
				watch: 'profile',
				profileId: profile(1001),
				options: { includeDetails: true },
			});
			await t.run();
			await simulate({
				action: 'updateLoop',
				loopId: 50001,
				name: 'With details',
				at: second(T0, 400),
			});
			const seq = await lastSeq();
			const items = (await t.run()) ?? [];
			const requests = await requestsSince(seq);
			const details = (await api('GET', '/profile/1001/loop/50001/detail')).data as IDataObject;
			const [listed] = (await api('GET', '/profile/1001/loop?batch_size=100'))
				.data as IDataObject[];
			expect(listed.id).toBe(50001);
			expect(listed.status).toBe('UNDER_CONTRACT');
			expect(items).toEqual([{ ...listed, statusCategory: 'Pending', profileId: 1001, details }]);
			expect(requests.map((r) => r.path)).toEqual([
				'/public/v2/profile/1001/loop',
				...detailPaths([50001]),
			]);
			expect(requests[0].query).toEqual(expect.objectContaining({ include_details: 'true' }));
		});

		test('Loop Date Approaching: each loop and date once, again when the date changes', async () => {
			const t = trigger({
				event: 'loopDateApproaching',
				watch: 'profile',
				profileId: profile(1001),
				dateField: 'Contract Dates|Closing Date',
				withinDays: 10,
			});
			await t.run();
			const inDays = (days: number) => {
				const d = new Date(Date.now() + days * 86400000);
				return `${String(d.getUTCMonth() + 1).padStart(2, '0')}/${String(d.getUTCDate()).padStart(2, '0')}/${d.getUTCFullYear()}`;
			};
			const iso = (days: number) =>
				new Date(Date.now() + days * 86400000).toISOString().slice(0, 10);
			await simulate({
				action: 'updateLoop',
				loopId: 50001,
				details: { 'Contract Dates': { 'Closing Date': inDays(3) } },
			});
			await simulate({
				action: 'updateLoop',
				loopId: 50003,
				details: { 'Contract Dates': { 'Closing Date': inDays(40) } },
			});
			const out = (await t.run()) ?? [];
			expect(out.map((l) => [l.id, l.dateField, l.date, l.daysUntil])).toEqual([
				[50001, 'Closing Date', iso(3), 3],
			]);
			expect(out[0].details).toEqual(
				(await api('GET', '/profile/1001/loop/50001/detail')).data as IDataObject,
			);
			expect(out[0]).not.toHaveProperty('loopDetails');
			expect(out[0]).not.toHaveProperty(['Contract Dates']);
			expect(await t.run()).toBeNull();
			// A later second: a list without details shows a same-second detail change as no change.
			await simulate({
				action: 'updateLoop',
				loopId: 50001,
				details: { 'Contract Dates': { 'Closing Date': inDays(5) } },
				at: second(new Date().toISOString().slice(0, 19) + 'Z', 2),
			});
			expect((await t.run())?.map((l) => [l.id, l.date])).toEqual([[50001, iso(5)]]);
			const state = t.staticData.dotloopPolling as {
				loops: Record<string, IDataObject>;
			};
			expect(state.loops['1001'].emitted).toEqual({ '50001': iso(5) });
		});

		test('Loop Date Approaching reads the details of every open loop the list answered', async () => {
			const t = trigger({
				event: 'loopDateApproaching',
				watch: 'profile',
				profileId: profile(1001),
				dateField: 'Contract Dates|Closing Date',
				withinDays: 10,
			});
			const seq = await lastSeq();
			await t.run();
			const requests = await requestsSince(seq);
			expect(requests[0]).toEqual({
				method: 'GET',
				path: '/public/v2/profile/1001/loop',
				query: expect.objectContaining({ include_details: 'true', sort: 'updated:desc' }),
				body: null,
			});
			const query = new URLSearchParams(requests[0].query as Record<string, string>);
			query.delete('include_details');
			const open = (await api('GET', `/profile/1001/loop?${query.toString()}`))
				.data as IDataObject[];
			expect(open.length).toBeGreaterThan(0);
			expect(requests.map((r) => r.path)).toEqual([
				'/public/v2/profile/1001/loop',
				...detailPaths(open.map((loop) => loop.id)),
			]);
		});
	},
);

describe('Failed Webhook Deliveries and Subscription Disabled', () => {
	async function subscription(externalId: string) {
		return (
			await api('POST', '/subscription', {
				targetType: 'PROFILE',
				targetId: 1001,
				eventTypes: ['LOOP_UPDATED'],
				url: 'https://unreachable.example.test/hook',
				signingKey: 'do-not-leak-this-key',
				externalId,
			})
		).data as IDataObject;
	}

	test("each FAILED event once, in the Dotloop Trigger's item shape", async () => {
		const sub = await subscription('crm-1');
		const t = trigger({ event: 'failedWebhookDeliveries' });
		await simulate({ action: 'updateLoop', loopId: 50001, name: 'Old failure' });
		const [old] = (await api('GET', `/subscription/${sub.id}/event`)).data as IDataObject[];
		await admin('POST', `/events/${old.id}/fail`);
		expect(await t.run()).toBeNull();

		await simulate({ action: 'updateLoop', loopId: 50002, name: 'New failure' });
		const [event] = (await api('GET', `/subscription/${sub.id}/event`)).data as IDataObject[];
		await admin('POST', `/events/${event.id}/fail`);
		const out = (await t.run()) ?? [];
		const record = (await api('GET', `/subscription/${sub.id}/event/${event.id}`))
			.data as IDataObject;
		const attempts = record.responseData as IDataObject[];
		const sentMs = Date.parse(String(attempts[attempts.length - 1].requestSentAt));
		const expected = toTriggerItem(
			{
				eventId: String(event.id),
				eventType: 'LOOP_UPDATED',
				createdOn: String(record.createdOn),
				subscriptionId: String(sub.id),
				subscriptionExternalId: 'crm-1',
				profileId: '1001',
				event: { id: '50002' },
			},
			{ header: String(sentMs), ms: sentMs },
		);
		expect(out).toEqual([
			{
				...expected,
				deliveryStatus: 'FAILED',
				deliveryAttempts: record.deliveryAttempts,
				lastResponse: expect.objectContaining({ responseCode: 0 }),
			},
		]);
		expect(await t.run()).toBeNull();
		expect(JSON.stringify(out)).not.toContain('do-not-leak-this-key');
	});

	test('a disabled subscription is emitted once; with Re-Enable it is enabled again and the item says so', async () => {
		const sub = await subscription('crm-2');
		const t = trigger({ event: 'subscriptionDisabled', reEnable: true });
		expect(await t.run()).toBeNull();
		await admin('POST', `/subscriptions/${sub.id}/disable`);
		const seq = await lastSeq();
		const out = (await t.run()) ?? [];
		expect(out).toEqual([
			{
				id: sub.id,
				targetType: 'PROFILE',
				targetId: 1001,
				eventTypes: ['LOOP_UPDATED'],
				url: 'https://unreachable.example.test/hook',
				externalId: 'crm-2',
				enabled: true,
				reEnabled: true,
			},
		]);
		expect((await requestsSince(seq)).map((r) => [r.method, r.path, r.body])).toEqual([
			['GET', '/public/v2/subscription', null],
			['PATCH', `/public/v2/subscription/${sub.id}`, { enabled: true }],
		]);
		expect(((await api('GET', `/subscription/${sub.id}`)).data as IDataObject).enabled).toBe(true);
		expect(await t.run()).toBeNull();
		await admin('POST', `/subscriptions/${sub.id}/disable`);
		expect((await t.run())?.map((s) => s.id)).toEqual([sub.id]);
	});

	test('errors name the subscription', async () => {
		const sub = await subscription('crm-3');
		const t = trigger({ event: 'failedWebhookDeliveries' });
		await t.run();
		await admin('POST', '/faults', { status: 404, count: 1, path: '/event' });
		await expect(t.run()).rejects.toThrow(`Subscription ${String(sub.id)}: `);
	});
});
