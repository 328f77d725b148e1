'use strict';
/**
 * Scenario 6's measurement, run as its own process under the Node that runs n8n (Node 24):
 *   node verify-worker.js <path of the packed package's dist/nodes/Dotloop/webhookTrigger/signature.js> <bodyBytes> <seconds>
 * Prints JSON: verifications per second of the node's verifyDotloopSignature and of the check a user
 * would write in a Code node (HMAC hex digest compared with ===), on the same 2 KB body, key and
 * timestamp. Both are checked to accept the valid signature and refuse a forged one first.
 */
const crypto = require('node:crypto');

const [signaturePath, bodyBytesArg, secondsArg] = process.argv.slice(2);
const { verifyDotloopSignature } = require(signaturePath);
const bodyBytes = Number(bodyBytesArg) || 2048;
const seconds = Number(secondsArg) || 1;

// A delivery-shaped JSON body padded to exactly bodyBytes.
const base = {
	eventId: crypto.randomUUID(),
	createdOn: '2025-06-01T12:00:00Z',
	subscriptionId: crypto.randomUUID(),
	profileId: '1001',
	eventType: 'LOOP_UPDATED',
	event: { id: '50001' },
	note: '',
};
const empty = Buffer.byteLength(JSON.stringify(base));
base.note = 'x'.repeat(Math.max(0, bodyBytes - empty));
const rawBody = Buffer.from(JSON.stringify(base));
const signingKey = crypto.randomBytes(32).toString('hex'); // what the Dotloop Trigger generates
const now = Date.now();
const timestamp = String(now);
const signature = crypto
	.createHmac('sha1', signingKey)
	.update(`${timestamp}.${rawBody}`)
	.digest('hex');
const forged = crypto
	.createHmac('sha1', `${signingKey}x`)
	.update(`${timestamp}.${rawBody}`)
	.digest('hex');

const node = (sig) =>
	verifyDotloopSignature({ rawBody, timestamp, signature: sig, signingKey, now, maxAgeMs: 300_000 })
		.ok;
const naive = (sig) =>
	crypto
		.createHmac('sha1', signingKey)
		.update(`${timestamp}.${rawBody.toString('utf8')}`)
		.digest('hex') === sig;

for (const [name, fn] of [
	['node', node],
	['naive', naive],
]) {
	if (fn(signature) !== true || fn(forged) !== false) {
		process.stdout.write(JSON.stringify({ error: `${name} verifier gives wrong answers` }));
		process.exit(1);
	}
}

function rate(fn, ms) {
	let n = 0;
	let sink = 0;
	const end = performance.now() + ms;
	while (performance.now() < end) {
		for (let i = 0; i < 200; i++) sink += fn(signature) ? 1 : 0;
		n += 200;
	}
	if (sink !== n) throw new Error('verification failed during the run');
	return n / (ms / 1000);
}

// Warm up both, then alternate rounds so neither profits from running later.
rate(node, 200);
rate(naive, 200);
const rounds = 5;
const nodeRates = [];
const naiveRates = [];
for (let r = 0; r < rounds; r++) {
	nodeRates.push(rate(node, (seconds * 1000) / rounds));
	naiveRates.push(rate(naive, (seconds * 1000) / rounds));
}
const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
process.stdout.write(
	JSON.stringify({
		bodyBytes: rawBody.length,
		node: median(nodeRates),
		naive: median(naiveRates),
		nodeRates,
		naiveRates,
		nodeVersion: process.version,
	}),
);
