'use strict';
/**
 * 7. Polling for changed loops, with the Dotloop Polling Trigger (Loop Updated) and with the workflow a
 * user builds without it: Schedule → HTTP Request (loops updated in the last 10 minutes, every page) →
 * Split Out → Remove Duplicates across executions (test/bench/workflows.js). Both poll every few seconds
 * (the same interval) against the same profile.
 *
 *   quiet      `quietPolls` poll intervals with nothing changed: API requests and n8n CPU per poll;
 *   catch-up   N loops changed at once (written straight into the sandbox's store between two polls, so
 *              no poll sees half of them): requests until all N were emitted, against ⌈N/100⌉, and the
 *              items emitted (each change once: N distinct, no duplicates);
 *   quiet after  the same quiet measurement once the N changes are behind: the baseline's window still
 *              holds them and reads them again on every poll until they are 10 minutes old.
 *
 * 7s. Loop Status Changed on a brokerage's profile (`statusLoops` loops, 14,000 of 20,000 SOLD: the
 * sandbox's large account) against the same hand-built workflow: requests per quiet poll and the bytes
 * of static data n8n stores for the workflow after activation and after the quiet polls.
 */
const { workflows } = require('../workflows');
const { ProcessMonitor } = require('../lib/proc');
const { sleep } = require('../lib/bench');
const { second } = require('../../sandbox/clock');

const OUTPUT = { dotloop: 'Dotloop Polling Trigger', http: 'Remove Duplicates' };

async function allExecutionIds(n8n, workflowId) {
	const ids = [];
	let cursor;
	for (let page = 0; page < 100; page++) {
		const qs = new URLSearchParams({ workflowId: String(workflowId), limit: '250' });
		if (cursor) qs.set('cursor', cursor);
		const body = await n8n.api('GET', `/executions?${qs}`);
		ids.push(...body.data.filter((e) => e.stoppedAt).map((e) => e.id));
		cursor = body.nextCursor;
		if (!cursor) break;
	}
	return ids;
}

/** Items the workflow emitted so far (its last node's output over every execution). */
async function emitted(bench, workflowId, nodeName, cache) {
	for (const id of await allExecutionIds(bench.n8n, workflowId)) {
		if (cache.has(id)) continue;
		const execution = await bench.n8n.waitForExecution(id);
		cache.set(id, bench.n8n.nodeOutput(execution, nodeName) || []);
	}
	return [...cache.values()].flat();
}

async function quiet(bench, polls, interval) {
	const seq = await bench.admin.lastSeq();
	const monitor = new ProcessMonitor(bench.n8n.pid).start();
	await sleep(polls * interval * 1000);
	const proc = monitor.stop();
	const api = (await bench.admin.requests({ since: seq })).filter((e) =>
		e.path.startsWith('/public/v2'),
	);
	return {
		requestsPerPoll: api.length / polls,
		cpuMsPerPoll: proc.cpuMs / polls,
		otherCores: proc.otherCores,
		peakRssMb: proc.peakRssMb,
		baselineRssMb: proc.baselineRssMb,
		rssGrowthMb: proc.growthMb,
	};
}

/** Rename `count` loops of the profile in one go, as Dotloop would stamp them (whole seconds). */
function changeLoops(bench, loopIds, tag) {
	const now = second(Date.now());
	for (const id of loopIds) {
		const loop = bench.sandbox.store.loops.get(id);
		loop.name = `${tag} ${id}`;
		loop.updated = now;
	}
}

