'use strict';
/**
 * Detached guard for one process group: `node watchdog.js <parentPid> <childPid> [dirToRemove]`.
 * When the parent (the test process that started the child) is gone — finished, crashed, SIGKILLed, or
 * killed by a Ctrl-C that jest swallowed — it stops the child's process group (SIGTERM, then SIGKILL after
 * 10 s) and removes the directory. Exits by itself as soon as the child is gone.
 */
const fs = require('node:fs');

const [parentPid, childPid] = process.argv.slice(2, 4).map(Number);
const dir = process.argv[4];

function alive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch (err) {
		return err.code === 'EPERM';
	}
}

function signalGroup(sig) {
	try {
		process.kill(-childPid, sig);
	} catch {
		try {
			process.kill(childPid, sig);
		} catch {
			/* gone */
		}
	}
}

function removeDir() {
	if (dir && process.env.E2E_KEEP_TMP !== '1') {
		try {
			fs.rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
		} catch {
			/* best effort */
		}
	}
}

const timer = setInterval(() => {
	if (!alive(childPid)) {
		clearInterval(timer);
		return;
	}
	if (alive(parentPid)) return;
	clearInterval(timer);
	signalGroup('SIGTERM');
	const deadline = Date.now() + 10_000;
	const wait = setInterval(() => {
		if (alive(childPid) && Date.now() < deadline) return;
		clearInterval(wait);
		signalGroup('SIGKILL');
		removeDir();
	}, 100);
}, 500);
