'use strict';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Poll fn() until it returns a truthy value (returned) or timeoutMs passes (throws with `message` and the
 * last value / error seen).
 */
async function waitFor(fn, { timeoutMs = 30_000, intervalMs = 200, message = 'condition' } = {}) {
	const deadline = Date.now() + timeoutMs;
	let last;
	let lastErr;
	for (;;) {
		try {
			last = await fn();
			lastErr = undefined;
			if (last) return last;
		} catch (err) {
			lastErr = err;
		}
		if (Date.now() > deadline) {
			const detail = lastErr
				? `last error: ${lastErr.message}`
				: `last value: ${JSON.stringify(last)}`;
			throw new Error(`timed out after ${timeoutMs} ms waiting for ${message} (${detail})`);
		}
		await sleep(intervalMs);
	}
}

/** Log to stderr with a timestamp (jest shows it; keeps stdout clean for run.js's summary). */
function log(msg) {
	process.stderr.write(`[e2e ${new Date().toISOString().slice(11, 23)}] ${msg}\n`);
}

module.exports = { sleep, waitFor, log };
