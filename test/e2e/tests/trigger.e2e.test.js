'use strict';
/**
 * The Dotloop Trigger in a real n8n that reports an HTTPS WEBHOOK_URL
 * (https://hooks.example.test/, served locally; the sandbox delivers to this n8n through its webhookOrigin).
 *   - activation creates exactly one subscription, for that HTTPS URL, with a signing key;
 *   - an action in the sandbox (a loop created, a participant added "in the Dotloop app") delivers a signed
 *     event, n8n runs the workflow with it and the next node reads the loop it names;
 *   - under two opposite readings of what the documentation leaves open (a fresh or the original
 *     timestamp on retries, in ms or s, under either header pair; all six in the unit tier) a delivery
 *     whose first attempt failed is retried and run once;
 *   - forged deliveries (no / wrong / foreign-key signature, tampered body) and ones signed too long ago or
 *     in the future get 401 and start nothing; an exact redelivery of an accepted one gets 200 and starts
 *     nothing; a retry hours after its timestamp runs;
 *   - deactivate / reactivate / restart n8n several times: never more than one subscription, deliveries
 *     still verified after restarts (the key survives in n8n's database), none left after deactivation.
 */
const crypto = require('node:crypto');
const { startStack, connectedDotloopCredential, sleep, waitFor, wf } = require('../lib');

const { rl } = wf;
const WEBHOOK_ID = 'e2e-dotloop-trigger';
const HOOK_URL = `https://hooks.example.test/webhook/${WEBHOOK_ID}/dotloop`;
const webhook = { webhookId: WEBHOOK_ID, path: 'dotloop' };

let stack;
let n8n;
let sandbox;
let admin;
let credential;
let workflow;

function sign(key, timestamp, body) {
	return crypto.createHmac('sha1', key).update(`${timestamp}.${body}`).digest('hex');
}

/** The sandbox's subscriptions (every client), and those on this trigger's URL. */
async function subscriptions() {
	const all = (await admin.state()).subscriptions;
	return { all, ours: all.filter((s) => s.url === HOOK_URL) };
}

async function executionCount() {
	return (await n8n.listExecutions({ workflowId: workflow.id })).length;
}

/** Wait for the workflow's execution number `count` (1-based) and return it with data. */
async function nthExecution(count) {
	const list = await n8n.waitForExecutions(workflow.id, { count, timeoutMs: 20_000 });
	return list[0]; // newest first
}

/** A delivery's raw body and headers as the sandbox sent it (the event record keeps the exact body). */
async function capturedDelivery(eventType) {
	const deliveries = await admin.deliveries({});
	const attempt = [...deliveries]
		.reverse()
		.find((d) => d.eventType === eventType && d.status === 'SUCCESS');
	const event = sandbox.store.events.get(attempt.eventId);
	return {
		body: event.body,
		timestamp: attempt.timestamp,
		signature: attempt.signature,
		eventId: attempt.eventId,
		subscriptionId: attempt.subscriptionId,
	};
}

async function post(body, headers) {
	return await n8n.postWebhook({
		...webhook,
		body,
		headers: { 'content-type': 'application/json', ...headers },
	});
}

beforeAll(async () => {
	stack = await startStack({ sandbox: { rateLimit: 100_000 } });
	({ n8n, sandbox, admin } = stack);
	({ credential } = await connectedDotloopCredential(n8n, sandbox, { name: 'Dotloop' }));
	const { nodes, connections } = wf.line([
		wf.trigger(
			'Dotloop Trigger',
			{
				targetType: 'PROFILE',
				profileId: rl(1001),
				profileEvents: ['LOOP_CREATED', 'LOOP_PARTICIPANT_CREATED'],
			},
			credential,
			{ webhookId: WEBHOOK_ID },
		),
		wf.dotloop(
			'Get the loop',
			{
				resource: 'loop',
				operation: 'get',
				profileId: rl('={{ $json.profileId }}'),
				loopId: rl('={{ $json.event.id }}'),
			},
			credential,
		),
	]);
	workflow = await n8n.createWorkflow({ name: 'trigger: loop events', nodes, connections });
});

