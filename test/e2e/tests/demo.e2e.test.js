'use strict';
/**
 * `npm run demo` (test/e2e/demo.js), proven on the n8n version under test:
 *   - `--check` starts the sandbox and n8n with the package, creates the owner, connects the credential
 *     through the consent page, imports and activates the examples, verifies them (a read-only example runs
 *     with the credential, a sandbox event reaches the trigger example), runs a Code node whose file Write Files
 *     from Disk puts in the files folder (n8n 2.x's ~/.n8n-files), stops everything and exits 0;
 *   - started normally it prints the editor URL, the login and the sandbox URLs; the printed login works in
 *     n8n, the examples are there; SIGTERM (as Ctrl-C) stops n8n and the sandbox and exits 0, leaving no
 *     process, no listening port and no n8n user folder behind.
 * The package tarball of this run is reused (E2E_PACKAGE_TARBALL) instead of building again; ports are free
 * ones (the demo's defaults are 5678 and 4477).
 */
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');
const { spawn } = require('node:child_process');
const {
	freePort,
	packageTarball,
	targetVersion,
	n8nVersions,
	pidAlive,
	request,
	CookieJar,
	waitFor,
} = require('../lib');

const DEMO = path.join(__dirname, '..', 'demo.js');
const children = new Set();

afterAll(() => {
	for (const child of children) {
		try {
			child.kill('SIGKILL');
		} catch {
			/* gone */
		}
	}
});

async function portOpen(port) {
	return await new Promise((resolve) => {
		const sock = net.connect({ port, host: '127.0.0.1' });
		sock.once('connect', () => {
			sock.destroy();
			resolve(true);
		});
		sock.once('error', () => resolve(false));
	});
}

/** Start demo.js; resolves { child, output(), ready (promise of the parsed ready line), exit (promise) }. */
async function startDemo(args = []) {
	const ports = { n8n: await freePort(), sandbox: await freePort() };
	const env = {
		...process.env,
		E2E_PACKAGE_TARBALL: packageTarball(),
		DEMO_N8N_VERSION: targetVersion(),
		DEMO_N8N_PORT: String(ports.n8n),
		DEMO_SANDBOX_PORT: String(ports.sandbox),
	};
	delete env.DEMO_CHECK;
	const child = spawn(process.execPath, [DEMO, ...args], {
		env,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	children.add(child);
	let out = '';
	let resolveReady;
	const ready = new Promise((resolve) => {
		resolveReady = resolve;
	});
	const onData = (d) => {
		out += d.toString();
		const m = /^\[demo\] ready (\{.*\})$/m.exec(out);
		if (m) resolveReady(JSON.parse(m[1]));
	};
	child.stdout.on('data', onData);
	child.stderr.on('data', onData);
	const exit = new Promise((resolve) =>
		child.once('exit', (code, signal) => resolve({ code, signal })),
	);
	exit.then(() => {
		children.delete(child);
		resolveReady(null);
	});
	return { child, ports, output: () => out, ready, exit };
}

function withTimeout(promise, ms, what) {
	let timer;
	return Promise.race([
		promise,
		new Promise(
			(_, reject) =>
				(timer = setTimeout(() => reject(new Error(`${what}: no answer after ${ms} ms`)), ms)),
		),
	]).finally(() => clearTimeout(timer));
}

test('demo --check: starts everything, verifies the examples and the credential, stops, exits 0', async () => {
	const demo = await startDemo(['--check']);
	const { code } = await withTimeout(demo.exit, 240_000, 'demo --check');
	const out = demo.output();
	if (code !== 0) throw new Error(`demo --check exited ${code}:\n${out}`);
	const ready = await demo.ready;
	expect(out).toContain(`n8n editor       http://127.0.0.1:${demo.ports.n8n}/`);
	expect(out).toMatch(/login {12}demo@dotloop-demo\.test \/ \S+/);
	expect(out).toContain(`Dotloop sandbox  http://127.0.0.1:${demo.ports.sandbox}`);
	expect(out).toContain('check: 6 examples imported, 4 active');
	expect(out).toMatch(/check: the credential works/);
	expect(out).toMatch(/check: a loop created in the sandbox reached/);
	// New users fake input with a Code node first, and the archive story writes files to disk.
	expect(out).toContain('check: a Code node (JavaScript) ran');
	expect(out).toContain(
		`check: Write Files from Disk wrote ${ready.filesFolder}/dotloop-demo-check-`,
	);
	expect(out).toContain(`files folder     ${ready.filesFolder}`);
	expect(out).toMatch(/\[demo\] check passed/);
	expect(pidAlive(ready.n8nPid)).toBe(false);
	expect(await portOpen(demo.ports.n8n)).toBe(false);
	expect(await portOpen(demo.ports.sandbox)).toBe(false);
});

// The stop path is the script's own (SIGTERM to n8n's process group, sandbox closed): tested on the version the
// demo runs by default, to keep the suite short; --check runs on every version.
const isDemoDefault = targetVersion() === n8nVersions()[0];
(isDemoDefault ? test : test.skip)(
	'demo: the printed login works, the examples are there; SIGTERM stops n8n and the sandbox cleanly',
	async () => {
		const demo = await startDemo();
		const ready = await withTimeout(demo.ready, 240_000, 'demo start');
		if (!ready) throw new Error(`demo exited before it was ready:\n${demo.output()}`);
		expect(ready.editorUrl).toBe(`http://127.0.0.1:${demo.ports.n8n}/`);
		expect(pidAlive(ready.n8nPid)).toBe(true);

		// What a person does next: open the editor and sign in with the printed login.
		expect((await request(ready.editorUrl)).status).toBe(200);
		const jar = new CookieJar();
		await request(`${ready.editorUrl}rest/login`, {
			method: 'POST',
			json: { emailOrLdapLoginId: ready.email, password: ready.password },
			jar,
			expect: 200,
		});
		const workflows = (await request(`${ready.editorUrl}rest/workflows`, { jar, expect: 200 })).body
			.data;
		expect(workflows.map((w) => w.name).sort()).toEqual(ready.examples.map((e) => e.name).sort());
		const credentials = (await request(`${ready.editorUrl}rest/credentials`, { jar, expect: 200 }))
			.body.data;
		expect(credentials).toEqual([
			expect.objectContaining({ name: 'Dotloop account', type: 'dotloopOAuth2Api' }),
		]);
		expect((await request(`${ready.sandboxUrl}/_sandbox/health`)).status).toBe(200);

		demo.child.kill('SIGTERM');
		const { code } = await withTimeout(demo.exit, 30_000, 'demo stop');
		expect(code).toBe(0);
		expect(demo.output()).toMatch(/\[demo\] SIGTERM: stopping n8n and the sandbox/);
		await waitFor(() => !pidAlive(ready.n8nPid), { timeoutMs: 5000, message: 'n8n gone' });
		expect(await portOpen(demo.ports.n8n)).toBe(false);
		expect(await portOpen(demo.ports.sandbox)).toBe(false);
		expect(fs.existsSync(ready.userFolder)).toBe(false);
	},
);
