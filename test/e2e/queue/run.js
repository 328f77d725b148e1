#!/usr/bin/env node
'use strict';
/**
 * npm run test:e2e:queue — the package in n8n queue mode:
 *   1. npm run build, npm pack                                   skip the build with E2E_SKIP_BUILD=1
 *   2. provision Node 24 + n8n (QUEUE_N8N_VERSION, default 2.41.1) into the e2e cache (shared with test:e2e)
 *   3. PostgreSQL and Redis from Debian's packages: apt-get install when their binaries are missing, unless
 *      E2E_POSTGRES_URL / E2E_REDIS_URL name servers to use instead (CI's service containers; services.js)
 *   4. jest -c test/e2e/queue/jest.config.js: PostgreSQL + Redis + main + 2 workers + webhook processor +
 *      sandbox + load balancer, the proofs, then everything stopped by PID
 *   5. the measured numbers, the time of each phase, and exactly "N passed, N failed"
 *
 * Extra arguments go to jest (e.g. `npm run test:e2e:queue -- -t burst`).
 * Env: QUEUE_N8N_VERSION, QUEUE_BURST (500), QUEUE_RACE_EXECUTIONS (20), QUEUE_BALANCER_MAX_CONNECTIONS (10),
 * E2E_SKIP_BUILD, E2E_PACKAGE_TARBALL (test this tarball), E2E_KEEP_TMP, DOTLOOP_E2E_CACHE, NODE24_VERSION,
 * E2E_POSTGRES_URL, E2E_REDIS_URL.
 * Work files (tarball, jest report, results, logs of every process): <repo>/.e2e-work/queue-<time>-<pid>/.
 * Work dir, jest, PID sweep, Ctrl-C / SIGTERM and the last line: ../lib/runner.js (shared with ../run.js).
 */
const fs = require('node:fs');
const path = require('node:path');
const pkg = require('../lib/package');
const { createRunner } = require('../lib/runner');
const { provision } = require('../provision');
const services = require('./services');

const REPO = pkg.REPO_DIR;
const VERSION = process.env.QUEUE_N8N_VERSION || '2.41.1';
const runner = createRunner({
	tag: 'e2e:queue',
	runPrefix: 'queue-',
	keepRuns: 3,
	jestConfig: path.join(__dirname, 'jest.config.js'),
	killGraceMs: 15_000,
});
const { say } = runner;

/** The measured numbers the tests wrote (queue-results.json), one line each. */
function printResults() {
	let r;
	try {
		r = JSON.parse(fs.readFileSync(path.join(runner.runDir, 'queue-results.json'), 'utf8'));
	} catch {
		return;
	}
	const s = (x) => (typeof x === 'number' ? `${x.toFixed(1)} s` : '?');
	if (r.clusterStartSeconds) {
		const c = r.clusterStartSeconds;
		say(
			`cluster up in ${s(c.total)} (postgres+redis ${s(c.services)}, main ${s(c.main)}, workers+webhook ${s(c.workersAndWebhook)}); stopped in ${s(r.clusterStopSeconds)}`,
		);
	}
	if (r.operationsPlacement)
		say(
			`1. operations: ${r.operationsPlacement.map((p) => `#${p.id} on ${p.log}`).join(', ')}; same outputs as single-process (${s(r.operationsSeconds)})`,
		);
	if (r.triggerDeliveries)
		say(
			`2. trigger: ${r.triggerDeliveries.executions.length} deliveries, on ${[...new Set(r.triggerDeliveries.executions.map((e) => e.worker))].sort().join(' + ')}; verification ${JSON.stringify(r.triggerDeliveries.verdicts)}`,
		);
	if (r.deactivationSeconds !== undefined)
		say(`3. deactivation / re-activation / deactivation: ${s(r.deactivationSeconds)}`);
	if (r.tokenRace) {
		const t = r.tokenRace;
		say(
			`4. token race: ${t.executions} executions (${JSON.stringify(t.byWorker)}), ${t.rejectedWith401} requests met the expired token within ${t.rejectedWithinMs} ms, refreshes seen by the sandbox: ${t.refreshes}, ${t.failedExecutions && t.failedExecutions.length ? `FAILED executions: ${t.failedExecutions.length}` : 'every execution succeeded'} (${s(t.seconds)})`,
		);
	}
	if (r.burst) {
		const b = r.burst;
		say(
			`5. burst: ${b.deliveries} deliveries, ${b.attempts} attempts (${JSON.stringify(b.responseCodes)}), ${b.executions} executions ${JSON.stringify(b.statuses)}, ${b.distinctEventIds} distinct event ids, ${JSON.stringify(b.byWorker)}; all answered in ${s(b.allAnsweredSeconds)}, all executed in ${s(b.allExecutedSeconds)} (${b.acceptedPerSecond}/s through one webhook processor; first-attempt median ${b.firstAttemptMs.median} ms, max ${b.firstAttemptMs.max} ms, ${b.firstAttemptsOver5s} over Dotloop's 5 s)`,
		);
	}
	if (r.sharedRateLimit) {
		const l = r.sharedRateLimit;
		say(
			`6. shared rate limit: ${l.requests} requests from ${JSON.stringify(l.byWorker)}, ${l.answered429} answered 429 and retried (${s(l.seconds)})`,
		);
	}
	if (r.polling) {
		const p = r.polling;
		say(
			`7. polling: ${p.items} items (${p.distinctLoops} loops) in ${p.executions} executions on ${p.ranOn.join(' + ')}; ${p.pollRequests} poll requests, requests by process ${JSON.stringify(p.requestsByProcess)} (${s(p.seconds)})`,
		);
	}
}

async function main() {
	const jestArgs = process.argv.slice(2);
	const t0 = Date.now();
	const runDir = runner.makeRunDir();
	say(`n8n ${VERSION} in queue mode; work dir ${path.relative(REPO, runDir)}`);
	const phases = {};

	let t = Date.now();
	let tarball = process.env.E2E_PACKAGE_TARBALL;
	if (!tarball) {
		if (process.env.E2E_SKIP_BUILD !== '1') pkg.build({ log: say });
		tarball = pkg.pack(runDir, { log: say });
	}
	phases.buildAndPack = (Date.now() - t) / 1000;

	t = Date.now();
	await provision({ versions: [VERSION] });
	phases.provision = (Date.now() - t) / 1000;

	t = Date.now();
	const installed = services.ensureInstalled({ log: say });
	phases.services = (Date.now() - t) / 1000;
	say(
		`PostgreSQL: ${installed.pgBin}, Redis: ${installed.redisBin}${installed.installed.length ? ` (installed ${installed.installed.join(', ')})` : ''}`,
	);

	if (runner.interrupted) return;
	t = Date.now();
	const r = await runner.runJest({ version: VERSION, tarball, jestArgs, report: 'jest.json' });
	phases.suite = (Date.now() - t) / 1000;
	if (runner.interrupted) runner.exitInterrupted([r]);
	printResults();
	const total = (Date.now() - t0) / 1000;
	say(
		`time: build+pack ${phases.buildAndPack.toFixed(1)} s, provision ${phases.provision.toFixed(1)} s, postgres/redis check ${phases.services.toFixed(1)} s, suite ${phases.suite.toFixed(1)} s; total ${total.toFixed(1)} s`,
	);
	if (r.crashed) say(r.crashed);
	say(`logs of every process in ${path.relative(REPO, runDir)}/logs`);
	runner.finish(r);
}

runner.start(main);