afterAll(async () => {
	if (stack) await stack.stop();
});

test('activation creates exactly one subscription, for the HTTPS webhook URL, with a signing key', async () => {
	expect(HOOK_URL.startsWith('https://')).toBe(true);
	const activation = await n8n.activate(workflow.id);
	expect(activation.ok).toBe(true);
	const { all, ours } = await subscriptions();
	expect(all).toHaveLength(1);
	expect(ours).toEqual([
		expect.objectContaining({
			url: HOOK_URL,
			targetType: 'PROFILE',
			targetId: 1001,
			enabled: true,
			signingKey: expect.stringMatching(/^[0-9a-f]{64}$/),
			clientId: sandbox.clientId,
		}),
	]);
	expect([...ours[0].eventTypes].sort()).toEqual(['LOOP_CREATED', 'LOOP_PARTICIPANT_CREATED']);
	expect(await n8n.isWebhookRegistered(webhook)).toBe(true);
});

test('a loop created in Dotloop is delivered signed; n8n runs the workflow with the event and reads the loop', async () => {
	const { ours } = await subscriptions();
	const loop = await admin.simulate({
		action: 'createLoop',
		profileId: 1001,
		name: 'E2E trigger: 9 Elm St',
	});
	const loopId = loop.id;
	expect(loopId).toEqual(expect.any(Number));
	const execution = await nthExecution(1);
	expect(execution.status).toBe('success');
	const [item] = n8n.nodeOutput(execution, 'Dotloop Trigger');
	expect(item).toMatchObject({
		eventType: 'LOOP_CREATED',
		subscriptionId: ours[0].id,
		profileId: '1001',
		event: { id: String(loopId) },
		eventId: expect.any(String),
		deliveredAt: expect.any(String),
	});
	expect(item.event.signingKey).toBeUndefined();
	expect(n8n.nodeOutput(execution, 'Get the loop')).toEqual([
		expect.objectContaining({ id: loopId, name: 'E2E trigger: 9 Elm St' }),
	]);

	// The sandbox's side: one attempt, answered 200, signed with the subscription's key over timestamp.body.
	const attempts = await admin.deliveries({ eventId: item.eventId });
	expect(attempts).toEqual([
		expect.objectContaining({ status: 'SUCCESS', responseCode: 200, url: HOOK_URL }),
	]);
	const event = sandbox.store.events.get(item.eventId);
	expect(attempts[0].signature).toBe(sign(ours[0].signingKey, attempts[0].timestamp, event.body));
});

test('a participant added in Dotloop is delivered as LOOP_PARTICIPANT_CREATED; unselected events are not', async () => {
	await admin.simulate({
		action: 'addParticipant',
		loopId: 50001,
		fullName: 'Tina Trigger',
		email: 'tina.trigger@e2e.test',
		role: 'BUYER',
	});
	const execution = await nthExecution(2);
	expect(execution.status).toBe('success');
	const [item] = n8n.nodeOutput(execution, 'Dotloop Trigger');
	expect(item).toMatchObject({
		eventType: 'LOOP_PARTICIPANT_CREATED',
		event: { id: '50001', participantId: expect.any(String) },
	});
	const participant = (await admin.state()).loops
		.find((l) => l.id === 50001)
		.participants.find((p) => String(p.id) === item.event.participantId);
	expect(participant).toMatchObject({ fullName: 'Tina Trigger', role: 'BUYER' });
	// The LOOP_UPDATED that came with it is not subscribed: nothing else ran.
	await sleep(500);
	expect(await executionCount()).toBe(2);
});

