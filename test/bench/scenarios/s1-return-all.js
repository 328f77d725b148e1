'use strict';
/**
 * 1. Return All loops for N = 1,000, 10,000 and 50,000: requests made versus the minimum ⌈N/100⌉, time,
 * and peak RSS, also per 1,000 loops (memory that grows only with the items stays flat across N).
 * The rate limit is lifted here (scenario 2 is the one about the limit), so only paging and n8n's own
 * work are measured. The profile holds exactly N loops (30 seeded + generated ones).
 */
const { workflows } = require('../workflows');

const SEEDED_LOOPS_ON_PROFILE = 30;

async function run(bench, { sizes }) {
	const results = [];
	await bench.admin.reset();
	await bench.admin.config({ rateLimit: 1e9, clockScale: 1, rateWindowMs: 60_000 });
	let loops = SEEDED_LOOPS_ON_PROFILE;
	for (const n of sizes) {
		await bench.admin.seedLoops(1001, n - loops);
		loops = n;
		const min = Math.ceil(n / 100);
		const variants = {};
		const sides = [
			['dotloop', workflows.returnAll.dotloop],
			['http', workflows.returnAll.http],
		];
		// The meta.total variant differs by one request; measured up to 10,000 only, to keep the run short.
		if (n <= 10000) sides.push(['httpStopAtTotal', workflows.returnAll.httpStopAtTotal]);
		for (const [key, build] of sides) {
			await bench.fresh();
			const m = await bench.measureManual(build(bench.ctx), { timeoutMs: 600_000 });
			const ids = new Set(m.output.map((item) => item.id));
			variants[key] = summarize(m, { expected: n, unique: ids.size });
			// Memory that grows only with the items themselves stays about the same per 1,000 loops as N grows.
			variants[key].rssGrowthPerThousandMb = m.rssGrowthMb / (n / 1000);
			bench.log(
				`1 Return All N=${n} ${key}: ${m.requests} requests, ${m.wallSeconds.toFixed(2)} s, ${ids.size} unique loops`,
			);
		}
		results.push({
			id: `1-${n}`,
			title: `Return All loops, N=${n.toLocaleString('en-US')}`,
			params: { loops: n, minimumRequests: min },
			variants,
			extras: Object.fromEntries(
				Object.entries(variants).map(([key, v]) => [
					key,
					`min ${min} req; RSS +${v.rssGrowthPerThousandMb.toFixed(1)} MB per 1,000 loops`,
				]),
			),
			compare: [
				{ key: 'requests', label: 'requests', better: 'lower', exact: true },
				{ key: 'wallSeconds', label: 'wall time', better: 'lower' },
				{ key: 'rssGrowthMb', label: 'peak RSS above idle', better: 'lower' },
				{
					key: 'rssGrowthPerThousandMb',
					label: 'peak RSS above idle per 1,000 loops',
					better: 'lower',
				},
				{ key: 'itemsLost', label: 'items lost', better: 'lower', exact: true },
			],
			variantLabels: { httpStopAtTotal: 'HTTP Request, meta.total stop' },
		});
	}
	return results;
}

/** The metrics a results row keeps (the execution itself is dropped). */
function summarize(m, { expected, unique }) {
	const { execution, output, ...kept } = m;
	const itemsLost = Math.max(0, expected - (unique === undefined ? m.itemsOut : unique));
	return { ...kept, expectedItems: expected, itemsLost };
}

module.exports = { run, summarize };
