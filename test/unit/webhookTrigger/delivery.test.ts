import { createHmac, randomBytes } from 'crypto';

import { deliver, type DeliveryOptions } from '../helpers/n8n/trigger';

/** A key as the trigger generates one: 32 random bytes, hex. */
const KEY = randomBytes(32).toString('hex');
const SUBSCRIPTION_ID = '7dbf7306-6015-48aa-8e9b-205363514d32';

/** Computed here, independently of the node: hex HMAC-SHA1 over "<timestamp>.<raw body>". */
function sign(key: string, timestamp: string, body: string): string {
	return createHmac('sha1', key).update(`${timestamp}.${body}`).digest('hex');
}

const params = {
	targetType: 'PROFILE',
	profileId: { __rl: true, mode: 'id', value: '5678' },
	profileEvents: ['LOOP_CREATED', 'LOOP_MERGED'],
	options: {},
};
const staticData = {
	subscriptionId: SUBSCRIPTION_ID,
	signingKey: KEY,
	webhookUrl: 'https://n8n.example.com/webhook/x/dotloop',
};

const loopCreated = {
	eventId: '3bc982f6-7029-40ae-81aa-62f93a5ea1a8',
	createdOn: '2022-11-01T00:00:00Z',
	subscriptionId: SUBSCRIPTION_ID,
	subscriptionExternalId: 'FOO_BAR_DB_ID',
	profileId: '5678',
	eventType: 'LOOP_CREATED',
	event: { id: '154684513548' },
};

/**
 * Every delivery of this file gets its own timestamp, as Dotloop's do (the trigger answers an exact
 * replay without running it). `Date.now() - ageMs` alone can repeat from one call to the next.
 */
const usedTimestamps = new Set<string>();
function uniqueTimestamp(at: number, seconds: boolean): string {
	const unit = seconds ? 1000 : 1;
	let timestamp = String(Math.floor(at / unit));
	while (usedTimestamps.has(timestamp)) timestamp = String(Number(timestamp) - 1);
	usedTimestamps.add(timestamp);
	return timestamp;
}

/** A delivery signed the way Dotloop does, with a timestamp `ageMs` old, in milliseconds by default. */
function signed(
	payload: unknown,
	{
		ageMs = 1_000,
		seconds = false,
		key = KEY,
		prefix = 'X-DOTLOOP-',
	}: { ageMs?: number; seconds?: boolean; key?: string; prefix?: string } = {},
) {
	const body = typeof payload === 'string' ? payload : JSON.stringify(payload);
	const timestamp = uniqueTimestamp(Date.now() - ageMs, seconds);
	return {
		body,
		timestamp,
		headers: {
			'Content-Type': 'application/json',
			[`${prefix}TIMESTAMP`]: timestamp,
			[`${prefix}SIGNATURE`]: sign(key, timestamp, body),
		},
	};
}

/** The signature header pairs: documented, and as one public connector reads them. */
const SIGNATURE_READINGS = [
	['documented', 'X-DOTLOOP-'],
	['webhookPrefixed', 'X-DOTLOOP-WEBHOOK-'],
] as const;

async function post(
	delivery: { body: string; headers: Record<string, string> },
	overrides: Partial<DeliveryOptions> = {},
) {
	return await deliver({ params, staticData: { ...staticData }, ...delivery, ...overrides });
}

function expectRefused(result: Awaited<ReturnType<typeof deliver>>, status: number) {
	expect(result.response).toEqual({ noWebhookResponse: true });
	expect(result.status).toBe(status);
	expect(result.sent).toBe(status === 401 ? 'Unauthorized' : 'Bad Request');
	expect(result.ended).toBe(true);
}