// The documentation leaves open whether a retry carries a new timestamp, and calls the timestamp
// seconds while its example is milliseconds; one public connector reads the signature from
// X-DOTLOOP-WEBHOOK-SIGNATURE / -TIMESTAMP: the sandbox delivers under each reading
// (test/sandbox/README.md, "Ambiguities: webhook deliveries"). The unit tier runs the trigger in
// n8n-core's WebhookContext against the sandbox's deliveries under all six combinations
// (test/unit/webhookTrigger/sandbox-deliveries.test.ts); here, inside n8n's webhook server, the two
// that differ in everything.
test.each([
	['fresh', 'ms', 'documented'],
	['original', 's', 'webhookPrefixed'],
])(
	'under each reading (retry timestamp %s, in %s, signature headers %s): a delivery whose first attempt failed is retried, run once, and its redelivery acknowledged',
	async (webhookRetryTimestamp, webhookTimestampUnit, signatureHeaders) => {
		const origin = sandbox.config.webhookOrigin;
		const before = await executionCount();
		// Nothing listens on port 1: the first attempt fails (response code 0), as when n8n is down.
		await admin.config({
			webhookRetryTimestamp,
			webhookTimestampUnit,
			signatureHeaders,
			clockScale: 10,
			webhookOrigin: 'http://127.0.0.1:1',
		});
		try {
			const loop = await admin.simulate({
				action: 'createLoop',
				profileId: 1001,
				name: `E2E reading ${webhookRetryTimestamp} ${webhookTimestampUnit}`,
			});
			const failed = await waitFor(
				async () =>
					(await admin.deliveries({})).find(
						(d) =>
							d.attempt === 1 &&
							d.status === 'FAILURE' &&
							JSON.parse(sandbox.store.events.get(d.eventId).body).event.id === String(loop.id),
					),
				{ intervalMs: 50, message: 'the failed first attempt' },
			);
			// n8n is back before the retry (30 s / 10).
			await admin.config({ webhookOrigin: origin });
			const execution = await nthExecution(before + 1);
			const attempts = await admin.deliveries({ eventId: failed.eventId });
			expect(attempts.map((a) => [a.attempt, a.status])).toEqual([
				[1, 'FAILURE'],
				[2, 'SUCCESS'],
			]);
			const shape = webhookTimestampUnit === 's' ? /^\d{10}$/ : /^\d{13}$/;
			expect(attempts[1].timestamp).toMatch(shape);
			if (webhookRetryTimestamp === 'original') {
				expect(attempts[1].timestamp).toBe(attempts[0].timestamp);
			}
			const ms = Number(attempts[1].timestamp) * (webhookTimestampUnit === 's' ? 1000 : 1);
			expect(n8n.nodeOutput(execution, 'Dotloop Trigger')).toEqual([
				expect.objectContaining({
					eventId: failed.eventId,
					eventType: 'LOOP_CREATED',
					event: { id: String(loop.id) },
					deliveryTimestamp: Number(attempts[1].timestamp),
					deliveredAt: new Date(ms).toISOString(),
				}),
			]);
			// The accepted delivery posted again, byte for byte: 200, and no second run.
			const prefix = signatureHeaders === 'webhookPrefixed' ? 'X-DOTLOOP-WEBHOOK-' : 'X-DOTLOOP-';
			const again = await post(sandbox.store.events.get(failed.eventId).body, {
				[`${prefix}TIMESTAMP`]: attempts[1].timestamp,
				[`${prefix}SIGNATURE`]: attempts[1].signature,
			});
			expect(again.status).toBe(200);
			await sleep(1000);
			expect(await executionCount()).toBe(before + 1);
		} finally {
			await admin.config({
				webhookOrigin: origin,
				clockScale: 1,
				webhookRetryTimestamp: 'fresh',
				webhookTimestampUnit: 'ms',
				signatureHeaders: 'documented',
			});
		}
	},
);

