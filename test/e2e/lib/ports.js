'use strict';
// Free TCP ports on 127.0.0.1, chosen by the kernel so concurrent runs do not collide.
const net = require('node:net');

/** Ports handed out by this process, so two calls never return the same one before it is bound. */
const handedOut = new Set();

function probe() {
	return new Promise((resolve, reject) => {
		const srv = net.createServer();
		srv.unref();
		srv.on('error', reject);
		srv.listen({ port: 0, host: '127.0.0.1', exclusive: true }, () => {
			const { port } = srv.address();
			srv.close(() => resolve(port));
		});
	});
}

/** One free port on 127.0.0.1 (not previously returned by this process). */
async function freePort() {
	for (let i = 0; i < 50; i++) {
		const port = await probe();
		if (!handedOut.has(port)) {
			handedOut.add(port);
			return port;
		}
	}
	throw new Error('could not find a free port');
}

/** n distinct free ports. */
async function freePorts(n) {
	const out = [];
	for (let i = 0; i < n; i++) out.push(await freePort());
	return out;
}

/** Resolve when something accepts TCP connections on 127.0.0.1:port (or reject after timeoutMs). */
async function waitForPort(port, timeoutMs = 30_000) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const ok = await new Promise((resolve) => {
			const sock = net.connect({ port, host: '127.0.0.1' });
			sock.once('connect', () => {
				sock.destroy();
				resolve(true);
			});
			sock.once('error', () => resolve(false));
		});
		if (ok) return;
		if (Date.now() > deadline)
			throw new Error(`nothing listens on 127.0.0.1:${port} after ${timeoutMs} ms`);
		await new Promise((r) => setTimeout(r, 100));
	}
}

module.exports = { freePort, freePorts, waitForPort };
