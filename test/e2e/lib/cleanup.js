'use strict';
/**
 * Process and temp-dir bookkeeping, so nothing outlives a run (normal end, failure, Ctrl-C, SIGTERM).
 *
 * - track(child): the child was spawned `detached` (own process group); on exit/signal the whole group
 *   gets SIGTERM, then SIGKILL if it lingers.
 * - A PID file per tracked process goes to $E2E_RUN_DIR/pids/ when that is set (run.js sets it), so the
 *   outer runner can still stop them if this process (e.g. a jest worker) dies without cleaning up.
 * - A detached watchdog (watchdog.js) per tracked process stops it if this process disappears without
 *   cleaning up (jest does not always run our signal handlers, e.g. on Ctrl-C; SIGKILL runs nothing).
 * - trackDir(dir): removed on exit unless E2E_KEEP_TMP=1.
 */
const fs = require('node:fs');
const path = require('node:path');
const { spawn } = require('node:child_process');

const children = new Map(); // pid -> { label, pidFile }
const dirs = new Set();
const hooks = new Set();
let installed = false;

function pidAlive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch (err) {
		return err.code === 'EPERM';
	}
}

function killGroup(pid, signal) {
	try {
		process.kill(-pid, signal);
		return true;
	} catch {
		try {
			process.kill(pid, signal);
			return true;
		} catch {
			return false;
		}
	}
}

function pidDir() {
	return process.env.E2E_RUN_DIR ? path.join(process.env.E2E_RUN_DIR, 'pids') : null;
}

/** Start the watchdog for child (optionally removing dir when it has to step in). */
function guard(child, dir) {
	const args = [path.join(__dirname, 'watchdog.js'), String(process.pid), String(child.pid)];
	if (dir) args.push(dir);
	const dog = spawn(process.execPath, args, { detached: true, stdio: 'ignore' });
	dog.unref();
}

/** opts.dir: a directory the watchdog removes if it has to stop the process. */
function track(child, label, opts = {}) {
	install();
	guard(child, opts.dir);
	let pidFile = null;
	const dir = pidDir();
	if (dir) {
		fs.mkdirSync(dir, { recursive: true });
		pidFile = path.join(dir, String(child.pid));
		fs.writeFileSync(pidFile, JSON.stringify({ pid: child.pid, label, owner: process.pid }));
	}
	children.set(child.pid, { label, pidFile });
	child.once('exit', () => untrack(child.pid));
	return child;
}

function untrack(pid) {
	const entry = children.get(pid);
	if (!entry) return;
	children.delete(pid);
	if (entry.pidFile) fs.rmSync(entry.pidFile, { force: true });
}

/** SIGTERM the group, wait up to graceMs for the leader to go, then SIGKILL. */
async function stopPid(pid, graceMs = 10_000) {
	if (!pidAlive(pid)) {
		untrack(pid);
		return;
	}
	killGroup(pid, 'SIGTERM');
	const deadline = Date.now() + graceMs;
	while (pidAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
	if (pidAlive(pid)) killGroup(pid, 'SIGKILL');
	// Reap stragglers of the group (task runners etc.).
	killGroup(pid, 'SIGKILL');
	untrack(pid);
}

function trackDir(dir) {
	install();
	dirs.add(dir);
	return dir;
}

function removeDir(dir) {
	dirs.delete(dir);
	if (process.env.E2E_KEEP_TMP === '1') return;
	try {
		fs.rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
	} catch {
		/* best effort */
	}
}

/** Register a synchronous function to run at exit (e.g. stopping an in-process server's sockets). */
function onExit(fn) {
	install();
	hooks.add(fn);
	return () => hooks.delete(fn);
}

/** Synchronous: used from 'exit' and signal handlers. */
function killAllSync() {
	for (const fn of hooks) {
		try {
			fn();
		} catch {
			/* ignore */
		}
	}
	hooks.clear();
	for (const pid of [...children.keys()]) {
		killGroup(pid, 'SIGKILL');
		untrack(pid);
	}
	for (const dir of [...dirs]) removeDir(dir);
}

/** Stop every PID recorded in <runDir>/pids (used by run.js after its jest child ended). */
function sweepPidDir(runDir) {
	const dir = path.join(runDir, 'pids');
	let killed = 0;
	let files = [];
	try {
		files = fs.readdirSync(dir);
	} catch {
		return 0;
	}
	for (const f of files) {
		const pid = Number(f);
		if (pid && pidAlive(pid)) {
			killGroup(pid, 'SIGKILL');
			killed++;
		}
		fs.rmSync(path.join(dir, f), { force: true });
	}
	return killed;
}

let signalHandler = null;
let stopping = false;

/**
 * Replace the default reaction to SIGINT/SIGTERM/SIGHUP (kill every tracked process, exit at once) with an
 * async, graceful stop — the demo's Ctrl-C. handler(signal) stops things in order and resolves the exit
 * code; whatever is still tracked afterwards (or after graceMs, or on a second signal) is killed.
 */
function onSignal(handler, { graceMs = 30_000 } = {}) {
	install();
	signalHandler = { handler, graceMs };
}

function handleSignal(sig) {
	const code = sig === 'SIGINT' ? 130 : 143;
	const finish = (exitCode) => {
		killAllSync();
		process.exit(exitCode);
	};
	if (!signalHandler || stopping) return finish(code); // no graceful stop wanted, or a second Ctrl-C
	stopping = true;
	setTimeout(() => finish(code), signalHandler.graceMs).unref();
	Promise.resolve()
		.then(() => signalHandler.handler(sig))
		.then(
			(exitCode) => finish(typeof exitCode === 'number' ? exitCode : code),
			() => finish(code),
		);
}

function install() {
	if (installed) return;
	installed = true;
	process.once('exit', killAllSync);
	for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => handleSignal(sig));
}

module.exports = {
	track,
	untrack,
	stopPid,
	trackDir,
	removeDir,
	onExit,
	onSignal,
	killAllSync,
	sweepPidDir,
	pidAlive,
};