test('forged deliveries are refused with 401 and start no execution', async () => {
	const real = await capturedDelivery('LOOP_CREATED');
	const { ours } = await subscriptions();
	const before = await executionCount();
	const now = String(Date.now());
	const body = JSON.stringify({ ...JSON.parse(real.body), eventId: crypto.randomUUID() });
	const forgeries = {
		'no signature': await post(body, { 'X-DOTLOOP-TIMESTAMP': now }),
		'no timestamp': await post(body, {
			'X-DOTLOOP-SIGNATURE': sign(ours[0].signingKey, now, body),
		}),
		'garbage signature': await post(body, {
			'X-DOTLOOP-TIMESTAMP': now,
			'X-DOTLOOP-SIGNATURE': 'f'.repeat(40),
		}),
		'signed with another key': await post(body, {
			'X-DOTLOOP-TIMESTAMP': now,
			'X-DOTLOOP-SIGNATURE': sign('not-the-key', now, body),
		}),
		'tampered body': await post(real.body.replace(/"id":"(\d+)"/, '"id":"999$1"'), {
			'X-DOTLOOP-TIMESTAMP': real.timestamp,
			'X-DOTLOOP-SIGNATURE': real.signature,
		}),
		'another subscription id': await post(
			JSON.stringify({ ...JSON.parse(body), subscriptionId: crypto.randomUUID() }),
			{
				'X-DOTLOOP-TIMESTAMP': now,
				'X-DOTLOOP-SIGNATURE': sign(
					ours[0].signingKey,
					now,
					JSON.stringify({ ...JSON.parse(body), subscriptionId: crypto.randomUUID() }),
				),
			},
		),
	};
	for (const [what, res] of Object.entries(forgeries)) {
		expect({ what, status: res.status }).toEqual({ what, status: 401 });
	}
	await sleep(1000);
	expect(await executionCount()).toBe(before);
});

test('an exact redelivery of an accepted delivery gets 200 and starts nothing; a retry hours later runs; too old or future gets 401', async () => {
	const real = await capturedDelivery('LOOP_CREATED');
	const { ours } = await subscriptions();
	const key = ours[0].signingKey;
	const signedAt = (timestamp, body = real.body) => ({
		'X-DOTLOOP-TIMESTAMP': timestamp,
		'X-DOTLOOP-SIGNATURE': sign(key, timestamp, body),
	});
	const before = await executionCount();
	// The exact delivery the sandbox made (and n8n ran), posted again: Dotloop does this when our answer
	// was lost. A non-2xx answer would count as a failed delivery towards disabling the subscription.
	const again = await post(real.body, {
		'X-DOTLOOP-TIMESTAMP': real.timestamp,
		'X-DOTLOOP-SIGNATURE': real.signature,
	});
	expect({ status: again.status, body: again.text }).toEqual({
		status: 200,
		body: expect.stringContaining('Delivery already received'),
	});
	// Beyond Dotloop's last retry (about 15 h 47 min after the first attempt): refused, in ms and in s.
	const nowMs = Date.now();
	const stale = String(nowMs - 17 * 3_600_000);
	const staleSeconds = String(Math.floor(Number(stale) / 1000));
	const future = String(nowMs + 10 * 60_000);
	for (const [what, timestamp] of [
		['17 hours old', stale],
		['17 hours old, in seconds', staleSeconds],
		['10 minutes ahead', future],
	]) {
		const res = await post(real.body, signedAt(timestamp));
		expect({ what, status: res.status }).toEqual({ what, status: 401 });
	}
	await sleep(1000);
	expect(await executionCount()).toBe(before);

	// An event whose first attempts failed, retried with its original timestamp 4 hours later: runs.
	const late = JSON.stringify({ ...JSON.parse(real.body), eventId: crypto.randomUUID() });
	const fourHoursAgo = String(nowMs - 4 * 3_600_000);
	expect((await post(late, signedAt(fourHoursAgo, late))).status).toBe(200);
	const execution = await nthExecution(before + 1);
	expect(n8n.nodeOutput(execution, 'Dotloop Trigger')[0]).toMatchObject({
		eventId: JSON.parse(late).eventId,
		deliveryTimestamp: Number(fourHoursAgo),
		deliveredAt: new Date(Number(fourHoursAgo)).toISOString(),
	});
});

