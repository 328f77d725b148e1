'use strict';
/**
 * 3. Per-item work: N input items, each "Get Loop" by id. Items per second through the Get node (its
 * run time as n8n records it) and the CPU n8n adds per item: the n8n process's CPU during the run minus
 * its CPU for the same workflow without the Get node (the input nodes and the execution bookkeeping),
 * divided by N. Rate limit lifted: this measures the node's own cost per item, not the limit.
 */
const { workflows, chain } = require('../workflows');
const { summarize } = require('./s1-return-all');
const { nodeExecutionMs } = require('../lib/bench');

const FIRST_GENERATED_LOOP = 50038;

async function run(bench, { items }) {
	await bench.admin.reset();
	await bench.admin.config({ rateLimit: 1e9, clockScale: 1, rateWindowMs: 60_000 });
	await bench.admin.seedLoops(1001, items);
	const params = { first: FIRST_GENERATED_LOOP, count: items };

	// The input alone (Set + Split Out), to subtract what both sides share.
	const inputOnly = (ctx) => {
		const def = workflows.perItem.dotloop(ctx, params);
		return chain(
			'bench 3: input only',
			def.nodes.slice(0, -1).map(({ id, position, ...n }) => n),
		);
	};
	await bench.fresh();
	const base = await bench.measureManual(inputOnly(bench.ctx));
	if (base.itemsOut !== items)
		throw new Error(`input workflow gave ${base.itemsOut} items, wanted ${items}`);

	const variants = {};
	const extras = {};
	for (const [key, build] of [
		['dotloop', workflows.perItem.dotloop],
		['http', workflows.perItem.http],
	]) {
		await bench.fresh();
		const m = await bench.measureManual(build(bench.ctx, params));
		const ids = new Set(m.output.map((item) => (item.data ? item.data.id : item.id)));
		const v = summarize(m, { expected: items, unique: ids.size });
		const getMs = nodeExecutionMs(m.execution, 'Get Loop');
		v.getNodeMs = getMs;
		v.itemsPerSecond = getMs ? items / (getMs / 1000) : undefined;
		v.addedCpuMsPerItem = Math.max(0, m.cpuMs - base.cpuMs) / items;
		v.cpuMsPerItem = m.cpuMs / items;
		variants[key] = v;
		extras[key] =
			`${Math.round(v.itemsPerSecond)} items/s; +${v.addedCpuMsPerItem.toFixed(2)} ms CPU/item`;
		bench.log(
			`3 per item ${key}: ${m.requests} requests, Get node ${getMs} ms, ${v.itemsPerSecond.toFixed(0)} items/s, +${v.addedCpuMsPerItem.toFixed(3)} ms CPU/item, ${ids.size} loops`,
		);
	}
	return [
		{
			id: '3',
			title: `Per item: ${items.toLocaleString('en-US')} × Get Loop`,
			params: { items, inputOnlyCpuMs: base.cpuMs, inputOnlyWallSeconds: base.wallSeconds },
			variants,
			extras,
			compare: [
				{ key: 'itemsPerSecond', label: 'items/s', better: 'higher' },
				{ key: 'addedCpuMsPerItem', label: 'added CPU/item', better: 'lower' },
				{ key: 'wallSeconds', label: 'wall time', better: 'lower' },
				{ key: 'rssGrowthMb', label: 'peak RSS above idle', better: 'lower' },
				{ key: 'itemsLost', label: 'items lost', better: 'lower', exact: true },
			],
		},
	];
}

module.exports = { run };
