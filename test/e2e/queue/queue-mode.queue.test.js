'use strict';
/**
 * The packed package in n8n queue mode (n8n 2.41.1): PostgreSQL + Redis, main (manual runs
 * offloaded to workers), two workers, one webhook processor, the Dotloop sandbox. See cluster.js.
 *
 *   1. operations run on workers (the workers' logs name each execution; the execution record carries
 *      $env.E2E_QUEUE_PROCESS of the process that ran it) and give the same results as the same workflow in a
 *      single-process n8n against an identically seeded sandbox;
 *   2. activating a Dotloop Trigger (on main) creates exactly one subscription; deliveries the sandbox posts
 *      to the webhook processor are verified there with the signing key from the database and run on workers;
 *      a correctly signed delivery is accepted and a forged one refused (401) by main and the webhook
 *      processor alike;
 *   3. deactivation removes the subscription and the webhook processor stops routing; re-activation
 *      creates one new subscription with a new key, which the webhook processor verifies at once;
 *   4. token refresh race: the sandbox expires the token while 20 executions, 10 on each worker, wait to
 *      make their next requests; every execution succeeds and the sandbox counts the refreshes;
 *   5. 500 deliveries in a burst (500 loops created "in the Dotloop app"): each event id is executed once,
 *      none lost, none retried;
 *   6. the rate limit, shared by both workers: 120 requests from executions on both workers through a
 *      lowered limit all succeed;
 *   7. a Dotloop Polling Trigger polling every 5 seconds: 30 loop changes (10 in the same second) give one
 *      item each across the cluster's executions, none missed, none twice, and only main (the leader)
 *      sends the poll requests (each connection to the sandbox traced to the process that opened it).
 * Measured numbers go to stderr and to $E2E_RUN_DIR/queue-results.json (run.js prints them).
 */
const crypto = require('node:crypto');
const diagnostics = require('node:diagnostics_channel');
const fs = require('node:fs');
const path = require('node:path');
const h = require('../lib');
const { startCluster, WEBHOOK_URL } = require('./cluster');

const { wf } = h;
const { rl, ref } = wf;

const VERSION = process.env.E2E_N8N_VERSION || '2.41.1';
const RACE_EXECUTIONS = Number(process.env.QUEUE_RACE_EXECUTIONS || 20);
const BURST = Number(process.env.QUEUE_BURST || 500);
const RACE_RELEASE_MS = 15_000;
const BURST_SENDER_TIMEOUT_MS = 300_000;
const BALANCER_MAX_CONNECTIONS = Number(process.env.QUEUE_BALANCER_MAX_CONNECTIONS || 10);

let cluster;
let main;
let webhookProcessor;
let admin;
let sandbox;
let credential;
const results = { version: VERSION };

function note(key, value) {
	results[key] = value;
	h.log(`${key}: ${JSON.stringify(value)}`);
}

function sign(key, timestamp, body) {
	return crypto.createHmac('sha1', key).update(`${timestamp}.${body}`).digest('hex');
}

/** Set node writing the name of the process that runs it into the execution record. */
function where(name = 'Where') {
	return wf.set(name, { process: '={{ $env.E2E_QUEUE_PROCESS }}' }, { includeOtherFields: true });
}

function workerNames() {
	return cluster.workers.map((w) => w.name);
}

/** Every execution of a workflow through the public API (cursor pages of 250), newest first. */
async function allExecutions(n8n, workflowId, { includeData = false } = {}) {
	const out = [];
	let cursor;
	for (;;) {
		const qs = new URLSearchParams({
			workflowId: String(workflowId),
			limit: '250',
			includeData: String(includeData),
		});
		if (cursor) qs.set('cursor', cursor);
		const body = await n8n.api('GET', `/executions?${qs}`);
		out.push(...body.data);
		if (!body.nextCursor || !body.data.length) return out;
		cursor = body.nextCursor;
	}
}

const FINAL = new Set(['success', 'error', 'crashed', 'canceled']);

/** Wait until a workflow has `count` executions in a final state; returns them (with data when asked). */
async function waitForFinished(
	workflowId,
	count,
	{ timeoutMs = 120_000, includeData = true } = {},
) {
	await h.waitFor(
		async () => {
			const list = await allExecutions(main, workflowId);
			return (
				list.filter((e) => FINAL.has(e.status)).length >= count &&
				list.every((e) => FINAL.has(e.status))
			);
		},
		{
			timeoutMs,
			intervalMs: 500,
			message: `${count} finished executions of workflow ${workflowId}`,
		},
	);
	return await allExecutions(main, workflowId, { includeData });
}

function processOf(execution, node = 'Where') {
	const out = main.nodeOutput(execution, node);
	return out && out[0] && out[0].process;
}

function failureOf(execution) {
	const err = main.executionError(execution);
	return err ? `${err.message}${err.description ? ` (${err.description})` : ''}` : null;
}

/** Dates the sandbox stamps at run time (created/updated of new records) differ between two runs. */
function normalize(value) {
	if (Array.isArray(value)) return value.map(normalize);
	if (value && typeof value === 'object')
		return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalize(v)]));
	if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) {
		const t = Date.parse(value);
		if (Number.isFinite(t) && Math.abs(Date.now() - t) < 24 * 3600_000) return '<during the run>';
	}
	return value;
}