test('deactivate, reactivate and restart n8n repeatedly: never more than one subscription, none left after deactivation', async () => {
	const seen = [];
	const check = async (step, expected) => {
		const { all, ours } = await subscriptions();
		seen.push({ step, total: all.length, ids: ours.map((s) => s.id) });
		expect({ step, total: all.length, onUrl: ours.length }).toEqual({
			step,
			total: expected,
			onUrl: expected,
		});
		return ours[0];
	};
	const first = await check('active', 1);

	await n8n.deactivate(workflow.id, { webhook });
	await check('deactivated', 0);
	expect(await n8n.isWebhookRegistered(webhook)).toBe(false);

	await n8n.activate(workflow.id);
	const second = await check('reactivated', 1);
	expect(second.id).not.toBe(first.id);
	expect(second.signingKey).not.toBe(first.signingKey); // a fresh key per subscription

	// A restart of n8n with the workflow active (1.x runs checkExists and adopts the subscription; 2.x
	// re-registers nothing): still the same single subscription.
	await n8n.restart();
	const afterRestart = await check('restarted', 1);
	expect(afterRestart.id).toBe(second.id);
	await waitFor(() => n8n.isWebhookRegistered(webhook), {
		message: 'webhook routed after restart',
	});

	// Deliveries are still verified (the key survived in n8n's database) and run the workflow.
	const before = await executionCount();
	await admin.simulate({
		action: 'createLoop',
		profileId: 1001,
		name: 'E2E trigger after restart',
	});
	const execution = await nthExecution(before + 1);
	expect(n8n.nodeOutput(execution, 'Dotloop Trigger')[0]).toMatchObject({
		eventType: 'LOOP_CREATED',
		subscriptionId: second.id,
	});

	// Reactivating an active workflow, then more cycles.
	await n8n.deactivate(workflow.id, { webhook });
	await check('deactivated after restart', 0);
	await n8n.activate(workflow.id);
	await check('activated again', 1);
	await n8n.deactivate(workflow.id, { webhook });
	await check('deactivated again', 0);
	await n8n.activate(workflow.id);
	await check('activated a third time', 1);
	await n8n.deactivate(workflow.id, { webhook });
	await check('deactivated at the end', 0);
	process.stderr.write(`[e2e] subscription history: ${JSON.stringify(seen)}\n`);
});

test('version 2 (one Events list): a contact event subscribes the connected user and runs on a contact created in Dotloop', async () => {
	const webhookId = 'e2e-dotloop-trigger-v2';
	const url = `https://hooks.example.test/webhook/${webhookId}/dotloop`;
	const node = {
		...wf.trigger('Contact Trigger', { events: ['CONTACT_CREATED'] }, credential, { webhookId }),
		typeVersion: 2,
	};
	const v2 = await n8n.createWorkflow({
		name: 'trigger v2: contacts',
		nodes: [node],
		connections: {},
	});
	expect((await n8n.activate(v2.id)).ok).toBe(true);
	const subscription = (await admin.state()).subscriptions.filter((s) => s.url === url);
	expect(subscription).toEqual([
		expect.objectContaining({
			targetType: 'USER',
			targetId: 100,
			eventTypes: ['CONTACT_CREATED'],
			enabled: true,
		}),
	]);

	const contact = await admin.simulate({
		action: 'createContact',
		firstName: 'Vera',
		lastName: 'Version',
		email: 'vera.version@e2e.test',
	});
	const [execution] = await n8n.waitForExecutions(v2.id, { count: 1, timeoutMs: 20_000 });
	expect(n8n.nodeOutput(execution, 'Contact Trigger')).toEqual([
		expect.objectContaining({
			eventType: 'CONTACT_CREATED',
			subscriptionId: subscription[0].id,
			event: { id: String(contact.id) },
		}),
	]);

	await n8n.deactivate(v2.id, { webhook: { webhookId, path: 'dotloop' } });
	expect((await admin.state()).subscriptions.filter((s) => s.url === url)).toEqual([]);
});

