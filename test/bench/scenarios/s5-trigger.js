'use strict';
/**
 * 5. Trigger: N signed deliveries posted to the active workflow at a steady rate, plus one forged
 * delivery (right shape, wrong signature) after every tenth. For the Dotloop Trigger: all N executions
 * present, every forged one refused (401) and none executed; for n8n's plain Webhook node (no
 * verification, what a user without the package has) the same posts. Latency p50/p99 from POST to
 * answer, measured here; n8n's CPU per delivery and peak RSS over the whole burst until every
 * execution has finished.
 *
 * The deliveries are built like the sandbox's own (same body shape, same signing function, timestamp
 * in ms), addressed to the subscription the trigger created, and posted straight to n8n's production
 * webhook URL, so the timing is n8n's alone. Open loop: a post is sent on schedule whether or not the
 * previous one was answered.
 */
const crypto = require('node:crypto');
const { sign } = require('../../sandbox/webhooks');
const { workflows } = require('../workflows');
const { ProcessMonitor } = require('../lib/proc');
const { sleep } = require('../lib/bench');
const { listExecutions, waitUntilIdle } = require('../lib/executions');
const { atRate, postWebhook } = require('../lib/posting');
const { percentile } = require('../lib/stats');

const FORGE_EVERY = 10;
const WARMUP_DELIVERIES = 20;

function deliveries(count, subscriptionId) {
	return Array.from({ length: count }, (_, i) =>
		JSON.stringify({
			eventId: crypto.randomUUID(),
			createdOn: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
			subscriptionId,
			subscriptionExternalId: null,
			profileId: '1001',
			eventType: 'LOOP_UPDATED',
			event: { id: String(50001 + (i % 30)) },
		}),
	);
}

/** All executions of the workflow once `count` have finished (or the timeout passed). */
async function waitForExecutions(n8n, workflowId, count, timeoutMs) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const list = await listExecutions(n8n, workflowId);
		const done = list.filter((e) => e.stoppedAt && !['running', 'new'].includes(e.status));
		if ((done.length >= count && done.length === list.length) || Date.now() > deadline) return list;
		await sleep(500);
	}
}

/** Post every body (each tenth once more, forged) on schedule, `rate` per second; [{ status, ms, forged }]. */
async function postAll(url, bodies, { rate, signingKey }) {
	const sends = [];
	bodies.forEach((body, i) => {
		sends.push({ body, forged: false });
		if ((i + 1) % FORGE_EVERY === 0) sends.push({ body, forged: true });
	});
	const t0 = performance.now();
	const results = await atRate(sends.length, rate, async (k) => {
		const { body, forged } = sends[k];
		const timestamp = String(Date.now());
		const signature = forged
			? sign(`${signingKey}-forged`, timestamp, body)
			: sign(signingKey, timestamp, body);
		const answer = await postWebhook(url, body, {
			headers: { 'X-DOTLOOP-TIMESTAMP': timestamp, 'X-DOTLOOP-SIGNATURE': signature },
			timeoutMs: 30_000,
		});
		return { ...answer, forged };
	});
	return { results, postSeconds: (performance.now() - t0) / 1000 };
}

/**
 * Activate the workflow, learn the subscription id and signing key to use (the Dotloop Trigger makes
 * them on activation), post, wait for the executions, deactivate.
 */
