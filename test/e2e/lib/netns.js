'use strict';
/**
 * A private network + mount namespace for the processes a test starts in it (needs root, as CI runs):
 * only a loopback interface (nothing can leave the machine), and an /etc/hosts of its own in which the
 * given names resolve to 127.0.0.1 (e.g. registry.npmjs.org, so that n8n's installer, which always asks
 * the public registry, reaches a local one).
 *
 *   const ns = await createNamespace({ dir, hostnames: ['registry.npmjs.org'] });
 *   ns.prefix                      // ['nsenter', '--target=<pid>', '--net', '--mount', '--']: run a command inside
 *   await ns.socketTo(port)        // a Unix socket path on the host that reaches 127.0.0.1:port inside
 *   await ns.exposeToHost(port)    // host 127.0.0.1:port reaches 127.0.0.1:port inside (e.g. n8n's port)
 *   await ns.exposeInside(port)    // 127.0.0.1:port inside reaches the host's 127.0.0.1:port (e.g. the sandbox)
 *   await ns.stop()
 *
 * The namespace is held by netns-bridge.js, started as `unshare --net --mount -- sh -c 'mount --bind <hosts>
 * /etc/hosts && ip link set lo up && exec node netns-bridge.js'`; the forwards run through Unix sockets in
 * `dir` (the file system is shared, the network is not). Host ports keep their number inside, so URLs such
 * as http://127.0.0.1:<port> mean the same thing on both sides.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const readline = require('node:readline');
const { spawn } = require('node:child_process');
const cleanup = require('./cleanup');
const { ensureCommands } = require('./apt');
const { forward } = require('./netns-bridge');

const REQUIRED_COMMANDS = { unshare: 'util-linux', nsenter: 'util-linux', ip: 'iproute2' };

async function createNamespace({ hostnames, log = () => {} }) {
	const tools = ensureCommands(REQUIRED_COMMANDS, { log });
	// Unix socket paths are limited to ~107 bytes: a short folder of its own under the OS temp dir.
	const dir = cleanup.trackDir(fs.mkdtempSync(path.join(os.tmpdir(), 'dl-ns-')));
	const hostsFile = path.join(dir, 'hosts');
	fs.writeFileSync(
		hostsFile,
		['127.0.0.1 localhost', '::1 localhost', ...hostnames.map((h) => `127.0.0.1 ${h}`), ''].join(
			'\n',
		),
	);
	// No DNS server either: 127.0.0.1:53 is closed, so a look-up of any other name fails at once
	// (n8n 1.x otherwise waits out resolver timeouts asking for api.n8n.io).
	const resolvFile = path.join(dir, 'resolv.conf');
	fs.writeFileSync(resolvFile, 'nameserver 127.0.0.1\noptions timeout:1 attempts:1\n');
	const script =
		'mount --bind "$1" /etc/hosts && mount --bind "$2" /etc/resolv.conf && "$3" link set lo up && exec "$4" "$5" "${@:6}"';
	const child = spawn(
		tools.unshare,
		[
			'--net',
			'--mount',
			'--',
			'bash',
			'-c',
			script,
			'bash',
			hostsFile,
			resolvFile,
			tools.ip,
			process.execPath,
			path.join(__dirname, 'netns-bridge.js'),
			...hostnames,
		],
		{ stdio: ['pipe', 'pipe', 'pipe'], detached: true },
	);
	cleanup.track(child, 'network namespace', { dir });
	let stderr = '';
	child.stderr.on('data', (d) => (stderr += d));
	const pending = new Map();
	let onReady;
	const ready = new Promise((resolve, reject) => {
		onReady = resolve;
		child.once('exit', (code) =>
			reject(new Error(`namespace holder exited (${code}) before it was ready: ${stderr}`)),
		);
	});
	readline.createInterface({ input: child.stdout }).on('line', (line) => {
		const msg = JSON.parse(line);
		if (msg.ready) return onReady(msg);
		const waiter = pending.get(msg.id);
		pending.delete(msg.id);
		if (waiter) waiter(msg);
	});
	const info = await ready;
	// The promises made above: nothing but loopback, and the names on 127.0.0.1.
	const wrong = hostnames.filter((h) => info.resolved[h] !== '127.0.0.1');
	if (info.interfaces.join(',') !== 'lo' || wrong.length) {
		await cleanup.stopPid(child.pid, 5000);
		throw new Error(`namespace not as required: ${JSON.stringify(info)}`);
	}

	let nextId = 0;
	const holderCommand = (listen, target) =>
		new Promise((resolve, reject) => {
			nextId += 1;
			pending.set(nextId, (msg) =>
				msg.ok ? resolve() : reject(new Error(`namespace forward failed: ${msg.error}`)),
			);
			child.stdin.write(`${JSON.stringify({ id: nextId, listen, target })}\n`);
		});
	const servers = [];
	const ns = {
		pid: child.pid,
		dir,
		hostsFile,
		prefix: [tools.nsenter, `--target=${child.pid}`, '--net', '--mount', '--'],
		/** A Unix socket on the host side that reaches 127.0.0.1:port inside (e.g. for https.request's socketPath). */
		async socketTo(port) {
			const socket = path.join(dir, `to-ns-${port}.sock`);
			await holderCommand({ socket }, { port });
			return socket;
		},
		async exposeToHost(port) {
			const socket = await ns.socketTo(port);
			servers.push(await forward({ port }, { socket }));
		},
		async exposeInside(port) {
			const socket = path.join(dir, `to-host-${port}.sock`);
			servers.push(await forward({ socket }, { port }));
			await holderCommand({ port }, { socket });
		},
		async stop() {
			for (const server of servers.splice(0)) server.close();
			child.stdin.end();
			await cleanup.stopPid(child.pid, 5000);
			cleanup.removeDir(dir);
		},
	};
	return ns;
}

module.exports = { createNamespace };
