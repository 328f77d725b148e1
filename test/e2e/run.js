#!/usr/bin/env node
'use strict';
/**
 * npm run test:e2e — the end-to-end suite against real n8n, once per version:
 *   1. npm run build, npm pack (the artifact users download)        skip build with E2E_SKIP_BUILD=1
 *   2. provision Node 24 + each n8n version (cached, see provision.js)
 *   3. jest -c test/e2e/jest.config.js --runInBand, once per version in N8N_VERSIONS (default 2.41.1,1.123.81)
 *   4. one summary line per version, then exactly "N passed, N failed"
 *
 * Extra arguments go to jest (e.g. `npm run test:e2e -- oauth` runs only matching files).
 * Env passed to the tests: E2E_N8N_VERSION, E2E_PACKAGE_TARBALL, E2E_RUN_DIR, DOTLOOP_E2E_CACHE, NODE24_VERSION.
 * Work files (tarball, jest reports, n8n logs): <repo>/.e2e-work/run-<time>-<pid>/ (git-ignored; the newest
 * runs are kept). E2E_KEEP_TMP=1 keeps n8n user folders too.
 * Work dir, jest, PID sweep, Ctrl-C / SIGTERM and the last line: lib/runner.js (shared with queue/run.js).
 */
const path = require('node:path');
const paths = require('./lib/paths');
const pkg = require('./lib/package');
const { createRunner } = require('./lib/runner');
const { provision } = require('./provision');

const REPO = pkg.REPO_DIR;
const runner = createRunner({
	tag: 'e2e',
	runPrefix: 'run-',
	keepRuns: 5,
	jestConfig: path.join(__dirname, 'jest.config.js'),
	killGraceMs: 10_000,
});
const { say } = runner;

async function main() {
	const jestArgs = process.argv.slice(2);
	const versions = paths.n8nVersions();
	const t0 = Date.now();
	const runDir = runner.makeRunDir();
	say(`n8n versions: ${versions.join(', ')}; work dir ${path.relative(REPO, runDir)}`);

	if (process.env.E2E_SKIP_BUILD !== '1') pkg.build({ log: say });
	const tarball = pkg.pack(runDir, { log: say });

	const tProv = Date.now();
	// n8n from a Docker image (lib/docker.js): only Node 24 (the harness's SQLite reader) is provisioned.
	await provision({ versions: process.env.E2E_N8N_DOCKER_IMAGE ? [] : versions });
	say(`provisioning: ${((Date.now() - tProv) / 1000).toFixed(1)} s`);

	const results = [];
	for (const version of versions) {
		if (runner.interrupted) break;
		say(`--- n8n ${version} ---`);
		results.push(
			await runner.runJest({ version, tarball, jestArgs, report: `jest-${version}.json` }),
		);
	}
	if (runner.interrupted) runner.exitInterrupted(results);

	let passed = 0;
	let failed = 0;
	let skipped = 0;
	for (const r of results) {
		passed += r.passed;
		failed += r.failed;
		skipped += r.skipped;
		const extra = r.crashed
			? ` (${r.crashed})`
			: r.suiteErrors
				? ` (${r.suiteErrors} suite(s) failed to run)`
				: '';
		say(
			`n8n ${r.version}: ${r.passed} passed, ${r.failed} failed${r.skipped ? `, ${r.skipped} skipped` : ''} in ${r.seconds.toFixed(1)} s${extra}`,
		);
	}
	say(
		`total ${((Date.now() - t0) / 1000).toFixed(1)} s; logs in ${path.relative(REPO, runDir)}/logs`,
	);
	runner.finish({ passed, failed, skipped });
}

runner.start(main);
