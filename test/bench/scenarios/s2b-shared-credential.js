'use strict';
/**
 * 2b. 100 workflows' worth of executions at once, all on one credential, under Dotloop's real limit
 * (100 requests per minute; sandbox clock ×60, a minute lasts 1 s). One active workflow per side is
 * called `executions` times at once through its webhook; each execution gets `perExecution` loops by
 * id. Items lost must be 0 on the Dotloop side. Requests R = executions × perExecution need ⌈R/limit⌉
 * windows: floor = (⌈R/limit⌉ − 1) × window. Time is from the first webhook call until the last
 * execution stopped (n8n's stoppedAt).
 */
const { workflows } = require('../workflows');
const { ProcessMonitor } = require('../lib/proc');
const { requestCounts, sleep } = require('../lib/bench');
const { listExecutions, waitUntilIdle } = require('../lib/executions');
const { atRate, postWebhook } = require('../lib/posting');

const RATE_LIMIT = 100;
const RATE_WINDOW_MS = 60_000;
const CLOCK_SCALE = 60;
const FIRST_LOOP = 50001;
const STARTS_PER_SECOND = 25;

async function measure(bench, { key, build, executions, perExecution }) {
	const path = `bench-shared-${key}-${Date.now()}`;
	// Warm up without the limit (n8n restarted, both node types loaded), then switch it on.
	await bench.admin.config({ rateLimit: 1e9, clockScale: 1, rateWindowMs: RATE_WINDOW_MS });
	await bench.fresh();
	const wf = await bench.create(
		build(bench.ctx, { path, first: FIRST_LOOP, count: perExecution, concurrency: executions }),
	);
	await bench.n8n.activate(wf.id);
	await bench.admin.config({
		rateLimit: RATE_LIMIT,
		rateWindowMs: RATE_WINDOW_MS,
		clockScale: CLOCK_SCALE,
	});
	await sleep(200);

	const seq = await bench.admin.lastSeq();
	const monitor = new ProcessMonitor(bench.n8n.pid).start();
	const t0 = Date.now();
	// Started at STARTS_PER_SECOND rather than all in one instant: n8n on SQLite refuses webhook calls
	// when too many executions are created in the same moment, and each execution lasts several windows,
	// so they still all run at once.
	const answers = await atRate(executions, STARTS_PER_SECOND, () =>
		postWebhook(bench.n8n.webhookUrl({ path }), '{}', { timeoutMs: 60_000 }),
	);
	const refused = answers.filter(({ status }) => !(status >= 200 && status < 300)).length;
	await sleep(2000);
	await waitUntilIdle(bench.n8n, wf.id, { timeoutMs: 600_000, intervalMs: 500 });
	const done = (await listExecutions(bench.n8n, wf.id)).filter((e) => e.stoppedAt);
	const proc = monitor.stop();
	const lastStop = Math.max(...done.map((e) => Date.parse(e.stoppedAt)));
	const wallSeconds = (lastStop - t0) / 1000;
	const log = await bench.admin.requests({ since: seq });
	let itemsOut = 0;
	let failed = 0;
	let firstError;
	for (const e of done) {
		const execution = await bench.n8n.waitForExecution(e.id, { timeoutMs: 60_000 });
		if (execution.status !== 'success') {
			failed++;
			const error = bench.n8n.executionError(execution);
			firstError = firstError || String((error && error.message) || execution.status).slice(0, 200);
			continue;
		}
		// The Dotloop node outputs the loop; HTTP Request the answer, { data: loop }.
		const loops = (bench.n8n.nodeOutput(execution, 'Get Loop') || []).map(
			(item) => item.data || item,
		);
		const ids = new Set(loops.map((loop) => loop.id));
		itemsOut += ids.size;
	}
	await bench.n8n.deactivate(wf.id);
	await bench.admin.config({ rateLimit: 1e9, clockScale: 1, rateWindowMs: RATE_WINDOW_MS });
	// Executions n8n did not start (refused webhook calls) are n8n's, not the node's: counted apart.
	const expected = done.length * perExecution;
	return {
		status: failed ? 'error' : 'success',
		error: firstError,
		...requestCounts(log),
		wallSeconds,
		peakRssMb: proc.peakRssMb,
		baselineRssMb: proc.baselineRssMb,
		rssGrowthMb: proc.growthMb,
		cpuMs: proc.cpuMs,
		otherCores: proc.otherCores,
		webhookCallsRefused: refused,
		executionsStarted: done.length,
		executionsFailed: failed,
		itemsOut,
		expectedItems: expected,
		itemsLost: Math.max(0, expected - itemsOut),
	};
}

async function run(bench, { executions, perExecution }) {
	await bench.admin.reset();
	const windowMs = RATE_WINDOW_MS / CLOCK_SCALE;
	const minRequests = executions * perExecution;
	const floorSeconds = ((Math.ceil(minRequests / RATE_LIMIT) - 1) * windowMs) / 1000;
	bench.ctx.rateLimit = RATE_LIMIT;
	bench.ctx.clockScale = CLOCK_SCALE;
	const variants = {};
	const extras = {};
	try {
		for (const [key, build] of [
			['dotloop', workflows.sharedCredential.dotloop],
			['http', workflows.sharedCredential.http],
		]) {
			const v = await measure(bench, { key, build, executions, perExecution });
			v.floorSeconds = floorSeconds;
			v.timeOverFloor = v.wallSeconds / floorSeconds;
			variants[key] = v;
			extras[key] =
				`floor ${floorSeconds} s; ${v.rateLimited} × 429; ${v.timeOverFloor.toFixed(2)} × floor; ${v.executionsStarted} executions, ${v.executionsFailed} failed, ${v.webhookCallsRefused} webhook calls refused by n8n${v.error ? ` (${v.error})` : ''}`;
			bench.log(
				`2b shared credential ${key}: ${v.requests} requests (${v.rateLimited} × 429), ${v.wallSeconds.toFixed(1)} s (floor ${floorSeconds} s), ${v.itemsOut}/${v.expectedItems} items, ${v.executionsFailed} failed executions`,
			);
		}
	} finally {
		bench.ctx.clockScale = 1;
		bench.ctx.rateLimit = 100;
	}
	const failures = [];
	if (variants.dotloop.itemsLost > 0)
		failures.push(
			`the Dotloop node lost ${variants.dotloop.itemsLost} of ${variants.dotloop.expectedItems} items with ${executions} executions sharing one credential`,
		);
	return [
		{
			id: '2b',
			title: `${executions} executions at once on one credential under the rate limit`,
			params: {
				executions,
				perExecution,
				rateLimit: RATE_LIMIT,
				rateWindowMs: RATE_WINDOW_MS,
				clockScale: CLOCK_SCALE,
				windowMs,
				minRequests,
				floorSeconds,
			},
			variants,
			extras,
			compare: [
				{ key: 'itemsLost', label: 'items lost', better: 'lower', exact: true },
				{ key: 'timeOverFloor', label: 'time / floor', better: 'lower' },
				{ key: 'rateLimited', label: '429 answers', better: 'lower', exact: true },
				{ key: 'requests', label: 'requests', better: 'lower', exact: true },
				{ key: 'rssGrowthMb', label: 'peak RSS above idle', better: 'lower' },
			],
			failures,
		},
	];
}

module.exports = { run };