async function measure(bench, { key, def, url, count, rate, signing, expectedExecutions }) {
	const wf = await bench.create(def);
	await bench.n8n.activate(wf.id);
	const { subscriptionId, signingKey } = await signing();
	// Warm-up: a few deliveries first, so one-off costs (loading and compiling the webhook path) are
	// not charged to the measured ones. Their executions are counted apart.
	const warm = await postAll(url, deliveries(WARMUP_DELIVERIES, subscriptionId), {
		rate,
		signingKey,
	});
	const warmExecutions = expectedExecutions(warm.results);
	await waitForExecutions(bench.n8n, wf.id, warmExecutions, 60_000);
	await sleep(500);

	const bodies = deliveries(count, subscriptionId);
	const seq = await bench.admin.lastSeq();
	const monitor = new ProcessMonitor(bench.n8n.pid).start();
	const t0 = performance.now();
	const { results, postSeconds } = await postAll(url, bodies, { rate, signingKey });
	await waitUntilIdle(bench.n8n, wf.id, { timeoutMs: 180_000, intervalMs: 250 });
	const wallSeconds = (performance.now() - t0) / 1000;
	const proc = monitor.stop();
	const all = await waitForExecutions(
		bench.n8n,
		wf.id,
		warmExecutions + expectedExecutions(results),
		120_000,
	);
	const executions = all.slice(0, Math.max(0, all.length - warmExecutions)); // newest first
	const apiCalls = (await bench.admin.requests({ since: seq })).filter((e) =>
		e.path.startsWith('/public/v2'),
	).length;
	await bench.n8n.deactivate(wf.id);

	const accepted = (r) => r.status >= 200 && r.status < 300;
	const valid = results.filter((r) => !r.forged);
	const forged = results.filter((r) => r.forged);
	const succeeded = executions.filter((e) => e.status === 'success').length;
	const lat = results.map((r) => r.ms);
	const v = {
		workflowId: wf.id,
		posts: results.length,
		validPosts: valid.length,
		validAccepted: valid.filter(accepted).length,
		validRefused: valid.filter((r) => r.status >= 300).length,
		// Not answered within 30 s (the machine was overloaded): neither accepted nor refused.
		validUnanswered: valid.filter((r) => r.status === 0).length,
		// Answered, but after the 5 s Dotloop waits: Dotloop would count them failed and send them again.
		slowerThanDotloopTimeout: results.filter((r) => r.status !== 0 && r.ms > 5000).length,
		forgedPosts: forged.length,
		forgedRefused: forged.filter((r) => r.status === 401 || r.status === 403).length,
		// A forged delivery can only run if it was accepted (2xx): the Dotloop Trigger verifies before
		// anything starts. Executions beyond the valid posts prove forged ones ran.
		forgedAccepted: forged.filter(accepted).length,
		forgedExecuted: Math.max(0, succeeded - valid.length),
		statuses: results.reduce((acc, r) => ({ ...acc, [r.status]: (acc[r.status] || 0) + 1 }), {}),
		executions: executions.length,
		executionsSucceeded: succeeded,
		itemsOut: succeeded,
		expectedItems: count,
		// Valid deliveries without a successful execution (executions of accepted forged posts set aside).
		itemsLost: Math.max(0, valid.length - Math.max(0, succeeded - forged.filter(accepted).length)),
		latencyP50Ms: percentile(lat, 50),
		latencyP99Ms: percentile(lat, 99),
		latencyMaxMs: Math.max(...lat),
		postSeconds,
		wallSeconds,
		// Dotloop API requests made while handling the deliveries (the trigger should make none).
		requests: apiCalls,
		peakRssMb: proc.peakRssMb,
		baselineRssMb: proc.baselineRssMb,
		rssGrowthMb: proc.growthMb,
		cpuMs: proc.cpuMs,
		otherCores: proc.otherCores,
		cpuMsPerDelivery: proc.cpuMs / results.length,
	};
	v.forgedRefusedShare = v.forgedPosts ? v.forgedRefused / v.forgedPosts : undefined;
	bench.log(
		`5 ${key}: ${v.validAccepted}/${v.validPosts} valid accepted, ${v.forgedRefused}/${v.forgedPosts} forged refused, ${v.executions} executions (${succeeded} ok), p50 ${v.latencyP50Ms.toFixed(1)} ms, p99 ${v.latencyP99Ms.toFixed(1)} ms, ${v.cpuMsPerDelivery.toFixed(2)} ms CPU/post`,
	);
	return v;
}