describe.each(SIGNATURE_READINGS)(
	'Dotloop Trigger: signature headers %s (%sSIGNATURE / %sTIMESTAMP)',
	(_reading, prefix) => {
		it.each([false, true])(
			'a valid delivery (timestamp in seconds: %s) starts the workflow with one item',
			async (seconds) => {
				const delivery = signed(loopCreated, { prefix, seconds });

				const result = await post(delivery);

				const ms = Number(delivery.timestamp) * (seconds ? 1000 : 1);
				expect(result.status).toBeUndefined();
				expect(result.response).toEqual({
					workflowData: [
						[
							{
								json: {
									...loopCreated,
									deliveredAt: new Date(ms).toISOString(),
									deliveryTimestamp: Number(delivery.timestamp),
								},
							},
						],
					],
				});
				// A delivery only reads the static data: n8n saves nothing per event.
				expect(result.staticDataSaved).toBe(false);
			},
		);

		it('a tampered body is refused with 401', async () => {
			const delivery = signed(loopCreated, { prefix });
			expectRefused(await post({ ...delivery, body: delivery.body.replace('5678', '5679') }), 401);
		});

		it('a signature made with another key is refused with 401', async () => {
			const delivery = signed(loopCreated, { prefix, key: 'not-the-key' });
			expectRefused(await post(delivery), 401);
		});

		it.each(['SIGNATURE', 'TIMESTAMP'])('without its %s header: 401', async (name) => {
			const delivery = signed(loopCreated, { prefix });
			const headers: Record<string, string> = { ...delivery.headers };
			delete headers[`${prefix}${name}`];
			expectRefused(await post({ ...delivery, headers }), 401);
		});
	},
);

describe('Dotloop Trigger: both signature header pairs', () => {
	it('never takes the timestamp from one pair and the signature from the other', async () => {
		const delivery = signed(loopCreated);
		const headers = {
			'Content-Type': 'application/json',
			'X-DOTLOOP-TIMESTAMP': delivery.timestamp,
			'X-DOTLOOP-WEBHOOK-SIGNATURE': delivery.headers['X-DOTLOOP-SIGNATURE'],
		};
		expectRefused(await post({ ...delivery, headers }), 401);
		const other = signed(loopCreated, { prefix: 'X-DOTLOOP-WEBHOOK-' });
		expectRefused(
			await post({
				...other,
				headers: {
					'Content-Type': 'application/json',
					'X-DOTLOOP-WEBHOOK-TIMESTAMP': other.timestamp,
					'X-DOTLOOP-SIGNATURE': other.headers['X-DOTLOOP-WEBHOOK-SIGNATURE'],
				},
			}),
			401,
		);
	});

	it('the documented pair wins: a valid one runs whatever the other pair says', async () => {
		const delivery = signed(loopCreated);
		const headers = {
			...delivery.headers,
			'X-DOTLOOP-WEBHOOK-TIMESTAMP': '1',
			'X-DOTLOOP-WEBHOOK-SIGNATURE': 'f'.repeat(40),
		};
		const result = await post({ ...delivery, headers });
		expect(result.status).toBeUndefined();
		expect(result.response.workflowData?.[0]).toHaveLength(1);
	});

	it('the documented pair wins: a forged one is refused even beside a valid webhook-prefixed pair', async () => {
		const genuine = signed(loopCreated, { prefix: 'X-DOTLOOP-WEBHOOK-' });
		const headers = {
			...genuine.headers,
			'X-DOTLOOP-TIMESTAMP': genuine.timestamp,
			'X-DOTLOOP-SIGNATURE': sign('not-the-key', genuine.timestamp, genuine.body),
		};
		expectRefused(await post({ ...genuine, headers }), 401);
	});
});

