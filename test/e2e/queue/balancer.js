'use strict';
/**
 * The load balancer in front of the webhook processors, as production deployments have one (nginx, HAProxy,
 * Traefik, a cloud LB): Dotloop's deliveries reach it, it passes each to a webhook processor with the fewest
 * requests in flight, never more than `maxConnections` at a time per processor (HAProxy's `maxconn`), and
 * queues the rest in arrival order. A queued request whose sender has given up is dropped, not forwarded
 * (HAProxy's `option abortonclose`): forwarding it would start a run the sender will deliver again.
 *
 * Plain Node, in this process (like the sandbox), 127.0.0.1 only. Bodies pass byte for byte (signatures are
 * computed over the raw body).
 *
 *   const lb = await startBalancer({ upstreams: ['http://127.0.0.1:5679'], maxConnections: 10 });
 *   lb.url, lb.stats() -> { received, forwarded, dropped, failed, maxInFlight, maxQueued }, await lb.stop()
 */
const http = require('node:http');

async function startBalancer({ upstreams, maxConnections = 10, upstreamTimeoutMs = 300_000 } = {}) {
	if (!upstreams || !upstreams.length) throw new Error('startBalancer: upstreams required');
	const backends = upstreams.map((u) => ({ url: new URL(u), inFlight: 0 }));
	const queue = [];
	const stats = { received: 0, forwarded: 0, dropped: 0, failed: 0, maxInFlight: 0, maxQueued: 0 };
	const agent = new http.Agent({ keepAlive: true, maxSockets: maxConnections * backends.length });

	function inFlight() {
		return backends.reduce((n, b) => n + b.inFlight, 0);
	}

	function pump() {
		while (queue.length) {
			const backend = backends
				.filter((b) => b.inFlight < maxConnections)
				.sort((a, b) => a.inFlight - b.inFlight)[0];
			if (!backend) return;
			const job = queue.shift();
			if (job.aborted) {
				stats.dropped++;
				continue;
			}
			forward(backend, job);
		}
	}

	function forward(backend, { req, res, body }) {
		backend.inFlight++;
		stats.forwarded++;
		stats.maxInFlight = Math.max(stats.maxInFlight, inFlight());
		let done = false;
		const finish = () => {
			if (done) return;
			done = true;
			backend.inFlight--;
			setImmediate(pump);
		};
		const headers = {
			...req.headers,
			host: backend.url.host,
			'content-length': String(body.length),
		};
		delete headers.connection;
		delete headers['transfer-encoding'];
		const up = http.request(
			{
				host: backend.url.hostname,
				port: backend.url.port,
				method: req.method,
				path: req.url,
				headers,
				agent,
				timeout: upstreamTimeoutMs,
			},
			(upRes) => {
				res.writeHead(upRes.statusCode, upRes.headers);
				upRes.pipe(res);
				upRes.on('end', finish);
				upRes.on('error', finish);
			},
		);
		up.on('timeout', () => up.destroy(new Error('upstream timeout')));
		up.on('error', (err) => {
			stats.failed++;
			if (!res.headersSent) {
				res.writeHead(502, { 'content-type': 'text/plain' });
				res.end(`bad gateway: ${err.message}`);
			} else res.destroy();
			finish();
		});
		res.on('close', finish);
		up.end(body);
	}

	const server = http.createServer((req, res) => {
		stats.received++;
		const chunks = [];
		req.on('data', (c) => chunks.push(c));
		req.on('error', () => {});
		req.on('end', () => {
			const job = { req, res, body: Buffer.concat(chunks), aborted: false };
			res.on('close', () => {
				if (!res.writableFinished) job.aborted = true;
			});
			queue.push(job);
			stats.maxQueued = Math.max(stats.maxQueued, queue.length);
			pump();
		});
	});
	server.keepAliveTimeout = 5000;
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			server.off('error', reject);
			resolve();
		});
	});
	const { port } = server.address();
	return {
		url: `http://127.0.0.1:${port}`,
		port,
		maxConnections,
		stats: () => ({ ...stats, queued: queue.length, inFlight: inFlight() }),
		resetStats() {
			Object.assign(stats, {
				received: 0,
				forwarded: 0,
				dropped: 0,
				failed: 0,
				maxInFlight: 0,
				maxQueued: 0,
			});
		},
		stop: () =>
			new Promise((resolve) => {
				for (const job of queue.splice(0)) job.res.destroy();
				agent.destroy();
				server.close(() => resolve());
				server.closeAllConnections();
			}),
	};
}

module.exports = { startBalancer };