async function measure(bench, key, { changes, interval, quietPolls, loopIds }) {
	await bench.fresh();
	const def = workflows.polling[key](bench.ctx, { seconds: interval });
	const wf = await bench.create(def);
	const activation = await bench.n8n.activate(wf.id);
	if (!activation.ok)
		throw new Error(`${key}: activation failed: ${activation.error || activation.status}`);
	await sleep(2 * interval * 1000);
	const before = await quiet(bench, quietPolls, interval);

	const cache = new Map();
	const already = (await emitted(bench, wf.id, OUTPUT[key], cache)).length;
	const tag = `bench 7 ${key} ${Date.now().toString(36)}`;
	const seq = await bench.admin.lastSeq();
	const monitor = new ProcessMonitor(bench.n8n.pid).start();
	changeLoops(bench, loopIds, tag);
	const deadline = Date.now() + 180_000;
	let items = [];
	for (;;) {
		items = (await emitted(bench, wf.id, OUTPUT[key], cache)).slice(already);
		if (items.length >= changes || Date.now() > deadline) break;
		await sleep(250);
	}
	const proc = monitor.stop();
	const catchUpRequests = (await bench.admin.requests({ since: seq })).filter((e) =>
		e.path.startsWith('/public/v2'),
	).length;
	await sleep(interval * 1000);
	const after = await quiet(bench, quietPolls, interval);
	items = (await emitted(bench, wf.id, OUTPUT[key], cache))
		.slice(already)
		.filter((i) => String(i.name).startsWith(tag));
	await bench.n8n.deactivate(wf.id);

	const distinct = new Set(items.map((i) => i.id)).size;
	const v = {
		workflowId: wf.id,
		expectedItems: changes,
		itemsOut: items.length,
		duplicates: items.length - distinct,
		itemsLost: changes - distinct,
		quietRequestsPerPoll: before.requestsPerPoll,
		quietCpuMsPerPoll: before.cpuMsPerPoll,
		catchUpRequests,
		catchUpFloor: Math.ceil(changes / 100),
		catchUpCpuMs: proc.cpuMs,
		quietAfterRequestsPerPoll: after.requestsPerPoll,
		quietAfterCpuMsPerPoll: after.cpuMsPerPoll,
		requests: catchUpRequests,
		peakRssMb: Math.max(before.peakRssMb, proc.peakRssMb, after.peakRssMb),
		baselineRssMb: before.baselineRssMb,
		rssGrowthMb: Math.max(before.rssGrowthMb, proc.growthMb, after.rssGrowthMb),
		cpuMs: proc.cpuMs,
		otherCores: Math.max(before.otherCores, proc.otherCores, after.otherCores),
	};
	bench.log(
		`7 ${key}: quiet ${v.quietRequestsPerPoll.toFixed(2)} req/poll, ${v.quietCpuMsPerPoll.toFixed(0)} ms CPU/poll; catch-up ${changes}: ${catchUpRequests} requests (floor ${v.catchUpFloor}), ${distinct} distinct, ${v.duplicates} duplicates; quiet after: ${v.quietAfterRequestsPerPoll.toFixed(2)} req/poll`,
	);
	return v;
}

/** The workflow's static data as n8n stored it: its JSON length in bytes (0 when it has none). */
async function staticDataBytes(bench, workflowId) {
	const wf = await bench.n8n.api('GET', `/workflows/${workflowId}`);
	return wf.staticData ? JSON.stringify(wf.staticData).length : 0;
}

async function measureStatus(bench, key, { interval, quietPolls }) {
	await bench.fresh();
	const def = workflows.polling[key](bench.ctx, { seconds: interval, event: 'loopStatusChanged' });
	const wf = await bench.create(def);
	const seq = await bench.admin.lastSeq();
	const activation = await bench.n8n.activate(wf.id);
	if (!activation.ok)
		throw new Error(`7s ${key}: activation failed: ${activation.error || activation.status}`);
	await sleep(2 * interval * 1000);
	const firstPollRequests = (await bench.admin.requests({ since: seq })).filter((e) =>
		e.path.startsWith('/public/v2'),
	).length;
	const bytesAfterActivation = await staticDataBytes(bench, wf.id);
	const q = await quiet(bench, quietPolls, interval);
	const bytesAfterQuiet = await staticDataBytes(bench, wf.id);
	await bench.n8n.deactivate(wf.id);
	const v = {
		workflowId: wf.id,
		firstPollRequests,
		quietRequestsPerPoll: q.requestsPerPoll,
		quietCpuMsPerPoll: q.cpuMsPerPoll,
		staticDataBytes: bytesAfterQuiet,
		staticDataBytesAfterActivation: bytesAfterActivation,
		requests: q.requestsPerPoll,
		peakRssMb: q.peakRssMb,
		baselineRssMb: q.baselineRssMb,
		rssGrowthMb: q.rssGrowthMb,
		cpuMs: q.cpuMsPerPoll,
		otherCores: q.otherCores,
	};
	bench.log(
		`7s ${key}: first polls ${firstPollRequests} requests; quiet ${v.quietRequestsPerPoll.toFixed(2)} req/poll; static data ${bytesAfterActivation} B after activation, ${bytesAfterQuiet} B after ${quietPolls} quiet polls`,
	);
	return v;
}

/**
 * 7 (dates). Loop Date Approaching on a brokerage's profile: `loops` loops, `sold` of them SOLD, the rest
 * over the other statuses of section 17.1.3 (sandbox POST /_sandbox/seed/large-account), some closing
 * in the coming weeks. The Polling Trigger (defaults: Within Days 14, closed loops left out) against
 * Schedule → HTTP Request of every loop in progress with details → Filter → Remove Duplicates, both
 * every `interval` seconds:
 *   first poll   requests of the activation poll (the trigger's daily full read costs the same);
 *   quiet        requests and n8n CPU per poll, executions started per poll, with nothing changed;
 *   state        the workflow's static data after the quiet polls, in bytes of JSON.
 */