beforeAll(async () => {
	cluster = await startCluster({
		version: VERSION,
		sandbox: { rateLimit: 100_000 },
		balancerMaxConnections: BALANCER_MAX_CONNECTIONS,
		// Extra n8n settings for every process, e.g. '{"N8N_LOG_LEVEL":"debug"}' to investigate.
		env: process.env.QUEUE_N8N_ENV ? JSON.parse(process.env.QUEUE_N8N_ENV) : {},
	});
	({ main, admin, sandbox } = cluster);
	webhookProcessor = cluster.webhook;
	note('clusterStartSeconds', cluster.timings);
	({ credential } = await h.connectedDotloopCredential(main, sandbox, { name: 'Dotloop' }));
}, 600_000);

afterAll(async () => {
	if (cluster) {
		await cluster.stop();
		note('clusterStopSeconds', cluster.timings.stop);
	}
	if (process.env.E2E_RUN_DIR)
		fs.writeFileSync(
			path.join(process.env.E2E_RUN_DIR, 'queue-results.json'),
			JSON.stringify(results, null, 2),
		);
}, 120_000);

// ---------------------------------------------------------------------------------------------------------
// 1. Operations on workers, same results as single-process

/** The operations workflow: reads, writes, paging, a merged loop (301), binary upload and download. */
function operationsWorkflow(cred, pdf) {
	const op = (name, resource, operation, parameters = {}) =>
		wf.dotloop(name, { resource, operation, ...parameters }, cred);
	return [
		where(),
		op('Get account', 'account', 'get'),
		op('Get many profiles', 'profile', 'getAll', { returnAll: true }),
		op('Create loop', 'loop', 'create', {
			profileId: rl(1001),
			name: 'Queue 1 Congress Ave, Austin, TX 78701',
			transactionType: 'LISTING_FOR_SALE',
			status: 'PRE_LISTING',
		}),
		op('Update loop', 'loop', 'update', {
			profileId: rl(1001),
			loopId: rl(ref('Create loop')),
			updateFields: { status: 'ACTIVE_LISTING' },
		}),
		op('Get merged loop', 'loop', 'get', { profileId: rl(1001), loopId: rl(50037) }),
		op('Get many loops', 'loop', 'getAll', { profileId: rl(1001), returnAll: true }),
		op('Get many activities', 'activity', 'getAll', {
			profileId: rl(1001),
			loopId: rl(50001),
			returnAll: true,
		}),
		op('Get many participants', 'participant', 'getAll', {
			profileId: rl(1001),
			loopId: rl(50001),
			returnAll: true,
		}),
		op('Create contact', 'contact', 'create', {
			firstName: 'Quinn',
			lastName: 'Queue',
			email: 'quinn.queue@e2e.test',
			additionalFields: { city: 'Austin' },
		}),
		op('Get many contacts', 'contact', 'getAll', { returnAll: true }),
		wf.set('PDF as base64', { pdf: pdf.toString('base64') }, { executeOnce: true }),
		wf.toFile('PDF to file', 'pdf', 'queue.pdf'),
		op('Upload document', 'document', 'upload', {
			profileId: rl(1001),
			loopId: rl(50001),
			folderId: rl(70003),
			binaryPropertyName: 'data',
			options: { fileName: 'Queue Agreement.pdf' },
		}),
		op('Download document', 'document', 'download', {
			profileId: rl(1001),
			loopId: rl(50001),
			folderId: rl(70003),
			documentId: ref('Upload document'),
			binaryPropertyName: 'pdf',
		}),
		wf.toBase64('Downloaded bytes', 'pdf', 'base64'),
	];
}

test('1. operations run on workers and give the same results as in single-process mode', async () => {
	const t0 = Date.now();
	const pdf = h.makeBinaryPdf('Queue mode agreement', ['Signed on a worker']);
	const compared = operationsWorkflow(null, pdf)
		.map((n) => n.name)
		.filter((n) => n !== 'Where' && n !== 'PDF as base64' && n !== 'PDF to file');

	// Queue mode: three runs of the workflow (manual runs, offloaded to the workers).
	const nodes = operationsWorkflow(credential, pdf);
	const { nodes: placed, connections } = wf.line([wf.manualTrigger(), ...nodes]);
	const workflow = await main.createWorkflow({
		name: 'queue: operations',
		nodes: placed,
		connections,
	});
	const first = await main.runWorkflow(workflow.id, 'Manual Trigger', { timeoutMs: 180_000 });
	expect({ status: first.status, error: failureOf(first) }).toEqual({
		status: 'success',
		error: null,
	});
	const runs = [first];
	const more = await Promise.all(
		[1, 2].map(() => main.runWorkflow(workflow.id, 'Manual Trigger', { wait: false })),
	);
	for (const { executionId } of more)
		runs.push(await main.waitForExecution(executionId, { timeoutMs: 180_000 }));
	for (const run of runs)
		expect({ id: run.id, status: run.status, error: failureOf(run) }).toEqual({
			id: run.id,
			status: 'success',
			error: null,
		});

	// Where each ran: the workers' own logs, and the record (the Set node ran $env on that process).
	const placement = runs.map((run) => ({
		id: run.id,
		log: cluster.workerOf(run.id),
		record: processOf(run),
	}));
	for (const p of placement) {
		expect(workerNames()).toContain(p.log);
		expect(p.record).toBe(p.log);
	}
	// main never ran one.
	expect(fs.readFileSync(main.logFile, 'utf8')).not.toMatch(/Worker started execution/);
	note('operationsPlacement', placement);

	// The same workflow in a single-process n8n (SQLite, regular mode) against its own, identically seeded sandbox.
	const single = await h.startStack({
		version: VERSION,
		sandbox: { rateLimit: 100_000 },
		n8n: { env: { N8N_BLOCK_ENV_ACCESS_IN_NODE: 'false', E2E_QUEUE_PROCESS: 'single-process' } },
	});
	let reference;
	try {
		const { credential: refCred } = await h.connectedDotloopCredential(single.n8n, single.sandbox, {
			name: 'Dotloop',
		});
		const refNodes = operationsWorkflow(refCred, pdf);
		const line = wf.line([wf.manualTrigger(), ...refNodes]);
		const refWorkflow = await single.n8n.createWorkflow({
			name: 'single: operations',
			nodes: line.nodes,
			connections: line.connections,
		});
		reference = await single.n8n.runWorkflow(refWorkflow.id, 'Manual Trigger', {
			timeoutMs: 180_000,
		});
	} finally {
		await single.stop();
	}
	expect({ status: reference.status, error: failureOf(reference) }).toEqual({
		status: 'success',
		error: null,
	});
	expect(processOf(reference)).toBe('single-process');

	// Same outputs, node by node (the first queue run against the reference: both on freshly seeded data).
	const out = (execution, node) => normalize(main.nodeOutput(execution, node));
	for (const node of compared)
		expect({ node, output: out(first, node) }).toEqual({ node, output: out(reference, node) });
	// Spot checks that the comparison compared something real.
	expect(main.nodeOutput(first, 'Get merged loop')[0]).toMatchObject({
		id: 50002,
		mergedFromLoopId: 50037,
		mergedIntoLoopId: 50002,
	});
	expect(main.nodeOutput(first, 'Get many activities').length).toBeGreaterThan(100);
	expect(main.nodeOutput(first, 'Get many contacts').length).toBeGreaterThan(100);
	const downloaded = Buffer.from(main.nodeOutput(first, 'Downloaded bytes')[0].base64, 'base64');
	expect(downloaded.equals(pdf)).toBe(true);
	note('operationsSeconds', (Date.now() - t0) / 1000);
});

