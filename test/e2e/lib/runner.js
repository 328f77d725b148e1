'use strict';
/**
 * What the two e2e runners share: test/e2e/run.js (npm run test:e2e) and test/e2e/queue/run.js
 * (npm run test:e2e:queue).
 *
 *   const runner = createRunner({ tag, runPrefix, keepRuns, jestConfig, killGraceMs });
 *   runner.start(main);
 *
 * - say(msg): "[<tag>] msg" on stdout.
 * - makeRunDir(): <repo>/.e2e-work/<runPrefix><time>-<pid>/, keeping the newest keepRuns folders of that prefix;
 *   it becomes the run's work dir (runner.runDir) for runJest and the PID sweep.
 * - runJest({ version, tarball, jestArgs, report }): jest -c <jestConfig> --runInBand --forceExit --json into
 *   <runDir>/<report>, with E2E_N8N_VERSION, E2E_PACKAGE_TARBALL, E2E_RUN_DIR, DOTLOOP_E2E_CACHE and
 *   NODE24_VERSION set; resolves { version, passed, failed, skipped, seconds, suiteErrors } or, without a
 *   report, { version, passed: 0, failed: 1, skipped: 0, seconds, crashed }.
 * - sweep(): stop every process still recorded in <runDir>/pids (cleanup.sweepPidDir); after each jest run
 *   and at exit.
 * - SIGINT / SIGTERM: passed on to jest (SIGKILLed after killGraceMs), then swept; without a jest child the
 *   runner sweeps and exits at once. runner.interrupted names the signal; exitInterrupted(results) prints
 *   "interrupted by <signal>" and "N passed, N+1 failed" and exits 130 (SIGINT) or 143 (SIGTERM).
 * - finish({ passed, failed, skipped }): the last line "N passed, N failed[, N skipped]"; exit code 1 when
 *   something failed or nothing passed.
 * - start(main): installs the signal and exit handlers, runs main(); a throw prints the stack on stderr and
 *   "0 passed, 1 failed" (exit code 1).
 *
 * Requiring this file does nothing by itself.
 */
const fs = require('node:fs');
const path = require('node:path');
const { spawn } = require('node:child_process');
const paths = require('./paths');
const pkg = require('./package');
const cleanup = require('./cleanup');

const REPO = pkg.REPO_DIR;

function signalExitCode(signal) {
	return signal === 'SIGINT' ? 130 : 143;
}

/**
 * opts: tag (say's prefix, "e2e"), runPrefix (work folder prefix, "run-"), keepRuns (how many such folders
 * stay), jestConfig (path of the jest config), killGraceMs (how long jest gets after a signal).
 */
function createRunner({ tag, runPrefix, keepRuns, jestConfig, killGraceMs }) {
	let jestChild = null;
	let runDir = null;
	let interrupted = null; // the signal that asked us to stop

	function say(msg) {
		process.stdout.write(`[${tag}] ${msg}\n`);
	}

	function makeRunDir() {
		const root = path.join(REPO, '.e2e-work');
		const stamp = new Date().toISOString().replace(/[:.]/g, '-');
		const dir = path.join(root, `${runPrefix}${stamp}-${process.pid}`);
		fs.mkdirSync(dir, { recursive: true });
		// Keep only the newest runs.
		const runs = fs
			.readdirSync(root)
			.filter((d) => d.startsWith(runPrefix))
			.sort();
		for (const old of runs.slice(0, Math.max(0, runs.length - keepRuns))) {
			fs.rmSync(path.join(root, old), { recursive: true, force: true });
		}
		runDir = dir;
		return dir;
	}

	function sweep() {
		if (!runDir) return;
		const killed = cleanup.sweepPidDir(runDir);
		if (killed) say(`stopped ${killed} leftover process(es)`);
	}

	function runJest({ version, tarball, jestArgs, report: reportName }) {
		const report = path.join(runDir, reportName);
		const args = [
			path.join(REPO, 'node_modules', 'jest', 'bin', 'jest.js'),
			'-c',
			jestConfig,
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
				if (!result)
					return resolve({
						version,
						passed: 0,
						failed: 1,
						skipped: 0,
						seconds,
						crashed: `jest exited ${signal || code} without a report`,
					});
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

	/** After jest ended on a signal: the interrupted run's counts (+1 failed) and exit 130/143. */
	function exitInterrupted(results) {
		say(`interrupted by ${interrupted}`);
		const passed = results.reduce((n, r) => n + r.passed, 0);
		const failed = results.reduce((n, r) => n + r.failed, 0) + 1;
		process.stdout.write(`${passed} passed, ${failed} failed\n`);
		process.exit(signalExitCode(interrupted));
	}

	/** The last line, exactly "N passed, N failed[, N skipped]", and the exit code. */
	function finish({ passed, failed, skipped }) {
		process.stdout.write(
			`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`,
		);
		process.exitCode = failed > 0 || passed === 0 ? 1 : 0;
	}

	function onSignal(signal) {
		if (interrupted) return;
		interrupted = signal;
		if (!jestChild) {
			// Building, packing, provisioning or installing: provision.js's exit hook stops a running npm install.
			sweep();
			process.exit(signalExitCode(signal));
		}
		try {
			jestChild.kill(signal);
		} catch {
			/* gone */
		}
		// main() ends the run once jest has exited and its processes are swept; if jest hangs, force it.
		setTimeout(() => {
			if (jestChild && jestChild.pid) {
				try {
					jestChild.kill('SIGKILL');
				} catch {
					/* gone */
				}
			}
			sweep();
			process.exit(signalExitCode(signal));
		}, killGraceMs).unref();
	}

	function start(main) {
		process.on('SIGINT', onSignal);
		process.on('SIGTERM', onSignal);
		process.on('exit', sweep);

		main().catch((err) => {
			process.stderr.write(`[${tag}] ${err.stack || err.message}\n`);
			process.stdout.write('0 passed, 1 failed\n');
			process.exitCode = 1;
		});
	}

	return {
		say,
		makeRunDir,
		sweep,
		runJest,
		exitInterrupted,
		finish,
		start,
		get runDir() {
			return runDir;
		},
		get interrupted() {
			return interrupted;
		},
	};
}

module.exports = { createRunner };
