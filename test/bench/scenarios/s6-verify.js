'use strict';
/**
 * 6. Signature verification alone: verifications per second of the node's verifier (the compiled
 * dist/nodes/Dotloop/webhookTrigger/signature.js of the package installed in n8n) on 2 KB bodies, under the
 * Node that runs n8n, against the check a user without the package would write in a Code node: HMAC-SHA1
 * hex digest of `${timestamp}.${body}` compared with ===. The node's verifier also parses and bounds the
 * timestamp and compares in constant time, which the naive check does not.
 */
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const paths = require('../../e2e/lib/paths');

async function run(bench, { seconds }) {
	const signaturePath = path.join(
		bench.n8n.installedPackage.dir,
		'dist',
		'nodes',
		'Dotloop',
		'webhookTrigger',
		'signature.js',
	);
	const out = execFileSync(
		paths.nodeBin(),
		[path.join(__dirname, '..', 'lib', 'verify-worker.js'), signaturePath, '2048', String(seconds)],
		{
			encoding: 'utf8',
			timeout: 120_000,
		},
	);
	const r = JSON.parse(out);
	if (r.error) throw new Error(r.error);
	bench.log(
		`6 verify: node ${Math.round(r.node)}/s, naive ${Math.round(r.naive)}/s (${r.bodyBytes} B bodies, Node ${r.nodeVersion})`,
	);
	return [
		{
			id: '6',
			title: 'Signature verification alone, 2 KB bodies',
			params: {
				bodyBytes: r.bodyBytes,
				seconds,
				node: r.nodeVersion,
				rounds: { node: r.nodeRates, naive: r.naiveRates },
			},
			variants: {
				dotloop: { verificationsPerSecond: r.node, itemsLost: 0 },
				http: { verificationsPerSecond: r.naive, itemsLost: 0 },
			},
			variantLabels: { dotloop: 'Dotloop verifier', http: 'naive Code-node check' },
			extras: {
				dotloop: `${Math.round(r.node).toLocaleString('en-US')} verifications/s (constant-time compare, timestamp window)`,
				http: `${Math.round(r.naive).toLocaleString('en-US')} verifications/s (=== on hex strings)`,
			},
			compare: [{ key: 'verificationsPerSecond', label: 'verifications/s', better: 'higher' }],
		},
	];
}

module.exports = { run };
