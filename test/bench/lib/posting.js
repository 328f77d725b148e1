'use strict';
/** Posting to n8n's webhook URLs the way the webhook scenarios load them. */
const { sleep } = require('./bench');

/**
 * Open loop: call `start(k)` for k = 0 … count − 1 at `rate` per second from now, whether or not the
 * earlier calls have finished; resolves with their results, in schedule order.
 */
async function atRate(count, rate, start) {
	const interval = 1000 / rate;
	const t0 = performance.now();
	const pending = [];
	for (let k = 0; k < count; k++) {
		const wait = t0 + k * interval - performance.now();
		if (wait > 1) await sleep(wait);
		pending.push(start(k));
	}
	return await Promise.all(pending);
}

/**
 * One POST with a JSON body; never throws. `status` is 0 when no answer came within `timeoutMs` (or
 * the connection failed); `ms` is the time from sending until the whole answer was read.
 */
async function postWebhook(url, body, { headers = {}, timeoutMs }) {
	const started = performance.now();
	try {
		const res = await fetch(url, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json', ...headers },
			body,
			signal: AbortSignal.timeout(timeoutMs),
		});
		await res.arrayBuffer();
		return { status: res.status, ms: performance.now() - started };
	} catch (err) {
		return { status: 0, ms: performance.now() - started, error: err.message };
	}
}

module.exports = { atRate, postWebhook };
