import type { IDataObject } from 'n8n-workflow';

import { useSandboxTrigger } from './sandboxTrigger';

/**
 * Failed Webhook Deliveries after a burst (issue 21, point 9): 310 FAILED events (31 pages of 10). A
 * quiet poll reads one page per subscription once the burst is older than the late-failure margin, and
 * an event that turns FAILED after a newer one was seen is still emitted, once.
 */
jest.setTimeout(60_000);

const sb = useSandboxTrigger();
const HOUR = 3_600_000;
const iso = (ms: number) =>
	new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');

async function subscription(): Promise<string> {
	const res = await fetch(`${sb.sandbox().apiBaseUrl}/subscription`, {
		method: 'POST',
		headers: { Authorization: `Bearer ${sb.accessToken()}`, 'Content-Type': 'application/json' },
		body: JSON.stringify({
			targetType: 'PROFILE',
			targetId: 1001,
			eventTypes: ['LOOP_UPDATED'],
			url: 'https://unreachable.example.test/hook',
		}),
	});
	return String(((await res.json()) as { data: IDataObject }).data.id);
}

const burst = async (subscriptionId: string, body: IDataObject) =>
	(await sb.admin('POST', '/seed/failed-events', { subscriptionId, ...body })) as {
		ids: string[];
	};

beforeEach(async () => {
	await sb.admin('POST', '/reset', {});
	await sb.admin('PATCH', '/config', { rateLimit: 1_000_000 });
});

test('after a burst of 310 failures a quiet poll costs the subscription list and one page', async () => {
	const sub = await subscription();
	const { ids } = await burst(sub, { count: 310, from: iso(Date.now() - 17 * HOUR), stepMs: 1000 });
	const t = sb.trigger({ event: 'failedWebhookDeliveries' });
	let seq = await sb.lastSeq();
	expect(await t.run()).toBeNull();
	const first = await sb.requestsSince(seq);
	expect(first).toHaveLength(32);
	expect(first[0]).toEqual({ method: 'GET', path: '/public/v2/subscription', query: {} });
	expect(first[1]).toEqual({
		method: 'GET',
		path: `/public/v2/subscription/${sub}/event`,
		query: { delivery_status: 'FAILED' },
	});

	for (let poll = 0; poll < 3; poll++) {
		seq = await sb.lastSeq();
		expect(await t.run()).toBeNull();
		expect(await sb.requestsSince(seq)).toEqual([
			{ method: 'GET', path: '/public/v2/subscription', query: {} },
			{
				method: 'GET',
				path: `/public/v2/subscription/${sub}/event`,
				query: { delivery_status: 'FAILED' },
			},
		]);
	}
	expect(ids).toHaveLength(310);
});

test('an event that turns FAILED after a newer failure was seen is emitted once', async () => {
	const sub = await subscription();
	await burst(sub, { count: 310, from: iso(Date.now() - 17 * HOUR), stepMs: 1000 });
	const t = sb.trigger({ event: 'failedWebhookDeliveries' });
	await t.run();
	// Created 15 h 55 min ago and still retrying (late); a newer one, 15 h 50 min ago, already FAILED.
	const late = await burst(sub, {
		count: 1,
		from: iso(Date.now() - 15 * HOUR - 55 * 60_000),
		deliveryStatus: 'SCHEDULED',
	});
	const newer = await burst(sub, { count: 1, from: iso(Date.now() - 15 * HOUR - 50 * 60_000) });
	expect((await t.run())?.map((e) => e.eventId)).toEqual(newer.ids);
	await sb.admin('POST', `/events/${late.ids[0]}/fail`);
	let seq = await sb.lastSeq();
	const out = (await t.run()) ?? [];
	expect(out.map((e) => [e.eventId, e.deliveryStatus])).toEqual([[late.ids[0], 'FAILED']]);
	expect((await sb.requestsSince(seq)).length).toBe(2);
	seq = await sb.lastSeq();
	expect(await t.run()).toBeNull();
	expect((await sb.requestsSince(seq)).length).toBe(2);
});