async function run(bench, { deliveries: count, rate, variants: only = ['dotloop', 'http'] }) {
	await bench.admin.reset();
	await bench.admin.config({ rateLimit: 1e9, clockScale: 1, rateWindowMs: 60_000 });
	const stamp = Date.now().toString(36);
	const variants = {};
	const accepted = (r) => r.status >= 200 && r.status < 300;

	// The plain Webhook checks nothing: when it runs alone any id and key will do.
	let used = {
		subscriptionId: 'bench-subscription',
		signingKey: crypto.randomBytes(32).toString('hex'),
	};

	// Dotloop Trigger: activation creates the subscription, with a signing key the trigger generated.
	if (only.includes('dotloop')) {
		await bench.fresh();
		const webhookId = `bench-dotloop-${stamp}`;
		variants.dotloop = await measure(bench, {
			key: 'dotloop',
			def: workflows.trigger.dotloop(bench.ctx, { webhookId }),
			url: bench.n8n.webhookUrl({ webhookId, path: 'dotloop' }),
			count,
			rate,
			signing: async () => {
				const sub = [...bench.sandbox.store.subscriptions.values()].find(
					(s) => String(s.url).includes(webhookId) && s.enabled,
				);
				if (!sub || !sub.signingKey)
					throw new Error(
						'the Dotloop Trigger did not subscribe (with a signing key) on activation',
					);
				used = { subscriptionId: sub.id, signingKey: sub.signingKey };
				return used;
			},
			// Only the valid deliveries it accepted should run.
			expectedExecutions: (results) => results.filter((r) => !r.forged && accepted(r)).length,
		});
	}

	// Plain Webhook node: the same posts, signed the same way; it checks nothing, so forged ones run too.
	if (only.includes('http')) {
		await bench.fresh();
		const path = `bench-plain-${stamp}`;
		variants.http = await measure(bench, {
			key: 'http',
			def: workflows.trigger.http(bench.ctx, { webhookId: path, path }),
			url: bench.n8n.webhookUrl({ path }),
			count,
			rate,
			signing: async () => used,
			expectedExecutions: (results) => results.filter(accepted).length,
		});
	}

	const failures = [];
	const d = variants.dotloop || {};
	if (d.validRefused)
		failures.push(
			`the Dotloop Trigger refused ${d.validRefused} valid deliveries (${JSON.stringify(d.statuses)})`,
		);
	if (d.validUnanswered)
		failures.push(
			`${d.validUnanswered} valid deliveries got no answer within 30 s (n8n overloaded?)`,
		);
	if (d.itemsLost)
		failures.push(`${d.itemsLost} of ${count} valid deliveries have no successful execution`);
	if (d.forgedAccepted || d.forgedExecuted)
		failures.push(
			`forged deliveries accepted: ${d.forgedAccepted}, executions beyond the valid deliveries: ${d.forgedExecuted}`,
		);
	const extras = {};
	for (const [key, v] of Object.entries(variants)) {
		if (!v) continue;
		extras[key] =
			`p50 ${v.latencyP50Ms.toFixed(1)} ms, p99 ${v.latencyP99Ms.toFixed(1)} ms; forged refused ${v.forgedRefused}/${v.forgedPosts}; ${v.executions} executions; ${v.cpuMsPerDelivery.toFixed(2)} ms CPU/post`;
	}
	return [
		{
			id: '5',
			title: `Trigger: ${count.toLocaleString('en-US')} signed deliveries at ${rate}/s`,
			params: { deliveries: count, forged: Math.floor(count / FORGE_EVERY), ratePerSecond: rate },
			variants,
			variantLabels: { http: 'plain Webhook node' },
			extras,
			compare: [
				{ key: 'itemsLost', label: 'valid deliveries lost', better: 'lower', exact: true },
				{ key: 'forgedRefusedShare', label: 'forged refused (share)', better: 'higher' },
				{ key: 'latencyP50Ms', label: 'latency p50', better: 'lower' },
				{ key: 'latencyP99Ms', label: 'latency p99', better: 'lower' },
				{ key: 'cpuMsPerDelivery', label: 'CPU per post', better: 'lower' },
				{ key: 'rssGrowthMb', label: 'peak RSS above idle', better: 'lower' },
			],
			failures,
		},
	];
}

module.exports = { run };
