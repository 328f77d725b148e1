'use strict';
/**
 * TCP <-> Unix-socket forwarding between a private network namespace and the host. Unix sockets live in the
 * file system, which both sides share, so they cross network namespaces where TCP cannot.
 *
 * As a module: forward(listen, target) -> net.Server (used on the host side by netns.js).
 * As a script: the process that holds the namespace (started by netns.js through unshare). It reads one
 * JSON command per line on stdin, { id, listen, target } with listen/target = { port } (127.0.0.1) or
 * { socket }, answers { id, ok } or { id, error } on stdout, and exits when stdin closes. Its first line
 * reports what the namespace looks like: { ready, interfaces, resolved: { host: address } }.
 */
const net = require('node:net');

function endpoint(spec) {
	return spec.socket ? { path: spec.socket } : { host: '127.0.0.1', port: spec.port };
}

/** Listen on `listen` and pipe every connection both ways to a new connection to `target`. */
function forward(listen, target) {
	const server = net.createServer((inbound) => {
		const outbound = net.connect(endpoint(target));
		const close = () => {
			inbound.destroy();
			outbound.destroy();
		};
		inbound.on('error', close);
		outbound.on('error', close);
		inbound.pipe(outbound);
		outbound.pipe(inbound);
	});
	return new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(endpoint(listen), () => {
			server.off('error', reject);
			resolve(server);
		});
	});
}

async function holder(hostnames) {
	const os = require('node:os');
	const dns = require('node:dns/promises');
	const readline = require('node:readline');
	const say = (obj) => process.stdout.write(`${JSON.stringify(obj)}\n`);
	const resolved = {};
	for (const host of hostnames) {
		try {
			resolved[host] = (await dns.lookup(host)).address;
		} catch (err) {
			resolved[host] = `error: ${err.code || err.message}`;
		}
	}
	say({ ready: true, interfaces: Object.keys(os.networkInterfaces()), resolved });
	const rl = readline.createInterface({ input: process.stdin });
	rl.on('line', async (line) => {
		let cmd;
		try {
			cmd = JSON.parse(line);
			await forward(cmd.listen, cmd.target);
			say({ id: cmd.id, ok: true });
		} catch (err) {
			say({ id: cmd && cmd.id, error: err.message });
		}
	});
	rl.on('close', () => process.exit(0));
}

if (require.main === module) {
	holder(process.argv.slice(2)).catch((err) => {
		process.stderr.write(`${err.stack}\n`);
		process.exit(1);
	});
}

module.exports = { forward };
