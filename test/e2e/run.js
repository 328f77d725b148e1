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
 */
const fs = require('node:fs');
const path = require('node:path');
const { spawn } = require('node:child_process');
const paths = require('./lib/paths');
const pkg = require('./lib/package');
const cleanup = require('./lib/cleanup');
const { provision } = require('./provision');

const REPO = pkg.REPO_DIR;
const KEEP_RUNS = 5;

function say(msg) {
	process.stdout.write(`[e2e] ${msg}\n`);
}

function makeRunDir() {
	const root = path.join(REPO, '.e2e-work');
	const stamp = new Date().toISOString().replace(/[:.]/g, '-');
	const dir = path.join(root, `run-${stamp}-${process.pid}`);
	fs.mkdirSync(dir, { recursive: true });
	// Keep only the newest runs.
	const runs = fs
		.readdirSync(root)
		.filter((d) => d.startsWith('run-'))
		.sort();
	for (const old of runs.slice(0, Math.max(0, runs.length - KEEP_RUNS))) {
		fs.rmSync(path.join(root, old), { recursive: true, force: true });
	}
	return dir;
}

let jestChild = null;
let runDir = null;
let interrupted = null; // the signal that asked us to stop

function sweep() {
	if (runDir) {
		const killed = cleanup.sweepPidDir(runDir);
		if (killed) say(`stopped ${killed} leftover process(es)`);
	}
}

function runJest(version, tarball, jestArgs) {
	const report = path.join(runDir, `jest-${version}.json`);
	const jestBin = path.join(REPO, 'node_modules', 'jest', 'bin', 'jest.js');
	const args = [
		jestBin,
		'-c',
		path.join(__dirname, 'jest.config.js'),
		'--runInBand',
		'--forceExit',
		'--json',
		`--outputFile=${report}`,
		...jestArgs,
	];
	const env = {
		...process.env,
		E2E_N8N_VERSION: version,
		E2E_PACKAGE_TARBALL: tarball,
		E2E_RUN_DIR: runDir,
		DOTLOOP_E2E_CACHE: paths.cacheDir(),
		NODE24_VERSION: paths.node24Version(),
	};
	const t0 = Date.now();
	return new Promise((resolve) => {
		jestChild = spawn(process.execPath, args, { cwd: REPO, env, stdio: 'inherit' });
		jestChild.on('exit', (code, signal) => {
			jestChild = null;
			sweep();
			const seconds = (Date.now() - t0) / 1000;
			let result = null;
			try {
				result = JSON.parse(fs.readFileSync(report, 'utf8'));
			} catch {
				/* jest crashed before writing its report */
			}
			if (!result) return resolve({ version, passed: 0, failed: 1, skipped: 0, seconds, crashed: `jest exited ${signal || code} without a report` });
			const suiteErrors = result.numRuntimeErrorTestSuites || 0;
			resolve({
				version,
				passed: result.numPassedTests,
				failed: result.numFailedTests + suiteErrors,
				skipped: result.numPendingTests + (result.numTodoTests || 0),
				seconds,
				suiteErrors,
			});
		});
	});
}

async function main() {
	const jestArgs = process.argv.slice(2);
	const versions = paths.n8nVersions();
	const t0 = Date.now();
	runDir = makeRunDir();
	say(`n8n versions: ${versions.join(', ')}; work dir ${path.relative(REPO, runDir)}`);

	if (process.env.E2E_SKIP_BUILD !== '1') pkg.build({ log: say });
	const tarball = pkg.pack(runDir, { log: say });

	const tProv = Date.now();
	await provision({ versions });
	say(`provisioning: ${((Date.now() - tProv) / 1000).toFixed(1)} s`);

	const results = [];
	for (const version of versions) {
		if (interrupted) break;
		say(`--- n8n ${version} ---`);
		results.push(await runJest(version, tarball, jestArgs));
	}
	if (interrupted) {
		say(`interrupted by ${interrupted}`);
		process.stdout.write(`${results.reduce((n, r) => n + r.passed, 0)} passed, ${results.reduce((n, r) => n + r.failed, 0) + 1} failed\n`);
		process.exit(interrupted === 'SIGINT' ? 130 : 143);
	}

	let passed = 0;
	let failed = 0;
	let skipped = 0;
	for (const r of results) {
		passed += r.passed;
		failed += r.failed;
		skipped += r.skipped;
		const extra = r.crashed ? ` (${r.crashed})` : r.suiteErrors ? ` (${r.suiteErrors} suite(s) failed to run)` : '';
		say(`n8n ${r.version}: ${r.passed} passed, ${r.failed} failed${r.skipped ? `, ${r.skipped} skipped` : ''} in ${r.seconds.toFixed(1)} s${extra}`);
	}
	say(`total ${((Date.now() - t0) / 1000).toFixed(1)} s; logs in ${path.relative(REPO, runDir)}/logs`);
	process.stdout.write(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`);
	process.exitCode = failed > 0 || passed === 0 ? 1 : 0;
}

function onSignal(signal) {
	if (interrupted) return;
	interrupted = signal;
	if (!jestChild) {
		// Building, packing or provisioning: provision.js's exit hook stops a running npm install.
		sweep();
		process.exit(signal === 'SIGINT' ? 130 : 143);
	}
	try {
		jestChild.kill(signal);
	} catch {
		/* gone */
	}
	// main() ends the run once jest has exited and its n8n processes are swept; if jest hangs, force it.
	setTimeout(() => {
		if (jestChild && jestChild.pid) {
			try {
				jestChild.kill('SIGKILL');
			} catch {
				/* gone */
			}
		}
		sweep();
		process.exit(signal === 'SIGINT' ? 130 : 143);
	}, 10_000).unref();
}

process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);
process.on('exit', sweep);

main().catch((err) => {
	process.stderr.write(`[e2e] ${err.stack || err.message}\n`);
	process.stdout.write('0 passed, 1 failed\n');
	process.exitCode = 1;
});
