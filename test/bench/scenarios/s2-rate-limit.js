'use strict';
/**
 * 2. Under the real rate limit: Dotloop's 100 requests per minute, with the sandbox's clock scaled
 * (clockScale 60: a "minute" lasts 1 s) so a run takes seconds. N loops fetched with their details:
 * the list (⌈N/100⌉ requests), then one details request per loop (N requests). Items lost must be 0.
 *
 * The floor the limit sets: R = ⌈N/100⌉ + N requests need ⌈R/limit⌉ windows, and the last one can
 * start only after the ones before it have passed: floor = (⌈R/limit⌉ − 1) × window.
 *
 * (The list alone can carry the details, include_details=true, in ⌈N/100⌉ requests: both nodes can do
 * that and then never meet the limit. This scenario takes the per-loop path on purpose, because that is
 * the pattern that runs into the limit: list, then one call per record.)
 */
const { workflows } = require('../workflows');
const { summarize } = require('./s1-return-all');
const { sleep } = require('../lib/bench');

const RATE_LIMIT = 100;
const RATE_WINDOW_MS = 60_000;
const CLOCK_SCALE = 60;

async function run(bench, { loops }) {
	await bench.admin.reset();
	await bench.admin.seedLoops(1001, loops - 30);
	const windowMs = RATE_WINDOW_MS / CLOCK_SCALE;
	const minRequests = Math.ceil(loops / 100) + loops;
	const floorSeconds = ((Math.ceil(minRequests / RATE_LIMIT) - 1) * windowMs) / 1000;
	bench.ctx.rateLimit = RATE_LIMIT;
	bench.ctx.clockScale = CLOCK_SCALE;
	const variants = {};
	const extras = {};
	for (const [key, build] of [
		['dotloop', workflows.rateLimited.dotloop],
		['http', workflows.rateLimited.http],
	]) {
		// Warm up without the limit, then switch it on (changing it starts fresh windows).
		await bench.admin.config({ rateLimit: 1e9, clockScale: 1, rateWindowMs: RATE_WINDOW_MS });
		await bench.fresh();
		await bench.admin.config({
			rateLimit: RATE_LIMIT,
			rateWindowMs: RATE_WINDOW_MS,
			clockScale: CLOCK_SCALE,
		});
		await sleep(200);
		const m = await bench.measureManual(build(bench.ctx), { timeoutMs: 600_000 });
		const v = summarize(m, { expected: loops });
		v.floorSeconds = floorSeconds;
		v.timeOverFloor = m.wallSeconds / floorSeconds;
		variants[key] = v;
		extras[key] =
			`${m.rateLimited} × 429; ${v.timeOverFloor.toFixed(2)} × floor${m.status !== 'success' ? `; ${m.error || m.status}` : ''}`;
		bench.log(
			`2 rate limit ${key}: ${m.requests} requests (${m.rateLimited} × 429), ${m.wallSeconds.toFixed(1)} s (floor ${floorSeconds} s), ${m.itemsOut} items, ${m.status}`,
		);
	}
	await bench.admin.config({ rateLimit: 1e9, clockScale: 1, rateWindowMs: RATE_WINDOW_MS });
	bench.ctx.clockScale = 1;
	const failures = [];
	if (variants.dotloop.itemsLost > 0)
		failures.push(
			`the Dotloop node lost ${variants.dotloop.itemsLost} of ${loops} items under the rate limit`,
		);
	return [
		{
			id: '2',
			title: `Under the rate limit: ${loops.toLocaleString('en-US')} loops with details`,
			params: {
				loops,
				rateLimit: RATE_LIMIT,
				rateWindowMs: RATE_WINDOW_MS,
				clockScale: CLOCK_SCALE,
				windowMs,
				minRequests,
				floorSeconds,
			},
			variants,
			extras: {
				dotloop: `floor ${floorSeconds} s; ${extras.dotloop}`,
				http: `floor ${floorSeconds} s; ${extras.http}`,
			},
			compare: [
				{ key: 'itemsLost', label: 'items lost', better: 'lower', exact: true },
				{ key: 'timeOverFloor', label: 'time / floor', better: 'lower' },
				{ key: 'requests', label: 'requests', better: 'lower', exact: true },
				{ key: 'rateLimited', label: '429 answers', better: 'lower', exact: true },
				{ key: 'rssGrowthMb', label: 'peak RSS above idle', better: 'lower' },
			],
			failures,
		},
	];
}

module.exports = { run };