async function measureDates(bench, key, { interval, quietPolls, withinDays }) {
	await bench.fresh();
	const wf = await bench.create(workflows.dates[key](bench.ctx, { seconds: interval, withinDays }));
	const seq = await bench.admin.lastSeq();
	const activation = await bench.n8n.activate(wf.id);
	if (!activation.ok)
		throw new Error(`${key} dates: activation failed: ${activation.error || activation.status}`);
	// The activation poll (the Polling Trigger) or the first scheduled run (the baseline) and one more.
	await sleep(2 * interval * 1000);
	const quietFrom = await bench.admin.lastSeq();
	const firstPoll = (await bench.admin.requests({ since: seq })).filter(
		(e) => e.path.startsWith('/public/v2') && e.seq <= quietFrom,
	);
	const executionsBefore = (await allExecutionIds(bench.n8n, wf.id)).length;
	const q = await quiet(bench, quietPolls, interval);
	const executions = (await allExecutionIds(bench.n8n, wf.id)).length - executionsBefore;
	const staticData = (await bench.n8n.getWorkflow(wf.id)).staticData;
	await bench.n8n.deactivate(wf.id);
	// Full reads: the list filtered on the statuses in progress (the trigger's feed filters on updated_min).
	const fullReads = firstPoll.filter((e) =>
		String(e.query.filter || '').startsWith('transaction_status='),
	);
	const runs = fullReads.filter((e) => e.query.batch_number === '1').length;
	const v = {
		workflowId: wf.id,
		firstPollRequests: runs ? fullReads.length / runs : 0,
		quietRequestsPerPoll: q.requestsPerPoll,
		quietCpuMsPerPoll: q.cpuMsPerPoll,
		executionsPerQuietPoll: executions / quietPolls,
		staticDataBytes: staticData ? JSON.stringify(staticData).length : 0,
		requests: q.requestsPerPoll,
		peakRssMb: q.peakRssMb,
		baselineRssMb: q.baselineRssMb,
		rssGrowthMb: q.rssGrowthMb,
		cpuMs: q.cpuMsPerPoll,
		otherCores: q.otherCores,
	};
	bench.log(
		`7 dates ${key}: first poll ${v.firstPollRequests} requests; quiet ${v.quietRequestsPerPoll.toFixed(2)} req/poll, ${v.quietCpuMsPerPoll.toFixed(0)} ms CPU/poll, ${v.executionsPerQuietPoll.toFixed(2)} executions/poll; static data ${v.staticDataBytes} bytes`,
	);
	return v;
}

async function statusRow(bench, { statusLoops, interval, quietPolls, only }) {
	await bench.admin.reset();
	await bench.admin.config({ rateLimit: 1e9, clockScale: 1, rateWindowMs: 60_000 });
	await bench.admin.call('POST', '/seed/large-account', {
		profileId: 1001,
		loops: statusLoops,
		sold: Math.round(statusLoops * 0.7),
		contacts: 0,
	});
	const variants = {};
	for (const key of ['dotloop', 'http']) {
		if (only.includes(key))
			variants[key] = await measureStatus(bench, key, { interval, quietPolls });
	}
	const extras = {};
	for (const [key, v] of Object.entries(variants)) {
		extras[key] =
			`quiet ${v.quietRequestsPerPoll.toFixed(2)} req per poll; static data ${v.staticDataBytes} bytes (${v.staticDataBytesAfterActivation} after activation); activation and first polls ${v.firstPollRequests} requests`;
	}
	return {
		id: '7s',
		title: `Polling: Loop Status Changed on a ${statusLoops.toLocaleString('en-US')}-loop profile (70% SOLD, every ${interval} s)`,
		params: { statusLoops, intervalSeconds: interval, quietPolls },
		variants,
		variantLabels: { http: 'Schedule + HTTP Request + Remove Duplicates' },
		extras,
		compare: [
			{ key: 'quietRequestsPerPoll', label: 'requests per quiet poll', better: 'lower' },
			{ key: 'staticDataBytes', label: 'static-data bytes', better: 'lower' },
		],
		failures: [],
	};
}