// A workflow copied with its static data starts out naming the original's subscription. Which copy
// paths carry static data (n8n's source, proven here): the public API's POST /api/v1/workflows on both
// versions; the editor's Duplicate (it fetches the workflow and posts it to POST /rest/workflows with new
// node and webhook IDs) on 1.x only: 2.x's CreateWorkflowDto has no staticData and drops it. CLI
// export/import carries it on both (whole entity). The copy must create its own subscription and leave
// the original's alone.
test('copied workflows (editor Duplicate, public API with static data) keep the original subscribed and get their own', async () => {
	const hook = (id) => `https://hooks.example.test/webhook/${id}/dotloop`;
	const onUrl = async (id) => (await admin.state()).subscriptions.filter((s) => s.url === hook(id));
	const staticDataOf = async (id) => {
		const { staticData } = await n8n.api('GET', `/workflows/${id}`);
		return typeof staticData === 'string' ? JSON.parse(staticData) : staticData;
	};
	const trigger = wf.trigger(
		'Dotloop Trigger',
		{ targetType: 'PROFILE', profileId: rl(1001), profileEvents: ['LOOP_CREATED'] },
		credential,
		{ webhookId: 'e2e-copy-original' },
	);
	const original = await n8n.createWorkflow({
		name: 'trigger: original',
		nodes: [trigger],
		connections: {},
	});
	expect((await n8n.activate(original.id)).ok).toBe(true);
	const [subscription] = await onUrl('e2e-copy-original');
	const stored = await staticDataOf(original.id);
	expect(stored['node:Dotloop Trigger']).toMatchObject({
		subscriptionId: subscription.id,
		webhookUrl: hook('e2e-copy-original'),
	});

	// The editor's Duplicate: the workflow as GET /rest/workflows/:id gives it, new node and webhook IDs.
	const fetched = await n8n.getWorkflow(original.id);
	const renewed = (webhookId) =>
		fetched.nodes.map((node) => ({ ...node, id: crypto.randomUUID(), webhookId }));
	const duplicate = await n8n.rest('POST', '/workflows', {
		name: 'trigger: editor duplicate',
		active: false, // 1.x's column has no default (2.x drops the field)
		nodes: renewed('e2e-copy-duplicate'),
		connections: fetched.connections,
		settings: fetched.settings,
		staticData: fetched.staticData,
	});
	const viaApi = await n8n.api('POST', '/workflows', {
		name: 'trigger: public API copy',
		nodes: renewed('e2e-copy-api'),
		connections: {},
		settings: { executionOrder: 'v1' },
		staticData: stored,
	});
	const travelled = {
		duplicate: Boolean((await staticDataOf(duplicate.id))?.['node:Dotloop Trigger']),
		api: Boolean((await staticDataOf(viaApi.id))?.['node:Dotloop Trigger']),
	};
	process.stderr.write(
		`[e2e] n8n ${n8n.version}: static data copied ${JSON.stringify(travelled)}\n`,
	);
	expect(travelled).toEqual({ duplicate: n8n.major < 2, api: true });

	for (const copy of [duplicate, viaApi]) expect((await n8n.activate(copy.id)).ok).toBe(true);
	expect(await onUrl('e2e-copy-original')).toEqual([
		expect.objectContaining({ id: subscription.id, signingKey: subscription.signingKey }),
	]);
	const own = { duplicate: await onUrl('e2e-copy-duplicate'), api: await onUrl('e2e-copy-api') };
	expect(own).toEqual({
		duplicate: [expect.objectContaining({ enabled: true })],
		api: [expect.objectContaining({ enabled: true })],
	});

	// One loop created in Dotloop reaches all three, each through its own subscription.
	const loop = await admin.simulate({ action: 'createLoop', profileId: 1001, name: 'E2E copies' });
	for (const [workflowId, subscriptionId] of [
		[original.id, subscription.id],
		[duplicate.id, own.duplicate[0].id],
		[viaApi.id, own.api[0].id],
	]) {
		const [execution] = await n8n.waitForExecutions(workflowId, { count: 1, timeoutMs: 20_000 });
		expect(n8n.nodeOutput(execution, 'Dotloop Trigger')).toEqual([
			expect.objectContaining({ subscriptionId, event: { id: String(loop.id) } }),
		]);
	}

	// Deactivating the copies removes their own subscriptions only.
	await n8n.deactivate(duplicate.id, {
		webhook: { webhookId: 'e2e-copy-duplicate', path: 'dotloop' },
	});
	await n8n.deactivate(viaApi.id, { webhook: { webhookId: 'e2e-copy-api', path: 'dotloop' } });
	expect((await admin.state()).subscriptions.map((s) => s.id)).toEqual([subscription.id]);
	await n8n.deactivate(original.id, {
		webhook: { webhookId: 'e2e-copy-original', path: 'dotloop' },
	});
	expect(await onUrl('e2e-copy-original')).toEqual([]);
});
