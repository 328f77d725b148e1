'use strict';
/**
 * The Dotloop Trigger in a real n8n that reports an HTTPS WEBHOOK_URL
 * (https://hooks.example.test/, served locally; the sandbox delivers to this n8n through its webhookOrigin).
 *   - activation creates exactly one subscription, for that HTTPS URL, with a signing key;
 *   - an action in the sandbox (a loop created, a participant added "in the Dotloop app") delivers a signed
 *     event, n8n runs the workflow with it and the next node reads the loop it names;
 *   - forged deliveries (no / wrong / foreign-key signature, tampered body) and replayed ones (a captured
 *     delivery sent again at once, or once it is older than the trigger's maximum event age) get 401 and
 *     start nothing;
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

test('a replayed delivery (a captured one, sent again at once or after the maximum event age) is refused with 401 and starts nothing', async () => {
	const real = await capturedDelivery('LOOP_CREATED');
	const { ours } = await subscriptions();
	const before = await executionCount();
	// The exact delivery the sandbox made (and n8n ran), posted again inside the allowed age.
	const again = await post(real.body, {
		'X-DOTLOOP-TIMESTAMP': real.timestamp,
		'X-DOTLOOP-SIGNATURE': real.signature,
	});
	expect(again.status).toBe(401);
	// What a capture made 10 minutes ago looks like now: the same body, its (old) timestamp and its valid
	// signature. The sandbox signs with the current time, so the old capture is re-created with the key.
	const oldTimestamp = String(Number(real.timestamp) - 10 * 60_000);
	const replay = await post(real.body, {
		'X-DOTLOOP-TIMESTAMP': oldTimestamp,
		'X-DOTLOOP-SIGNATURE': sign(ours[0].signingKey, oldTimestamp, real.body),
	});
	expect(replay.status).toBe(401);
	// The same with a timestamp in seconds (the documentation's unit), and one from the future.
	const oldSeconds = String(Math.floor(Number(oldTimestamp) / 1000));
	expect(
		(
			await post(real.body, {
				'X-DOTLOOP-TIMESTAMP': oldSeconds,
				'X-DOTLOOP-SIGNATURE': sign(ours[0].signingKey, oldSeconds, real.body),
			})
		).status,
	).toBe(401);
	const future = String(Date.now() + 10 * 60_000);
	expect(
		(
			await post(real.body, {
				'X-DOTLOOP-TIMESTAMP': future,
				'X-DOTLOOP-SIGNATURE': sign(ours[0].signingKey, future, real.body),
			})
		).status,
	).toBe(401);
	await sleep(1000);
	expect(await executionCount()).toBe(before);
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