async function runDates(bench, { loops, sold, upcoming, withinDays, interval, quietPolls }) {
	await bench.admin.reset();
	await bench.admin.config({ rateLimit: 1e9, clockScale: 1, rateWindowMs: 60_000 });
	const seeded = await bench.admin.call('POST', '/seed/large-account', {
		profileId: 1001,
		loops,
		sold,
		upcoming,
		contacts: 0,
	});
	bench.log(`7 dates: seeded ${JSON.stringify(seeded.loops.statuses)} in ${seeded.durationMs} ms`);
	const variants = {};
	for (const key of ['dotloop', 'http'])
		variants[key] = await measureDates(bench, key, { interval, quietPolls, withinDays });
	const extras = {};
	for (const [key, v] of Object.entries(variants)) {
		extras[key] =
			`first poll ${v.firstPollRequests} requests; quiet ${v.quietRequestsPerPoll.toFixed(2)} req, ${v.quietCpuMsPerPoll.toFixed(0)} ms CPU and ${v.executionsPerQuietPoll.toFixed(2)} executions per poll; static data ${v.staticDataBytes} bytes`;
	}
	const failures = [];
	if (variants.dotloop.quietRequestsPerPoll > 1)
		failures.push(
			`Loop Date Approaching made ${variants.dotloop.quietRequestsPerPoll} requests per quiet poll (1 expected)`,
		);
	return [
		{
			id: '7d',
			title: `Polling: Loop Date Approaching on ${loops.toLocaleString('en-US')} loops, ${sold.toLocaleString('en-US')} SOLD (every ${interval} s)`,
			params: { loops, sold, upcoming, withinDays, intervalSeconds: interval, quietPolls },
			variants,
			variantLabels: { http: 'Schedule + HTTP Request + Filter + Remove Duplicates' },
			extras,
			compare: [
				{ key: 'quietRequestsPerPoll', label: 'requests per quiet poll', better: 'lower' },
				{ key: 'firstPollRequests', label: 'requests of a full read', better: 'lower' },
				{ key: 'quietCpuMsPerPoll', label: 'n8n CPU per quiet poll', better: 'lower' },
				{ key: 'executionsPerQuietPoll', label: 'executions per quiet poll', better: 'lower' },
				{ key: 'staticDataBytes', label: 'static data (bytes)', better: 'lower' },
			],
			failures,
		},
	];
}

async function run(bench, options) {
	const { parts = ['status', 'updated', 'dates'], variants: only = ['dotloop', 'http'] } = options;
	const { interval, quietPolls, statusLoops = 0, changes = 0 } = options;
	const rows = [];
	if (parts.includes('status') && statusLoops > 0)
		rows.push(await statusRow(bench, { statusLoops, interval, quietPolls, only }));
	if (parts.includes('updated') && changes > 0) rows.push(...(await runUpdated(bench, options)));
	if (parts.includes('dates') && options.dates)
		rows.push(...(await runDates(bench, { ...options.dates, interval, quietPolls })));
	return rows;
}

async function runUpdated(
	bench,
	{ changes, interval, quietPolls, variants: only = ['dotloop', 'http'] },
) {
	await bench.admin.reset();
	await bench.admin.config({ rateLimit: 1e9, clockScale: 1, rateWindowMs: 60_000 });
	await bench.admin.seedLoops(1001, changes);
	const loopIds = (await bench.admin.state()).loops
		.filter((l) => l.profileId === 1001 && l.id > 50037)
		.map((l) => l.id)
		.slice(0, changes);
	const variants = {};
	for (const key of ['dotloop', 'http']) {
		if (only.includes(key))
			variants[key] = await measure(bench, key, { changes, interval, quietPolls, loopIds });
	}
	const failures = [];
	const d = variants.dotloop;
	if (d && (d.itemsLost || d.duplicates))
		failures.push(
			`the Polling Trigger lost ${d.itemsLost} and duplicated ${d.duplicates} of ${changes} changes`,
		);
	const extras = {};
	for (const [key, v] of Object.entries(variants)) {
		extras[key] =
			`quiet ${v.quietRequestsPerPoll.toFixed(2)} req and ${v.quietCpuMsPerPoll.toFixed(0)} ms CPU per poll; catch-up ${v.catchUpRequests} requests (⌈N/100⌉ = ${v.catchUpFloor}); quiet after ${v.quietAfterRequestsPerPoll.toFixed(2)} req per poll; ${v.duplicates} duplicates`;
	}
	return [
		{
			id: '7',
			title: `Polling: quiet polls and catching up ${changes.toLocaleString('en-US')} changed loops (every ${interval} s)`,
			params: { changes, intervalSeconds: interval, quietPolls },
			variants,
			variantLabels: { http: 'Schedule + HTTP Request + Remove Duplicates' },
			extras,
			compare: [
				{ key: 'itemsLost', label: 'changes lost', better: 'lower', exact: true },
				{ key: 'duplicates', label: 'changes emitted twice', better: 'lower', exact: true },
				{ key: 'quietRequestsPerPoll', label: 'requests per quiet poll', better: 'lower' },
				{ key: 'quietCpuMsPerPoll', label: 'n8n CPU per quiet poll', better: 'lower' },
				{ key: 'catchUpRequests', label: `requests to catch up ${changes}`, better: 'lower' },
				{
					key: 'quietAfterRequestsPerPoll',
					label: 'requests per quiet poll after the changes',
					better: 'lower',
				},
			],
			failures,
		},
	];
}

module.exports = { run };
