'use strict';

const crypto = require('crypto');
const { start, client, admin, receiver, eventually } = require('./test-helpers');

const HOOK = 'https://hooks.example.test/webhook/abc/dotloop?x=1';

// Independent of the sandbox's own code: hex HMAC-SHA1 over "<timestamp>.<raw body>".
const expectedSignature = (key, ts, raw) =>
	crypto.createHmac('sha1', key).update(`${ts}.${raw}`).digest('hex');

jest.setTimeout(15000);

describe('sandbox webhooks', () => {
	let sb;
	let api;
	let rx;
	let respond;
	beforeAll(async () => {
		rx = await receiver((req, n) => respond(req, n));
		sb = await start({ rateLimit: 100000, webhookOrigin: rx.origin });
		api = await client(sb);
	});
	afterAll(async () => {
		await sb.stop();
		await rx.close();
	});
	beforeEach(async () => {
		respond = () => 200;
		rx.received.length = 0;
		await admin(sb, 'POST', '/reset');
		await admin(sb, 'PATCH', '/config', {
			clockScale: 1,
			webhookTimeoutMs: 5000,
			maxConsecutiveFailures: 20,
			webhookOrigin: rx.origin,
			webhookRetryTimestamp: 'fresh',
			webhookTimestampUnit: 'ms',
		});
	});

	const subscribe = async (overrides = {}) => {
		const res = await api('POST', '/subscription', {
			body: {
				targetType: 'PROFILE',
				targetId: 1001,
				eventTypes: ['LOOP_CREATED', 'LOOP_UPDATED'],
				url: HOOK,
				signingKey: 'super_secret_key',
				externalId: 'ext-1',
				...overrides,
			},
		});
		expect(res.status).toBe(200);
		return res.body.data;
	};
	const newLoop = () =>
		api('POST', '/profile/1001/loop', {
			body: { name: '9 Hook St', transactionType: 'PURCHASE_OFFER', status: 'PRE_OFFER' },
		});

	test('subscription create/get/patch/delete with the documented shapes', async () => {
		const sub = await subscribe();
		expect(sub).toEqual({
			id: expect.stringMatching(/^[0-9a-f-]{36}$/),
			targetType: 'PROFILE',
			targetId: 1001,
			eventTypes: ['LOOP_CREATED', 'LOOP_UPDATED'],
			url: HOOK,
			externalId: 'ext-1',
			signingKey: 'super_secret_key',
			enabled: true,
		});
		expect((await api('GET', `/subscription/${sub.id}`)).body.data).toEqual(sub);
		const patched = await api('PATCH', `/subscription/${sub.id}`, {
			body: { externalId: 'user-guuid-abcd-123efg' },
		});
		expect(patched.body.data).toEqual({ ...sub, externalId: 'user-guuid-abcd-123efg' });
		expect((await api('DELETE', `/subscription/${sub.id}`)).status).toBe(204);
		expect((await api('GET', `/subscription/${sub.id}`)).status).toBe(404);
	});

	test.each([
		['targetType', { targetType: 'LOOP' }],
		['targetId', { targetId: 9999 }],
		['targetId', { targetType: 'USER', targetId: 101, eventTypes: ['CONTACT_CREATED'] }],
		['eventTypes', { eventTypes: [] }],
		['eventTypes', { eventTypes: ['CONTACT_CREATED'] }],
		['url', { url: 'http://insecure.example.test/hook' }],
		['url', { url: `https://example.test/${'a'.repeat(500)}` }],
		['signingKey', { signingKey: 'k'.repeat(129) }],
		['externalId', { externalId: 'e'.repeat(129) }],
	])('subscription validation rejects a bad %s with 422', async (field, overrides) => {
		const res = await api('POST', '/subscription', {
			body: {
				targetType: 'PROFILE',
				targetId: 1001,
				eventTypes: ['LOOP_CREATED'],
				url: HOOK,
				...overrides,
			},
		});
		expect(res.status).toBe(422);
		expect(res.body.errors.map((e) => e.source.pointer)).toContain(`/${field}`);
	});

	test.each([
		['documented', 'x-dotloop-', 'x-dotloop-webhook-'],
		['webhookPrefixed', 'x-dotloop-webhook-', 'x-dotloop-'],
	])(
		'signatureHeaders %s: the signature and its timestamp come under that pair only',
		async (signatureHeaders, prefix, other) => {
			await admin(sb, 'PATCH', '/config', { signatureHeaders });
			try {
				await subscribe();
				await newLoop();
				const [hit] = await rx.waitFor((r) => r.body.eventType === 'LOOP_CREATED');
				const ts = hit.headers[`${prefix}timestamp`];
				expect(ts).toMatch(/^\d{13}$/);
				expect(hit.headers[`${prefix}signature`]).toBe(
					expectedSignature('super_secret_key', ts, hit.raw),
				);
				expect([hit.headers[`${other}timestamp`], hit.headers[`${other}signature`]]).toEqual([
					undefined,
					undefined,
				]);
			} finally {
				await admin(sb, 'PATCH', '/config', { signatureHeaders: 'documented' });
			}
		},
	);

	test('subscriptions page by cursor (10 a page) and filter on enabled', async () => {
		const ids = [];
		for (let i = 0; i < 12; i += 1) ids.push((await subscribe({ externalId: `e${i}` })).id);
		await api('PATCH', `/subscription/${ids[0]}`, { body: { enabled: false } });
		const p1 = await api('GET', '/subscription');
		expect(p1.body.data).toHaveLength(10);
		expect(typeof p1.body.meta.nextCursor).toBe('string');
		const p2 = await api(
			'GET',
			`/subscription?next_cursor=${encodeURIComponent(p1.body.meta.nextCursor)}`,
		);
		expect(p2.body.data).toHaveLength(2);
		expect(p2.body.meta).toEqual({});
		expect([...p1.body.data, ...p2.body.data].map((s) => s.id)).toEqual(ids);
		const enabled = await api('GET', '/subscription?enabled=true');
		expect(enabled.body.data.map((s) => s.id)).not.toContain(ids[0]);
		expect((await api('GET', '/subscription?next_cursor=%%%')).status).toBe(400);
	});

	test('events are POSTed signed, to the webhookOrigin, with the documented payload', async () => {
		const sub = await subscribe();
		const created = await newLoop();
		const [hit] = await rx.waitFor((r) => r.body.eventType === 'LOOP_CREATED');
		expect(hit.method).toBe('POST');
		expect(hit.url).toBe('/webhook/abc/dotloop?x=1');
		expect(hit.headers['content-type']).toBe('application/json');
		const ts = hit.headers['x-dotloop-timestamp'];
		expect(ts).toMatch(/^\d{13}$/);
		expect(Math.abs(Number(ts) - Date.now())).toBeLessThan(10000);
		expect(hit.headers['x-dotloop-signature']).toBe(
			expectedSignature('super_secret_key', ts, hit.raw),
		);
		expect(hit.body).toEqual({
			eventId: expect.stringMatching(/^[0-9a-f-]{36}$/),
			createdOn: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
			subscriptionId: sub.id,
			subscriptionExternalId: 'ext-1',
			profileId: '1001',
			eventType: 'LOOP_CREATED',
			event: { id: String(created.body.data.id) },
		});
		const record = await eventually(async () => {
			const res = await api('GET', `/subscription/${sub.id}/event/${hit.body.eventId}`);
			return res.body.data.deliveryStatus === 'SUCCESS' && res.body.data;
		});
		expect(record).toEqual({
			id: hit.body.eventId,
			subscriptionId: sub.id,
			createdOn: expect.any(String),
			eventType: 'LOOP_CREATED',
			eventData: { id: String(created.body.data.id) },
			deliveryStatus: 'SUCCESS',
			deliveryAttempts: 1,
			responseData: [
				{
					responseCode: 200,
					responseHeaders: expect.objectContaining({ 'content-type': 'text/plain' }),
					responseBody: 'ok',
					url: HOOK,
					requestSentAt: expect.any(String),
					durationMs: expect.any(Number),
				},
			],
		});
	});

	test('without a signing key there is no signature header', async () => {
		await subscribe({ signingKey: undefined });
		await newLoop();
		const [hit] = await rx.waitFor(() => true);
		expect(hit.headers['x-dotloop-signature']).toBeUndefined();
		expect(hit.headers['x-dotloop-timestamp']).toBeDefined();
	});

	test('delivery never blocks the API response', async () => {
		// The receiver holds the delivery until the test lets it go: the API must have answered by then.
		let release;
		const held = new Promise((resolve) => (release = resolve));
		respond = async () => {
			await held;
			return 200;
		};
		await subscribe();
		const created = newLoop();
		await rx.waitFor(() => true);
		// Were the API waiting for the receiver, this would never answer (the test times out).
		expect((await created).status).toBe(201);
		release();
	});

	test('participant, contact, profile and merge changes raise their events', async () => {
		const loopSub = await subscribe({
			eventTypes: [
				'LOOP_UPDATED',
				'LOOP_PARTICIPANT_CREATED',
				'LOOP_PARTICIPANT_UPDATED',
				'LOOP_PARTICIPANT_DELETED',
				'LOOP_MERGED',
			],
		});
		const userSub = await subscribe({
			targetType: 'USER',
			targetId: 100,
			eventTypes: [
				'CONTACT_CREATED',
				'CONTACT_UPDATED',
				'CONTACT_DELETED',
				'PROFILE_UPDATED',
				'USER_ADDED_TO_PROFILE',
			],
			externalId: 'user-sub',
		});
		const p = await api('POST', '/profile/1001/loop/50001/participant', {
			body: { fullName: 'Pat Part', role: 'BUYER' },
		});
		await api('PATCH', `/profile/1001/loop/50001/participant/${p.body.data.id}`, {
			body: { email: 'pat@example.com' },
		});
		await api('DELETE', `/profile/1001/loop/50001/participant/${p.body.data.id}`);
		const c = await api('POST', '/contact', { body: { firstName: 'Cora' } });
		await api('PATCH', `/contact/${c.body.data.id}`, { body: { lastName: 'Contact' } });
		await api('DELETE', `/contact/${c.body.data.id}`);
		await api('PATCH', '/profile/1001', { body: { phone: '+1 555 0100' } });
		const prof = await api('POST', '/profile', { body: { name: 'Second Desk' } });
		await admin(sb, 'POST', '/loops/50010/merge', { intoLoopId: 50011 });

		const all = await rx.waitFor((r) => r.body.eventType === 'LOOP_MERGED');
		await eventually(() => rx.received.length >= 12);
		expect(rx.received).toHaveLength(12);
		const seen = rx.received.map((r) => [
			r.body.subscriptionId === loopSub.id ? 'P' : 'U',
			r.body.eventType,
			r.body.event,
		]);
		const pid = String(p.body.data.id);
		const cid = String(c.body.data.id);
		expect(seen).toEqual(
			expect.arrayContaining([
				['P', 'LOOP_PARTICIPANT_CREATED', { id: '50001', participantId: pid }],
				['P', 'LOOP_PARTICIPANT_UPDATED', { id: '50001', participantId: pid }],
				['P', 'LOOP_PARTICIPANT_DELETED', { id: '50001', participantId: pid }],
				['P', 'LOOP_UPDATED', { id: '50001' }],
				['U', 'CONTACT_CREATED', { id: cid }],
				['U', 'CONTACT_UPDATED', { id: cid }],
				['U', 'CONTACT_DELETED', { id: cid }],
				['U', 'PROFILE_UPDATED', { id: '1001' }],
				['U', 'USER_ADDED_TO_PROFILE', { id: String(prof.body.data.id) }],
				['P', 'LOOP_MERGED', { id: '50010', fromId: '50010', toId: '50011' }],
			]),
		);
		expect(seen.filter(([, type]) => type === 'LOOP_UPDATED')).toHaveLength(3);
		expect(all[0].body.profileId).toBe('1001');
		expect(
			rx.received.find((r) => r.body.eventType === 'CONTACT_CREATED').body.subscriptionExternalId,
		).toBe('user-sub');
		expect(userSub.targetId).toBe(100);
	});

	test('simulated app activity raises the same events as the API', async () => {
		await subscribe({ eventTypes: ['LOOP_CREATED', 'LOOP_UPDATED', 'LOOP_PARTICIPANT_CREATED'] });
		const made = await admin(sb, 'POST', '/simulate', {
			action: 'createLoop',
			profileId: 1001,
			name: '77 Sim St',
		});
		expect(made.status).toBe(200);
		await admin(sb, 'POST', '/simulate', {
			action: 'updateLoop',
			loopId: made.body.data.id,
			status: 'UNDER_CONTRACT',
		});
		await admin(sb, 'POST', '/simulate', {
			action: 'addParticipant',
			loopId: made.body.data.id,
			fullName: 'Sim Buyer',
			role: 'BUYER',
		});
		await eventually(() => rx.received.length >= 4);
		expect(rx.received.map((r) => r.body.eventType).sort()).toEqual([
			'LOOP_CREATED',
			'LOOP_PARTICIPANT_CREATED',
			'LOOP_UPDATED',
			'LOOP_UPDATED',
		]);
		expect((await api('GET', `/profile/1001/loop/${made.body.data.id}`)).body.data.status).toBe(
			'UNDER_CONTRACT',
		);
		expect((await admin(sb, 'POST', '/simulate', { action: 'explode' })).status).toBe(400);
	});

	test('failed deliveries retry on the scaled schedule and then succeed', async () => {
		await admin(sb, 'PATCH', '/config', { clockScale: 60 });
		respond = (req, n) => (n <= 2 ? 500 : 200);
		const sub = await subscribe({ eventTypes: ['LOOP_CREATED'] });
		await newLoop();
		const first = (await rx.waitFor(() => true))[0];
		const record = await eventually(async () => {
			const list = await api('GET', `/subscription/${sub.id}/event`);
			return list.body.data[0].deliveryStatus === 'SCHEDULED' && list.body.data[0];
		});
		expect(record.deliveryAttempts).toBe(1);
		expect(record.responseData[0].responseCode).toBe(500);
		await rx.waitFor((r) => r.at >= first.at && rx.received.length >= 3, 5000);
		const [a, b, c] = rx.received;
		expect(b.at - a.at).toBeGreaterThanOrEqual(400);
		expect(c.at - b.at).toBeGreaterThanOrEqual(900);
		expect(new Set(rx.received.map((r) => r.body.eventId)).size).toBe(1);
		const done = await eventually(async () => {
			const res = await api('GET', `/subscription/${sub.id}/event?delivery_status=SUCCESS`);
			return res.body.data.length === 1 && res.body.data[0];
		});
		expect(done.deliveryAttempts).toBe(3);
		expect(done.responseData.map((r) => r.responseCode)).toEqual([500, 500, 200]);
		const log = (await admin(sb, 'GET', `/deliveries?subscriptionId=${sub.id}`)).body.data;
		expect(log.map((d) => [d.attempt, d.responseCode, d.status])).toEqual([
			[1, 500, 'FAILURE'],
			[2, 500, 'FAILURE'],
			[3, 200, 'SUCCESS'],
		]);
	});

	test.each([
		['fresh', 'ms', /^\d{13}$/],
		['original', 'ms', /^\d{13}$/],
		['fresh', 's', /^\d{10}$/],
		['original', 's', /^\d{10}$/],
	])(
		'retries with the %s timestamp, in %s: each attempt signed over the timestamp it carries',
		async (webhookRetryTimestamp, webhookTimestampUnit, shape) => {
			await admin(sb, 'PATCH', '/config', {
				clockScale: 60,
				webhookRetryTimestamp,
				webhookTimestampUnit,
			});
			// In seconds, fresh timestamps of retries 0.5 s apart could coincide: fail for longer.
			respond = (req, n) => (n <= 2 ? 500 : 200);
			const sub = await subscribe({ eventTypes: ['LOOP_CREATED'] });
			await newLoop();
			await rx.waitFor(() => rx.received.length >= 3, 5000);
			const attempts = rx.received.map((r) => ({
				timestamp: r.headers['x-dotloop-timestamp'],
				signature: r.headers['x-dotloop-signature'],
				raw: r.raw,
			}));
			for (const a of attempts) {
				expect(a.timestamp).toMatch(shape);
				expect(a.signature).toBe(expectedSignature('super_secret_key', a.timestamp, a.raw));
				expect(a.raw).toBe(attempts[0].raw);
			}
			const now = webhookTimestampUnit === 's' ? Date.now() / 1000 : Date.now();
			expect(Math.abs(Number(attempts[0].timestamp) - now)).toBeLessThan(
				webhookTimestampUnit === 's' ? 10 : 10000,
			);
			const distinct = new Set(attempts.map((a) => `${a.timestamp} ${a.signature}`)).size;
			if (webhookRetryTimestamp === 'original') expect(distinct).toBe(1);
			else if (webhookTimestampUnit === 'ms') expect(distinct).toBe(3);
			else expect(distinct).toBeGreaterThanOrEqual(2); // 0.5 s + 1 s apart: at least one second changes
			const log = (await admin(sb, 'GET', `/deliveries?subscriptionId=${sub.id}`)).body.data;
			expect(log.map((d) => d.timestamp)).toEqual(attempts.map((a) => a.timestamp));
		},
	);

	test('the two readings can be changed, and are checked', async () => {
		const ok = await admin(sb, 'PATCH', '/config', {
			webhookRetryTimestamp: 'original',
			webhookTimestampUnit: 's',
		});
		expect(ok.status).toBe(200);
		expect(ok.body.data).toMatchObject({
			webhookRetryTimestamp: 'original',
			webhookTimestampUnit: 's',
		});
		const bad = await admin(sb, 'PATCH', '/config', { webhookRetryTimestamp: 'later' });
		expect(bad.status).toBe(400);
		const unit = await admin(sb, 'PATCH', '/config', { webhookTimestampUnit: 'us' });
		expect(unit.status).toBe(400);
		expect([bad.body.errors[0].detail, unit.body.errors[0].detail]).toEqual([
			'webhookRetryTimestamp must be "fresh" or "original"',
			'webhookTimestampUnit must be "ms" or "s"',
		]);
	});

	test('after the last retry an event is FAILED; too many failures disable the subscription', async () => {
		// The whole 30s..8h schedule (about 16 h) passes in about 0.6 s.
		await admin(sb, 'PATCH', '/config', { clockScale: 100000 });
		respond = (req) => (req.body.eventType.startsWith('SUBSCRIPTION_') ? 200 : 503);
		const sub = await subscribe({ eventTypes: ['LOOP_CREATED'] });
		await newLoop();
		const failed = await eventually(async () => {
			const res = await api('GET', `/subscription/${sub.id}/event?delivery_status=FAILED`);
			return res.body.data.length === 1 && res.body.data[0];
		}, 8000);
		expect(failed.deliveryAttempts).toBe(9);
		expect(failed.responseData).toHaveLength(9);

		await admin(sb, 'PATCH', '/config', { maxConsecutiveFailures: 12 });
		await newLoop();
		const goodbye = await rx.waitFor((r) => r.body.eventType === 'SUBSCRIPTION_DISABLED', 8000);
		expect(goodbye[0].body.event).toEqual(
			expect.objectContaining({
				targetType: 'PROFILE',
				targetId: 1001,
				enabled: 'false',
				url: HOOK,
			}),
		);
		const now = (await api('GET', `/subscription/${sub.id}`)).body.data;
		expect(now.enabled).toBe(false);
		const disabled = await api('GET', `/subscription/${sub.id}/event?delivery_status=DISABLED`);
		expect(disabled.body.data).toHaveLength(1);
		expect(disabled.body.data[0].deliveryAttempts).toBe(3);
	});

	test('a slow receiver times out (response code 0) and the event is rescheduled', async () => {
		await admin(sb, 'PATCH', '/config', { webhookTimeoutMs: 150 });
		respond = () => new Promise((resolve) => setTimeout(() => resolve(200), 600));
		const sub = await subscribe({ eventTypes: ['LOOP_CREATED'] });
		await newLoop();
		const record = await eventually(async () => {
			const res = await api('GET', `/subscription/${sub.id}/event`);
			const e = res.body.data[0];
			return e && e.deliveryAttempts === 1 && e.responseData.length === 1 && e;
		});
		expect(record.deliveryStatus).toBe('SCHEDULED');
		expect(record.responseData[0]).toEqual(
			expect.objectContaining({
				responseCode: 0,
				responseBody: 'Timeout duration of 150ms has been reached.',
			}),
		);
	});

	test('disabling sends SUBSCRIPTION_DISABLED and deleting sends SUBSCRIPTION_REMOVED', async () => {
		const sub = await subscribe();
		await api('PATCH', `/subscription/${sub.id}`, { body: { enabled: false } });
		const [disabled] = await rx.waitFor((r) => r.body.eventType === 'SUBSCRIPTION_DISABLED');
		expect(disabled.body).toEqual(
			expect.objectContaining({
				subscriptionId: sub.id,
				subscriptionExternalId: 'ext-1',
				profileId: '1001',
			}),
		);
		expect(disabled.body.event).toEqual({
			targetType: 'PROFILE',
			targetId: 1001,
			eventTypes: ['LOOP_CREATED', 'LOOP_UPDATED'],
			url: HOOK,
			externalId: 'ext-1',
			signingKey: 'super_secret_key',
			tenantId: sb.clientId,
			enabled: 'false',
			revision: 2,
		});
		expect(disabled.headers['x-dotloop-signature']).toBe(
			expectedSignature('super_secret_key', disabled.headers['x-dotloop-timestamp'], disabled.raw),
		);
		// A disabled subscription receives nothing else.
		await newLoop();
		await api('PATCH', `/subscription/${sub.id}`, { body: { enabled: true } });
		await api('DELETE', `/subscription/${sub.id}`);
		const [removed] = await rx.waitFor((r) => r.body.eventType === 'SUBSCRIPTION_REMOVED');
		expect(removed.body.event.enabled).toBe('true');
		expect(rx.received.map((r) => r.body.eventType)).toEqual([
			'SUBSCRIPTION_DISABLED',
			'SUBSCRIPTION_REMOVED',
		]);
	});

	test('event lists page by cursor, newest first, and filter on delivery_status', async () => {
		const sub = await subscribe({ eventTypes: ['LOOP_CREATED'] });
		for (let i = 0; i < 12; i += 1) await newLoop();
		await eventually(() => rx.received.length === 12);
		const p1 = await api('GET', `/subscription/${sub.id}/event`);
		expect(p1.body.data).toHaveLength(10);
		const p2 = await api(
			'GET',
			`/subscription/${sub.id}/event?next_cursor=${encodeURIComponent(p1.body.meta.nextCursor)}`,
		);
		expect(p2.body.data).toHaveLength(2);
		expect(p2.body.meta).toEqual({});
		const loopIds = [...p1.body.data, ...p2.body.data].map((e) => Number(e.eventData.id));
		expect(loopIds).toEqual([...loopIds].sort((a, b) => b - a));
		expect(
			(await api('GET', `/subscription/${sub.id}/event?delivery_status=FAILED`)).body.data,
		).toEqual([]);
		expect((await api('GET', `/subscription/${sub.id}/event?delivery_status=NOPE`)).status).toBe(
			400,
		);
		expect(
			(await api('GET', `/subscription/${sub.id}/event/00000000-0000-0000-0000-000000000000`))
				.status,
		).toBe(404);
	});

	test('without webhookOrigin nothing leaves 127.0.0.1: the attempt is recorded as failed', async () => {
		await admin(sb, 'PATCH', '/config', { webhookOrigin: null });
		const sub = await subscribe({ eventTypes: ['LOOP_CREATED'] });
		await newLoop();
		const record = await eventually(async () => {
			const res = await api('GET', `/subscription/${sub.id}/event`);
			return res.body.data[0] && res.body.data[0].deliveryAttempts === 1 && res.body.data[0];
		});
		expect(record.responseData[0].responseCode).toBe(0);
		expect(record.responseData[0].responseBody).toMatch(/only delivers to 127\.0\.0\.1/);
		expect(rx.received).toHaveLength(0);
	});
});