// ---------------------------------------------------------------------------------------------------------
// 2./3. The trigger

const TRIGGER_ID = 'queue-dotloop-trigger';
const HOOK_URL = `${WEBHOOK_URL}webhook/${TRIGGER_ID}/dotloop`;
const triggerHook = { webhookId: TRIGGER_ID, path: 'dotloop' };
let triggerWorkflow;

async function subscriptionsOn(url) {
	const all = (await admin.state()).subscriptions;
	return { all, ours: all.filter((s) => s.url === url) };
}

/** POST a delivery body to a process's production webhook URL, signed with `key` (or forged). */
async function deliver(n8n, body, key, timestamp = String(Date.now())) {
	return await n8n.postWebhook({
		...triggerHook,
		body,
		headers: {
			'content-type': 'application/json',
			'X-DOTLOOP-TIMESTAMP': timestamp,
			'X-DOTLOOP-SIGNATURE': sign(key, timestamp, body),
		},
	});
}

test('2. activation creates one subscription; deliveries to the webhook processor are verified there and run on workers', async () => {
	const t0 = Date.now();
	const { nodes, connections } = wf.line([
		wf.trigger(
			'Dotloop Trigger',
			{ targetType: 'PROFILE', profileId: rl(1001), profileEvents: ['LOOP_CREATED'] },
			credential,
			{ webhookId: TRIGGER_ID },
		),
		where(),
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
	triggerWorkflow = await main.createWorkflow({ name: 'queue: trigger', nodes, connections });
	const before = (await admin.state()).subscriptions.length;
	const activation = await main.activate(triggerWorkflow.id);
	expect(activation.ok).toBe(true);
	const { all, ours } = await subscriptionsOn(HOOK_URL);
	expect(all).toHaveLength(before + 1);
	expect(ours).toEqual([
		expect.objectContaining({
			url: HOOK_URL,
			targetType: 'PROFILE',
			targetId: 1001,
			enabled: true,
			signingKey: expect.stringMatching(/^[0-9a-f]{64}$/),
		}),
	]);
	const subscription = ours[0];
	// Routed by the webhook processor (which reads webhooks from the database) and by main.
	await h.waitFor(() => webhookProcessor.isWebhookRegistered(triggerHook), {
		message: 'webhook routed by the webhook processor',
	});
	expect(await main.isWebhookRegistered(triggerHook)).toBe(true);

	// Loops created "in the Dotloop app": the sandbox delivers each event to the webhook processor.
	const loops = [];
	for (let i = 0; i < 4; i++)
		loops.push(
			await admin.simulate({
				action: 'createLoop',
				profileId: 1001,
				name: `Queue trigger ${i + 1} Elm St`,
			}),
		);
	const executions = await waitForFinished(triggerWorkflow.id, loops.length);
	expect(executions).toHaveLength(loops.length);
	for (const execution of executions) {
		expect({ id: execution.id, status: execution.status, error: failureOf(execution) }).toEqual({
			id: execution.id,
			status: 'success',
			error: null,
		});
		const [item] = main.nodeOutput(execution, 'Dotloop Trigger');
		expect(item).toMatchObject({
			eventType: 'LOOP_CREATED',
			subscriptionId: subscription.id,
			profileId: '1001',
		});
		expect(item.event.signingKey).toBeUndefined();
		const loop = loops.find((l) => String(l.id) === item.event.id);
		expect(main.nodeOutput(execution, 'Get the loop')).toEqual([
			expect.objectContaining({ id: loop.id, name: loop.name }),
		]);
		expect(workerNames()).toContain(processOf(execution));
		expect(cluster.workerOf(execution.id)).toBe(processOf(execution));
	}
	const attempts = (await admin.deliveries({ subscriptionId: subscription.id })).filter(
		(d) => d.eventType === 'LOOP_CREATED',
	);
	expect(attempts).toHaveLength(loops.length);
	for (const a of attempts) {
		expect(a).toMatchObject({ status: 'SUCCESS', responseCode: 200, url: HOOK_URL });
		// Through the load balancer, which passes it to the webhook processor.
		expect(a.targetUrl.startsWith(`${cluster.balancer.url}/webhook/`)).toBe(true);
	}
	expect(cluster.balancer.stats()).toMatchObject({
		forwarded: loops.length,
		dropped: 0,
		failed: 0,
	});
	// The webhook processor ran webhook() (verification) itself; it started no execution.
	expect(fs.readFileSync(webhookProcessor.logFile, 'utf8')).not.toMatch(/Worker started execution/);

	// Verification on every process that receives webhooks: a delivery signed with the stored key is taken,
	// a forged one (other key) refused, by the webhook processor and by main alike.
	const template = JSON.parse(sandbox.store.events.get(attempts[0].eventId).body);
	const verdicts = {};
	// Older than Dotloop's whole retry schedule (about 16 h), which the trigger accepts.
	const beyondRetries = String(Date.now() - 17 * 3_600_000);
	for (const proc of [webhookProcessor, main]) {
		const body = JSON.stringify({ ...template, eventId: crypto.randomUUID() });
		const forged = JSON.stringify({ ...template, eventId: crypto.randomUUID() });
		verdicts[proc.name] = {
			signed: (await deliver(proc, body, subscription.signingKey)).status,
			forged: (await deliver(proc, forged, 'not-the-signing-key')).status,
			stale: (await deliver(proc, forged, subscription.signingKey, beyondRetries)).status,
		};
	}
	expect(verdicts).toEqual({
		webhook: { signed: 200, forged: 401, stale: 401 },
		main: { signed: 200, forged: 401, stale: 401 },
	});
	const afterDirect = await waitForFinished(triggerWorkflow.id, loops.length + 2);
	expect(afterDirect).toHaveLength(loops.length + 2);
	for (const execution of afterDirect) expect(workerNames()).toContain(processOf(execution));
	note('triggerDeliveries', {
		executions: afterDirect.map((e) => ({ id: e.id, worker: processOf(e) })),
		verdicts,
		seconds: (Date.now() - t0) / 1000,
	});
});

test('3. deactivation removes the subscription; re-activation creates one new subscription whose key the webhook processor verifies', async () => {
	const t0 = Date.now();
	const {
		ours: [first],
	} = await subscriptionsOn(HOOK_URL);
	await main.deactivate(triggerWorkflow.id, { webhook: triggerHook });
	expect((await subscriptionsOn(HOOK_URL)).ours).toEqual([]);
	expect((await admin.state()).subscriptions.find((s) => s.id === first.id)).toBeUndefined();
	await h.waitFor(async () => !(await webhookProcessor.isWebhookRegistered(triggerHook)), {
		message: 'webhook processor stops routing',
	});

	await main.activate(triggerWorkflow.id);
	const { ours } = await subscriptionsOn(HOOK_URL);
	expect(ours).toHaveLength(1);
	expect(ours[0].id).not.toBe(first.id);
	expect(ours[0].signingKey).not.toBe(first.signingKey);
	await h.waitFor(() => webhookProcessor.isWebhookRegistered(triggerHook), {
		message: 'webhook routed again',
	});
	const count = (await allExecutions(main, triggerWorkflow.id)).length;
	const loop = await admin.simulate({
		action: 'createLoop',
		profileId: 1001,
		name: 'Queue trigger after re-activation',
	});
	const executions = await waitForFinished(triggerWorkflow.id, count + 1);
	const latest = executions.find(
		(e) => main.nodeOutput(e, 'Dotloop Trigger')[0].event.id === String(loop.id),
	);
	expect(latest.status).toBe('success');
	expect(main.nodeOutput(latest, 'Dotloop Trigger')[0].subscriptionId).toBe(ours[0].id);
	expect(workerNames()).toContain(processOf(latest));

	await main.deactivate(triggerWorkflow.id, { webhook: triggerHook });
	expect((await subscriptionsOn(HOOK_URL)).ours).toEqual([]);
	expect((await admin.state()).subscriptions).toEqual([]);
	note('deactivationSeconds', (Date.now() - t0) / 1000);
});

// ---------------------------------------------------------------------------------------------------------
// 4. Token refresh race

test(`4. token refresh race: the token expires while ${RACE_EXECUTIONS} executions run on both workers; all succeed`, async () => {
	const t0 = Date.now();
	const op = (name, resource, operation, parameters = {}) =>
		wf.dotloop(name, { resource, operation, ...parameters }, credential);
	// Every execution makes one request, then waits (in process, on its worker) until the same wall-clock
	// moment, then makes four more: the first of them all at once, from both workers, with the expired token.
	// Dotloop invalidates the previous access token on every refresh: a second, uncoordinated refresh would
	// make the first refresher's retries fail with 401 (n8n refreshes at most once per request).
	const releaseAt = new Date(Date.now() + RACE_RELEASE_MS);
	const { nodes, connections } = wf.line([
		wf.manualTrigger(),
		where(),
		op('Get account', 'account', 'get'),
		{
			...wf.wait('Until release', 1),
			parameters: { resume: 'specificTime', dateTime: releaseAt.toISOString() },
		},
		op('Get loop', 'loop', 'get', { profileId: rl(1001), loopId: rl(50001) }),
		op('Get many loops', 'loop', 'getAll', { profileId: rl(1001), returnAll: false, limit: 10 }),
		op('Get many contacts', 'contact', 'getAll', { returnAll: false, limit: 10 }),
		op('Get profile', 'profile', 'get', { profileId: rl(1001) }),
	]);
	const workflow = await main.createWorkflow({ name: 'queue: refresh race', nodes, connections });
	const stateBefore = await admin.state();
	const since = await admin.lastSeq();

	const started = await Promise.all(
		Array.from({ length: RACE_EXECUTIONS }, () =>
			main.runWorkflow(workflow.id, 'Manual Trigger', { wait: false }),
		),
	);
	// Every execution has made its first request and sits in the Wait node: expire the token now.
	await h.waitFor(
		async () =>
			(await admin.requests({ since, path: '/public/v2/account' })).length >= RACE_EXECUTIONS,
		{
			timeoutMs: RACE_RELEASE_MS,
			intervalMs: 50,
			message: 'every execution past its first request',
		},
	);
	const expiredAt = await admin.lastSeq();
	await admin.expireTokens();
	// Every API answer now takes 250 ms, so all the requests sent at the release carry the expired token
	// before any refresh can have finished: every execution, on both workers, meets a 401 at the same time.
	await admin.config({ latencyMs: 250 });
	const headroomMs = releaseAt.getTime() - Date.now();
	const executions = [];
	try {
		// The expiry must come before the release (else the machine was too slow to set the race up).
		expect(headroomMs).toBeGreaterThan(0);
		for (const { executionId } of started)
			executions.push(await main.waitForExecution(executionId, { timeoutMs: 180_000 }));
	} finally {
		await admin.config({ latencyMs: 0 });
	}

	const byWorker = {};
	for (const execution of executions) {
		const worker = processOf(execution);
		byWorker[worker] = (byWorker[worker] || 0) + 1;
	}
	const failed = executions
		.filter((e) => e.status !== 'success')
		.map((e) => ({ id: e.id, worker: processOf(e), error: failureOf(e) }));
	const after = await admin.requests({ since: expiredAt });
	if (process.env.E2E_RUN_DIR) {
		const lines = after.map(
			(e) =>
				`${e.time} ${e.method} ${e.path} ${e.status} ${e.durationMs.toFixed(0)}ms ${e.body && e.body.grant_type ? e.body.grant_type : ''}`,
		);
		fs.writeFileSync(
			path.join(process.env.E2E_RUN_DIR, 'token-race-requests.txt'),
			`${lines.join('\n')}\n`,
		);
	}
	const api = after.filter((e) => e.path.startsWith('/public/v2'));
	const tokenCalls = after.filter((e) => e.path === '/oauth/token');
	const refreshes = (await admin.state()).refreshCount - stateBefore.refreshCount;
	const rejected = api.filter((e) => e.status === 401);
	const spreadMs = rejected.length
		? Date.parse(rejected[rejected.length - 1].time) - Date.parse(rejected[0].time)
		: 0;
	note('tokenRace', {
		executions: RACE_EXECUTIONS,
		byWorker,
		expiryHeadroomMs: headroomMs,
		rejectedWith401: rejected.length,
		rejectedByPath: rejected.reduce((acc, e) => ({ ...acc, [e.path]: (acc[e.path] || 0) + 1 }), {}),
		rejectedWithinMs: spreadMs,
		refreshes,
		failedExecutions: failed,
		tokenRequests: tokenCalls.map((e) => `${e.body && e.body.grant_type} -> ${e.status}`),
		seconds: (Date.now() - t0) / 1000,
	});
	// Every execution succeeded, on a worker (record and log agree), both workers took part.
	expect(failed).toEqual([]);
	for (const execution of executions) {
		expect(workerNames()).toContain(processOf(execution));
		expect(cluster.workerOf(execution.id)).toBe(processOf(execution));
	}
	expect(Object.keys(byWorker).sort()).toEqual(workerNames().sort());
	// Every request after the expiry ended in a 200 eventually: RACE_EXECUTIONS x 4 successful API calls,
	// and only the expired token's 401s besides.
	expect(api.filter((e) => e.status === 200)).toHaveLength(RACE_EXECUTIONS * 4);
	expect(api.filter((e) => e.status !== 200 && e.status !== 401)).toEqual([]);
	expect(
		tokenCalls.every((e) => e.status === 200 && e.body && e.body.grant_type === 'refresh_token'),
	).toBe(true);
	expect(tokenCalls).toHaveLength(refreshes);
	// A real race. "Get loop" is every execution's first request after the release; it meets the expired
	// token at most twice (the transport reads a 401 itself, then asks again the way n8n refreshes on; the
	// retry after the refresh carries the new token). More 401s there than twice the executions of either
	// worker: both workers met the expired token at the same moment.
	const firstAfterRelease = rejected.filter((e) => e.path === '/public/v2/profile/1001/loop/50001');
	expect(firstAfterRelease.length).toBeLessThanOrEqual(2 * RACE_EXECUTIONS);
	expect(firstAfterRelease.length).toBeGreaterThan(2 * Math.max(...Object.values(byWorker)));
	// As few refreshes as n8n's locking allows: one for the whole cluster (Redis lock + re-read of the stored token).
	expect(refreshes).toBe(1);
});

// ---------------------------------------------------------------------------------------------------------
// 5. Burst

test(`5. ${BURST} deliveries in a burst: every event id executed exactly once, none lost`, async () => {
	const id = 'queue-dotloop-burst';
	const hook = { webhookId: id, path: 'dotloop' };
	const url = `${WEBHOOK_URL}webhook/${id}/dotloop`;
	const { nodes, connections } = wf.line([
		wf.trigger(
			'Dotloop Trigger',
			{ targetType: 'PROFILE', profileId: rl(1001), profileEvents: ['LOOP_CREATED'] },
			credential,
			{ webhookId: id },
		),
		where(),
	]);
	const workflow = await main.createWorkflow({ name: 'queue: burst', nodes, connections });
	await main.activate(workflow.id);
	const { ours } = await subscriptionsOn(url);
	expect(ours).toHaveLength(1);
	await h.waitFor(() => webhookProcessor.isWebhookRegistered(hook), {
		message: 'burst webhook routed',
	});
	const deliveriesBefore = (await admin.deliveries({})).length;
	// The load balancer holds what the webhook processor cannot take yet (at most BALANCER_MAX_CONNECTIONS in
	// flight). One webhook processor cannot accept BURST simultaneous deliveries within Dotloop's 5 s (n8n takes
	// an expression isolate per trigger request: see the README), so the sender here waits up to 5 minutes; it
	// still retries failures as Dotloop does, on a fast clock (30 s -> 0.5 s). Every attempt is recorded.
	const configBefore = await admin.config();
	await admin.config({
		webhookTimeoutMs: BURST_SENDER_TIMEOUT_MS,
		clockScale: 60,
		maxConsecutiveFailures: 1_000_000,
	});
	try {
		// BURST loops created in the Dotloop app as fast as the sandbox takes them: one LOOP_CREATED each, all
		// posted to the webhook processor at once (the sandbox does not wait for earlier deliveries).
		cluster.balancer.resetStats();
		const t0 = Date.now();
		const queue = Array.from({ length: BURST }, (_, i) => i);
		await Promise.all(
			Array.from({ length: 25 }, async () => {
				while (queue.length) {
					const i = queue.shift();
					await admin.simulate({
						action: 'createLoop',
						profileId: 1001,
						name: `Burst ${i + 1} Main St`,
					});
				}
			}),
		);
		const simulatedSeconds = (Date.now() - t0) / 1000;
		const events = [...sandbox.store.events.values()].filter(
			(e) => e.subscriptionId === ours[0].id && e.eventType === 'LOOP_CREATED',
		);
		expect(events).toHaveLength(BURST);
		await h.waitFor(
			() =>
				events.every((e) => !['PENDING', 'SCHEDULED', 'PENDING_RETRY'].includes(e.deliveryStatus)),
			{
				timeoutMs: 300_000,
				intervalMs: 500,
				message: 'every delivery answered',
			},
		);
		const answeredSeconds = (Date.now() - t0) / 1000;
		const executions = await waitForFinished(workflow.id, BURST, { timeoutMs: 300_000 });
		const executedSeconds = (Date.now() - t0) / 1000;

		const attempts = (await admin.deliveries({}))
			.slice(deliveriesBefore)
			.filter((d) => d.subscriptionId === ours[0].id);
		const first = attempts.filter((a) => a.attempt === 1);
		const durations = first.map((a) => a.durationMs).sort((x, y) => x - y);
		const codes = {};
		for (const a of attempts) codes[a.responseCode] = (codes[a.responseCode] || 0) + 1;
		const statuses = {};
		for (const e of executions) statuses[e.status] = (statuses[e.status] || 0) + 1;
		const eventIds = executions.map(
			(e) => (main.nodeOutput(e, 'Dotloop Trigger') || [{}])[0].eventId,
		);
		const counts = new Map();
		for (const eid of eventIds) counts.set(eid, (counts.get(eid) || 0) + 1);
		const byWorker = {};
		for (const e of executions) byWorker[processOf(e)] = (byWorker[processOf(e)] || 0) + 1;
		const logPlacement = cluster.workerLog();
		const mismatched = executions
			.filter((e) => logPlacement[e.id] !== processOf(e))
			.map((e) => e.id);
		const lastAnswer = Math.max(...attempts.map((a) => Date.parse(a.respondedAt))) - t0;
		note('burst', {
			deliveries: BURST,
			createdInSeconds: simulatedSeconds,
			allAnsweredSeconds: answeredSeconds,
			allExecutedSeconds: executedSeconds,
			acceptedPerSecond: Number((BURST / (lastAnswer / 1000)).toFixed(1)),
			attempts: attempts.length,
			responseCodes: codes,
			firstAttemptMs: {
				median: durations[Math.floor(durations.length / 2)],
				p95: durations[Math.floor(durations.length * 0.95)],
				max: durations[durations.length - 1],
			},
			firstAttemptsOver5s: durations.filter((d) => d > 5000).length,
			executions: executions.length,
			statuses,
			distinctEventIds: counts.size,
			byWorker,
			balancer: cluster.balancer.stats(),
		});

		// Nothing failed or was given up on between the sender, the balancer and the webhook processor.
		expect(cluster.balancer.stats()).toMatchObject({ dropped: 0, failed: 0 });
		// None lost: every event delivered (answered 2xx) in the end.
		expect(events.filter((e) => e.deliveryStatus !== 'SUCCESS').map((e) => e.id)).toEqual([]);
		// Executed once: exactly one successful execution per event id, every event id present.
		expect(statuses).toEqual({ success: BURST });
		expect(executions).toHaveLength(BURST);
		expect([...counts.entries()].filter(([, c]) => c !== 1)).toEqual([]);
		expect(new Set(eventIds)).toEqual(new Set(events.map((e) => e.id)));
		// All on workers, both of them, and each record agrees with the workers' logs.
		expect(Object.keys(byWorker).sort()).toEqual(workerNames().sort());
		expect(mismatched).toEqual([]);
	} finally {
		await admin.config({
			webhookTimeoutMs: configBefore.webhookTimeoutMs,
			clockScale: configBefore.clockScale,
			maxConsecutiveFailures: configBefore.maxConsecutiveFailures,
		});
	}
	await main.deactivate(workflow.id, { webhook: hook });
	expect((await subscriptionsOn(url)).ours).toEqual([]);
}, 900_000);

// ---------------------------------------------------------------------------------------------------------
// 6. Rate limit shared by the workers

test('6. the rate limit is shared by both workers: 120 requests through a 30-per-window limit all succeed', async () => {
	const contacts = (await admin.state()).contacts.slice(0, 30).map((c) => c.id);
	const { nodes, connections } = wf.line([
		wf.manualTrigger(),
		where(),
		wf.set('Contact ids', { ids: contacts }),
		wf.splitOut('One item per contact', 'ids'),
		wf.dotloop(
			'Get contact',
			{ resource: 'contact', operation: 'get', contactId: '={{ $json.ids }}' },
			credential,
			{ executeOnce: false },
		),
	]);
	const workflow = await main.createWorkflow({
		name: 'queue: shared rate limit',
		nodes,
		connections,
	});
	// 30 requests per window; the window is 60 s / clock scale 30 = 2 s. Four executions x 30 requests.
	await admin.config({ rateLimit: 30, clockScale: 30 });
	try {
		const since = await admin.lastSeq();
		const t0 = Date.now();
		const started = await Promise.all(
			[1, 2, 3, 4].map(() => main.runWorkflow(workflow.id, 'Manual Trigger', { wait: false })),
		);
		const executions = [];
		for (const { executionId } of started)
			executions.push(await main.waitForExecution(executionId, { timeoutMs: 240_000 }));
		const seconds = (Date.now() - t0) / 1000;
		const byWorker = {};
		for (const execution of executions) {
			expect({ id: execution.id, status: execution.status, error: failureOf(execution) }).toEqual({
				id: execution.id,
				status: 'success',
				error: null,
			});
			expect(main.nodeOutput(execution, 'Get contact').map((c) => c.id)).toEqual(contacts);
			byWorker[processOf(execution)] = (byWorker[processOf(execution)] || 0) + 1;
		}
		const api = (await admin.requests({ since })).filter((e) =>
			e.path.startsWith('/public/v2/contact/'),
		);
		const ok = api.filter((e) => e.status === 200).length;
		const limited = api.filter((e) => e.status === 429).length;
		note('sharedRateLimit', {
			executions: 4,
			byWorker,
			requests: ok,
			answered429: limited,
			seconds,
		});
		expect(ok).toBe(120);
		expect(api.filter((e) => e.status !== 200 && e.status !== 429)).toEqual([]);
		expect(Object.keys(byWorker).sort()).toEqual(workerNames().sort());
		// 120 requests at 30 per 2 s window cannot take less than three full windows.
		expect(seconds).toBeGreaterThan(4);
	} finally {
		await admin.config({ rateLimit: 100_000, clockScale: 1 });
	}
}, 300_000);

// ---------------------------------------------------------------------------------------------------------
// 7. Polling trigger: one poller for the cluster

const POLL_CHANGES = 30;
const POLL_BURST = 10;

/**
 * Which process sent each request to the sandbox (in this test process): the client end of the
 * connection, found by its port in /proc/net/tcp, is an open file (socket:[inode]) of exactly one of
 * `processes` ({ name, pid }). Returns { calls: [{ process, method, url }], stop() }.
 */
function traceSandboxCallers(port, processes) {
	const hex = (n) => `:${n.toString(16).toUpperCase().padStart(4, '0')}`;
	const ownerOf = (socket) => {
		const rows = ['/proc/net/tcp', '/proc/net/tcp6'].flatMap((file) =>
			fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split('\n').slice(1) : [],
		);
		const row = rows
			.map((line) => line.trim().split(/\s+/))
			.find((f) => f[1]?.endsWith(hex(socket.remotePort)) && f[2]?.endsWith(hex(port)));
		if (!row) return 'unknown';
		const target = `socket:[${row[9]}]`;
		for (const p of processes) {
			let fds = [];
			try {
				fds = fs.readdirSync(`/proc/${p.pid}/fd`);
			} catch {
				continue;
			}
			for (const fd of fds) {
				try {
					if (fs.readlinkSync(`/proc/${p.pid}/fd/${fd}`) === target) return p.name;
				} catch {
					/* closed meanwhile */
				}
			}
		}
		return 'unknown';
	};
	const owners = new WeakMap();
	const calls = [];
	const onRequest = ({ request, socket, server }) => {
		if (server.address()?.port !== port) return;
		if (!owners.has(socket)) owners.set(socket, ownerOf(socket));
		calls.push({ process: owners.get(socket), method: request.method, url: request.url });
	};
	diagnostics.subscribe('http.server.request.start', onRequest);
	return { calls, stop: () => diagnostics.unsubscribe('http.server.request.start', onRequest) };
}

test(`7. polling trigger: ${POLL_CHANGES} loop changes, each emitted once for the whole cluster, polled by main only`, async () => {
	const t0 = Date.now();
	const seeded = await admin.seedLoops(1001, POLL_CHANGES);
	const changedIds = Array.from({ length: POLL_CHANGES }, (_, i) => seeded.firstId + i);
	expect(seeded.lastId).toBe(changedIds[POLL_CHANGES - 1]);
	// Every 5 seconds: one Poll Times entry per second value (n8n refuses `*/5` in the seconds field).
	const pollTimes = {
		item: Array.from({ length: 12 }, (_, i) => ({
			mode: 'custom',
			cronExpression: `${i * 5} * * * * *`,
		})),
	};
	const { nodes, connections } = wf.line([
		{
			id: 'queue-polling-trigger',
			name: 'Dotloop Polling Trigger',
			type: h.TRIGGER_TYPE.replace(/dotloopTrigger$/, 'dotloopPollingTrigger'),
			typeVersion: 1,
			position: [0, 0],
			parameters: { pollTimes, event: 'loopUpdated', watch: 'profile', profileId: rl(1001) },
			credentials: { dotloopOAuth2Api: { id: String(credential.id), name: 'Dotloop' } },
		},
		where(),
	]);
	const workflow = await main.createWorkflow({ name: 'queue: polling', nodes, connections });
	const pollPath = '/public/v2/profile/1001/loop';
	const polls = async (since) =>
		(await admin.requests({ since, path: pollPath })).filter(
			(r) => r.method === 'GET' && r.query.sort === 'updated:desc',
		);

	const trace = traceSandboxCallers(sandbox.port, [
		...cluster.processes(),
		{ name: 'test', pid: process.pid },
	]);
	const traceFrom = await admin.lastSeq();
	let summary;
	try {
		// Activation polls once on main: it records where things stand and starts nothing.
		expect((await main.activate(workflow.id)).ok).toBe(true);
		await h.waitFor(async () => (await polls(traceFrom)).length > 0, {
			message: 'the poll at activation',
		});
		expect(await allExecutions(main, workflow.id)).toEqual([]);

		for (let start = 0; start < POLL_CHANGES; start += POLL_BURST) {
			await Promise.all(
				changedIds.slice(start, start + POLL_BURST).map((loopId) =>
					admin.simulate({
						action: 'updateLoop',
						loopId,
						name: `Queue polling change ${loopId}`,
					}),
				),
			);
			await h.sleep(1_700);
		}
		const changesFrom = await admin.lastSeq();
		const newest = (await admin.state()).loops
			.filter((loop) => changedIds.includes(loop.id))
			.map((loop) => loop.updated)
			.sort()
			.pop();
		// Two polls whose window starts after the newest change: every change has been read, and every
		// later read of it (the 30 s lookback) is over. Then every execution they started has finished.
		await h.waitFor(
			async () =>
				(await polls(changesFrom)).filter(
					(r) => r.query.filter.slice('updated_min='.length) > newest,
				).length >= 2,
			{ timeoutMs: 120_000, intervalMs: 1_000, message: 'two polls past the newest change' },
		);
		await main.deactivate(workflow.id);
		await h.waitFor(
			async () => (await allExecutions(main, workflow.id)).every((e) => FINAL.has(e.status)),
			{ timeoutMs: 60_000, intervalMs: 500, message: 'every polled execution finished' },
		);
		const executions = await allExecutions(main, workflow.id, { includeData: true });
		// Every request from n8n that the sandbox logged was traced (a poll may still be answering).
		const fromN8n = () => trace.calls.filter((c) => c.process !== 'test');
		await h.waitFor(
			async () =>
				fromN8n().length ===
				(await admin.requests({ since: traceFrom })).filter((r) => !r.path.startsWith('/_sandbox'))
					.length,
			{ message: 'the traced requests match the sandbox log' },
		);
		const items = executions.flatMap((e) => main.nodeOutput(e, 'Dotloop Polling Trigger') || []);
		summary = {
			executions: executions.length,
			items: items.length,
			distinctLoops: new Set(items.map((item) => item.id)).size,
			pollRequests: (await polls(traceFrom)).length,
			requestsByProcess: trace.calls.reduce(
				(acc, c) => ({ ...acc, [c.process]: (acc[c.process] || 0) + 1 }),
				{},
			),
			ranOn: [...new Set(executions.map((e) => processOf(e)))].sort(),
		};

		// One item per change across every execution of the cluster: none missed, none twice.
		expect(items.map((item) => item.id).sort((a, b) => a - b)).toEqual(changedIds);
		for (const item of items)
			expect(item).toEqual(
				expect.objectContaining({ name: `Queue polling change ${item.id}`, profileId: 1001 }),
			);
		for (const execution of executions) {
			expect({ id: execution.id, status: execution.status, error: failureOf(execution) }).toEqual({
				id: execution.id,
				status: 'success',
				error: null,
			});
			expect(workerNames()).toContain(processOf(execution));
		}
		// Only main polled: every request to the sandbox from an n8n process came from main, none from a worker
		// or the webhook processor; and the test process itself only used the sandbox's admin routes.
		expect(fromN8n().filter((c) => c.process !== 'main')).toEqual([]);
		expect(fromN8n().filter((c) => c.url.startsWith(`${pollPath}?`)).length).toBe(
			summary.pollRequests,
		);
		expect(
			trace.calls.filter((c) => c.process === 'test' && !c.url.startsWith('/_sandbox/')),
		).toEqual([]);
	} finally {
		trace.stop();
		if (summary) note('polling', { ...summary, seconds: (Date.now() - t0) / 1000 });
	}
}, 300_000);