describe('Dotloop Trigger: deliveries', () => {
	it('a valid delivery (millisecond timestamp) starts the workflow with one item', async () => {
		const delivery = signed(loopCreated);

		const result = await post(delivery);

		expect(result.status).toBeUndefined();
		expect(result.readRawBodyCalls).toBe(1);
		expect(result.response).toEqual({
			workflowData: [
				[
					{
						json: {
							...loopCreated,
							deliveredAt: new Date(Number(delivery.timestamp)).toISOString(),
							deliveryTimestamp: Number(delivery.timestamp),
						},
					},
				],
			],
		});
	});

	it('a valid delivery with a timestamp in seconds is accepted too', async () => {
		const delivery = signed(loopCreated, { seconds: true });

		const result = await post(delivery);

		expect(result.response.workflowData?.[0][0].json).toMatchObject({
			eventId: loopCreated.eventId,
			deliveredAt: new Date(Number(delivery.timestamp) * 1000).toISOString(),
			deliveryTimestamp: Number(delivery.timestamp),
		});
	});

	it('uses the raw body n8n already read, byte for byte (no re-serialisation)', async () => {
		// Spacing and key order a JSON.stringify round trip would not reproduce.
		const body = `{ "eventType":"LOOP_MERGED",  "subscriptionId":"${SUBSCRIPTION_ID}", "eventId":"e-1", "event":{"id":"777","fromId":"777","toId":"888"} }`;
		const delivery = signed(body);

		const result = await post(delivery, { rawBodyRead: true });

		expect(result.readRawBodyCalls).toBe(0);
		expect(result.response.workflowData?.[0][0].json).toMatchObject({
			eventType: 'LOOP_MERGED',
			event: { id: '777', fromId: '777', toId: '888' },
		});
	});

	it('the exact same delivery posted again is acknowledged (200) without a second run', async () => {
		const delivery = signed({ ...loopCreated, eventId: 'replayed-1' });

		const first = await post(delivery);
		const again = await post(delivery);
		// Upper-case hex is the same signature.
		const shouted = await post({
			...delivery,
			headers: {
				...delivery.headers,
				'X-DOTLOOP-SIGNATURE': delivery.headers['X-DOTLOOP-SIGNATURE'].toUpperCase(),
			},
		});

		expect(first.response.workflowData?.[0]).toHaveLength(1);
		for (const result of [again, shouted]) {
			expect(result.status).toBeUndefined();
			expect(result.response).toEqual({ webhookResponse: 'Delivery already received' });
		}
	});

	it('a redelivery Dotloop retries with its original timestamp, hours later, is acknowledged without a second run', async () => {
		const delivery = signed(
			{ ...loopCreated, eventId: 'retried-original' },
			{ ageMs: 4 * 3_600_000 },
		);

		const first = await post(delivery);
		const retry = await post(delivery);

		expect(first.response.workflowData?.[0]).toHaveLength(1);
		expect(retry.response).toEqual({ webhookResponse: 'Delivery already received' });
	});

	it('a delivery refused as forged does not make the genuine one count as already received', async () => {
		const genuine = signed({ ...loopCreated, eventId: 'forged-first' });
		const forged = {
			...genuine,
			headers: {
				...genuine.headers,
				'X-DOTLOOP-SIGNATURE': sign('not-the-key', genuine.timestamp, genuine.body),
			},
		};

		expectRefused(await post(forged), 401);
		expect((await post(genuine)).response.workflowData?.[0]).toHaveLength(1);
	});

	it("Dotloop's own retry of an event (new timestamp, new signature) still starts the workflow", async () => {
		const event = { ...loopCreated, eventId: 'retried-1' };

		const first = await post(signed(event, { ageMs: 40_000 }));
		const retry = await post(signed(event, { ageMs: 1_000 }));

		expect(first.response.workflowData?.[0]).toHaveLength(1);
		expect(retry.response.workflowData?.[0]).toHaveLength(1);
	});

	it('a tampered body is refused with 401', async () => {
		const delivery = signed(loopCreated);
		const result = await post({
			...delivery,
			body: delivery.body.replace('154684513548', '154684513549'),
		});
		expectRefused(result, 401);
	});

	it('a tampered timestamp is refused with 401', async () => {
		const delivery = signed(loopCreated);
		const headers = {
			...delivery.headers,
			'X-DOTLOOP-TIMESTAMP': String(Number(delivery.timestamp) + 1),
		};
		expectRefused(await post({ ...delivery, headers }), 401);
	});

	it('a signature made with another key is refused with 401', async () => {
		expectRefused(await post(signed(loopCreated, { key: 'not-the-key' })), 401);
	});

	it('a SHA-256 signature (a common mistake) is refused with 401', async () => {
		const delivery = signed(loopCreated);
		const sha256 = createHmac('sha256', KEY)
			.update(`${delivery.timestamp}.${delivery.body}`)
			.digest('hex');
		const headers = { ...delivery.headers, 'X-DOTLOOP-SIGNATURE': sha256 };
		expectRefused(await post({ ...delivery, headers }), 401);
	});

	it.each(['X-DOTLOOP-SIGNATURE', 'X-DOTLOOP-TIMESTAMP'])(
		'a delivery without %s is refused with 401',
		async (name) => {
			const delivery = signed(loopCreated);
			const headers = { ...delivery.headers };
			delete (headers as Record<string, string>)[name];
			expectRefused(await post({ ...delivery, headers }), 401);
		},
	);

	// Dotloop retries after 30 s, 1 min, 15 min, 30 min, 1 h, 2 h, 4 h and 8 h: the last retry comes
	// 15 h 46 min 30 s after the first attempt, plus up to 5 s of timeout per attempt.
	it.each([
		['15 minutes', 15 * 60_000],
		['1 hour 46 minutes', 106 * 60_000],
		['15 hours 47 minutes (the last retry)', (15 * 60 + 47) * 60_000],
	])(
		'by default a correctly signed delivery %s old (a retry with its original timestamp) starts the workflow',
		async (_, ageMs) => {
			for (const seconds of [false, true]) {
				const result = await post(
					signed({ ...loopCreated, eventId: `late-${ageMs}-${seconds}` }, { ageMs, seconds }),
				);
				expect(result.status).toBeUndefined();
				expect(result.response.workflowData?.[0]).toHaveLength(1);
			}
		},
	);

	it('a delivery older than 16 hours is refused with 401', async () => {
		expectRefused(await post(signed(loopCreated, { ageMs: 16 * 3_600_000 + 5_000 })), 401);
		expectRefused(
			await post(signed(loopCreated, { ageMs: 16 * 3_600_000 + 5_000, seconds: true })),
			401,
		);
	});

	it('a timestamp more than 5 minutes in the future is refused with 401, whatever the maximum age', async () => {
		expectRefused(await post(signed(loopCreated, { ageMs: -(5 * 60_000 + 5_000) })), 401);
		const widened = await post(signed(loopCreated, { ageMs: -(10 * 60_000) }), {
			params: { ...params, options: { maxEventAgeMinutes: 60 } },
		});
		expectRefused(widened, 401);
		const skewed = await post(signed(loopCreated, { ageMs: -(4 * 60_000) }));
		expect(skewed.response.workflowData?.[0]).toHaveLength(1);
	});

	it('the maximum event age is an option for stricter setups', async () => {
		const narrowed = await post(signed(loopCreated, { ageMs: 90_000 }), {
			params: { ...params, options: { maxEventAgeMinutes: 1 } },
		});
		expectRefused(narrowed, 401);
		// The future stays bounded by the (smaller) maximum age too.
		const ahead = await post(signed(loopCreated, { ageMs: -90_000 }), {
			params: { ...params, options: { maxEventAgeMinutes: 1 } },
		});
		expectRefused(ahead, 401);
		const inside = await post(signed(loopCreated, { ageMs: 30_000 }), {
			params: { ...params, options: { maxEventAgeMinutes: 1 } },
		});
		expect(inside.response.workflowData?.[0]).toHaveLength(1);
	});

	it('reads plain parameters as stored: nothing is resolved through n8n per delivery', async () => {
		const result = await post(signed(loopCreated), {
			params: { ...params, options: { maxEventAgeMinutes: 30, includeSubscriptionNotices: true } },
		});
		expect(result.response.workflowData?.[0]).toHaveLength(1);
		expect(result.parameterReads).toEqual([]);
	});

	it('parameters set by expression are resolved through n8n', async () => {
		const result = await post(signed(loopCreated, { ageMs: 90_000 }), {
			params: {
				...params,
				profileEvents: '={{ ["LOOP_UPDATED"] }}',
				options: { maxEventAgeMinutes: '={{ 1 }}' },
			},
		});
		expectRefused(result, 401);
		expect(result.parameterReads).toEqual(['options']);

		const events = await post(signed({ ...loopCreated, eventType: 'LOOP_UPDATED' }), {
			params: { ...params, profileEvents: '={{ ["LOOP_UPDATED"] }}' },
		});
		expect(events.response.workflowData?.[0]).toHaveLength(1);
		expect(events.parameterReads).toEqual(['targetType', 'profileEvents']);
	});

	it('without a stored signing key nothing can be verified: 401', async () => {
		expectRefused(await post(signed(loopCreated), { staticData: {} }), 401);
	});

	it('a correctly signed delivery for another subscription is refused with 401', async () => {
		const other = { ...loopCreated, subscriptionId: 'bc08a81e-e42c-4dfc-bc23-a560234f3b8e' };
		expectRefused(await post(signed(other)), 401);
	});

	it('malformed JSON (correctly signed) is answered 400 without a run', async () => {
		expectRefused(await post(signed('{"eventType": "LOOP_CREATED",')), 400);
		expectRefused(await post(signed('["LOOP_CREATED"]')), 400);
	});

	it('an event type the user did not select is answered 200 without a run', async () => {
		const result = await post(signed({ ...loopCreated, eventType: 'LOOP_UPDATED' }));
		expect(result.status).toBeUndefined();
		expect(result.response.workflowData).toBeUndefined();
		expect(result.response.noWebhookResponse).toBeUndefined();
	});

	describe('subscription notices', () => {
		const removed = {
			eventId: '9f0e8d7c-6b5a-4c3d-9e2f-1a0b9c8d7e6f',
			createdOn: '2024-01-01T00:00:00Z',
			subscriptionId: SUBSCRIPTION_ID,
			subscriptionExternalId: 'your_external_id',
			profileId: '5678',
			eventType: 'SUBSCRIPTION_DISABLED',
			event: {
				targetType: 'PROFILE',
				targetId: 789,
				eventTypes: ['LOOP_CREATED', 'LOOP_UPDATED'],
				url: 'https://n8n.example.com/webhook/x/dotloop',
				externalId: 'your_external_id',
				signingKey: KEY,
				tenantId: 'tenant_id',
				enabled: 'false',
				revision: 1,
			},
		};

		it('start the workflow by default, without the signing key they carry', async () => {
			const delivery = signed(removed);
			const result = await post(delivery);

			const event = Object.fromEntries(
				Object.entries(removed.event).filter(([name]) => name !== 'signingKey'),
			);
			expect(result.response.workflowData).toEqual([
				[
					{
						json: {
							...removed,
							event,
							deliveredAt: new Date(Number(delivery.timestamp)).toISOString(),
							deliveryTimestamp: Number(delivery.timestamp),
						},
					},
				],
			]);
			expect(JSON.stringify(result.response)).not.toContain(KEY);
		});

		it('SUBSCRIPTION_REMOVED too', async () => {
			const result = await post(signed({ ...removed, eventType: 'SUBSCRIPTION_REMOVED' }));
			expect(result.response.workflowData?.[0][0].json.eventType).toBe('SUBSCRIPTION_REMOVED');
		});

		it('are answered 200 without a run when switched off', async () => {
			const result = await post(signed(removed), {
				params: { ...params, options: { includeSubscriptionNotices: false } },
			});
			expect(result.status).toBeUndefined();
			expect(result.response.workflowData).toBeUndefined();
		});
	});

	it('never logs the signing key when refusing', async () => {
		const result = await post(signed(loopCreated, { key: 'wrong' }));
		expect(result.logs.join(' ')).not.toContain(KEY);
	});
});
