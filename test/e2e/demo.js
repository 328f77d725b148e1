#!/usr/bin/env node
'use strict';
/**
 * npm run demo — a real n8n with this package, wired to the local Dotloop sandbox, ready to click through:
 *
 *   1. build + pack the package (skip with E2E_PACKAGE_TARBALL=<tgz>, or E2E_SKIP_BUILD=1 to pack dist/ as is)
 *   2. provision Node 24 + n8n into the cache (about 5 minutes the first time, instant afterwards)
 *   3. start the sandbox (port 4477) and n8n (port 5678) with the package installed as a community node
 *   4. create the owner account, a Dotloop credential connected through the sandbox's real consent page
 *      (approved by this script, as a person would), and import the example workflows of test/examples;
 *      the ones started by a trigger or webhook are activated
 *   5. print the editor URL, the login and the sandbox URLs, and wait; Ctrl-C (or SIGTERM) stops n8n and the
 *      sandbox and exits 0. A second Ctrl-C kills at once.
 *
 * node test/e2e/demo.js --check (or DEMO_CHECK=1): the same start, then verify the examples are imported,
 * the credential works (a read-only example runs), a sandbox event reaches the activated trigger example, and
 * a Code node runs and Write Files from Disk writes into the files folder, then stop. Exit 0 when everything passed.
 *
 * Code nodes run: the other suites start n8n with N8N_RUNNERS_MODE=external and no runner (they run no
 * Code node); the demo runs n8n 2.x's JavaScript task runner inside n8n (N8N_RUNNERS_MODE=internal: n8n
 * starts the runner as its own child process, no launcher needed). n8n 1.x runs Code nodes in its own
 * process unless N8N_RUNNERS_ENABLED=true, so the setting changes nothing there.
 *
 * Files: n8n 2.x lets Read/Write Files from Disk use only the folders of N8N_RESTRICT_FILE_ACCESS_TO, by
 * default ~/.n8n-files of the user running n8n, and only once that folder exists (1.x has no such default).
 * The demo creates that folder and prints it.
 *
 * Environment: DEMO_N8N_PORT (5678), DEMO_SANDBOX_PORT (4477) — 0 picks free ports; DEMO_N8N_VERSION (the first
 * of N8N_VERSIONS, i.e. 2.41.1); DEMO_OWNER_EMAIL, DEMO_OWNER_PASSWORD. Each run starts from a fresh n8n user
 * folder and freshly seeded sandbox data; nothing is kept after it stops (except the n8n log).
 *
 * n8n tells Dotloop an https webhook URL (https://hooks.example.test/) as Dotloop requires; the sandbox
 * delivers webhooks for that host to this n8n (its webhookOrigin), so the trigger examples work locally.
 * n8n 2.x takes the test URLs ("Test this trigger") from N8N_WEBHOOK_URL only (WEBHOOK_URL sets production
 * URLs alone there; 1.x reads WEBHOOK_URL for both), so the demo sets both.
 *
 * The sandbox's data is dated relative to the demo's start, so the examples that read recent changes
 * (contact sync: the last 25 hours) find some on their first run.
 */
const fs = require('node:fs');
const os = require('node:os');
const net = require('node:net');
const path = require('node:path');
const paths = require('./lib/paths');
const pkg = require('./lib/package');
const cleanup = require('./lib/cleanup');
const { provision } = require('./provision');
const { startN8n } = require('./lib/n8n');
const { startSandbox } = require('./lib/sandbox');
const { credentialsOverwrite, connectedDotloopCredential } = require('./lib/dotloop');
const { importExamples, nodeOfType } = require('./lib/examples');
const { freePort } = require('./lib/ports');
const { waitFor } = require('./lib/util');

const CHECK = process.argv.includes('--check') || process.env.DEMO_CHECK === '1';
const VERSION = process.env.DEMO_N8N_VERSION || paths.n8nVersions()[0];
const OWNER = {
	email: process.env.DEMO_OWNER_EMAIL || 'demo@dotloop-demo.test',
	password: process.env.DEMO_OWNER_PASSWORD || 'Dotloop-Demo-1',
	firstName: 'Demo',
	lastName: 'Owner',
};
const CREDENTIAL_NAME = 'Dotloop account';
const DEMO_WEBHOOK_URL = 'https://hooks.example.test/';
/** n8n 2.x's default N8N_RESTRICT_FILE_ACCESS_TO: "~" is the home of the user running n8n (the demo's own). */
const FILES_FOLDER = path.join(os.homedir(), '.n8n-files');

function say(msg = '') {
	process.stdout.write(`${msg}\n`);
}
function step(msg) {
	say(`[demo] ${msg}`);
}

/** The port from env (default when unset, a free one for 0); refuse a port something already listens on. */
async function portFrom(name, fallback) {
	const raw = process.env[name];
	const port = raw === undefined || raw === '' ? fallback : Number(raw);
	if (!Number.isInteger(port) || port < 0 || port > 65535)
		throw new Error(`${name}=${raw} is not a port number`);
	if (port === 0) return await freePort();
	const free = await new Promise((resolve) => {
		const srv = net.createServer();
		srv.once('error', () => resolve(false));
		srv.listen({ port, host: '127.0.0.1', exclusive: true }, () => srv.close(() => resolve(true)));
	});
	if (!free)
		throw new Error(
			`port ${port} is already in use: stop what listens there, or set ${name} to another port (0 = any free port)`,
		);
	return port;
}

let n8n = null;
let sandbox = null;

async function stopAll(reason) {
	if (reason) step(`${reason}: stopping n8n and the sandbox`);
	const t0 = Date.now();
	if (n8n) await n8n.stop().catch(() => {});
	if (sandbox) await sandbox.stop().catch(() => {});
	n8n = null;
	sandbox = null;
	step(`stopped in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

async function start() {
	const t0 = Date.now();
	const n8nPort = await portFrom('DEMO_N8N_PORT', 5678);
	const sandboxPort = await portFrom('DEMO_SANDBOX_PORT', 4477);

	let tarball = process.env.E2E_PACKAGE_TARBALL;
	if (!tarball) {
		if (process.env.E2E_SKIP_BUILD !== '1') pkg.build({ log: step });
		const packDir = cleanup.trackDir(fs.mkdtempSync(path.join(os.tmpdir(), 'dotloop-demo-pack-')));
		tarball = pkg.pack(packDir, { log: step });
	}
	await provision({ versions: [VERSION] });

	sandbox = await startSandbox({
		port: sandboxPort,
		autoApprove: false,
		webhookOrigin: `http://127.0.0.1:${n8nPort}`,
		seedNow: Date.now(),
		quiet: true,
	});
	step(`sandbox on ${sandbox.url}`);
	fs.mkdirSync(FILES_FOLDER, { recursive: true });
	const logDir = process.env.E2E_RUN_DIR
		? path.join(process.env.E2E_RUN_DIR, 'logs')
		: path.join(pkg.REPO_DIR, '.e2e-work', 'demo-logs');
	step(`starting n8n ${VERSION} on port ${n8nPort} (about 10 s)`);
	n8n = await startN8n({
		version: VERSION,
		port: n8nPort,
		packageTarball: tarball,
		credentialsOverwrite: credentialsOverwrite(sandbox),
		env: { N8N_WEBHOOK_URL: DEMO_WEBHOOK_URL, N8N_RUNNERS_MODE: 'internal' },
		webhookUrl: DEMO_WEBHOOK_URL,
		logDir,
	});
	const loadErrors = n8n.packageLoadErrors();
	if (loadErrors.length)
		throw new Error(`n8n could not load the package:\n${loadErrors.join('\n')}`);
	await n8n.setupOwner(OWNER);
	await n8n.login();
	await n8n.createApiKey('demo');

	step('connecting the Dotloop credential through the sandbox consent page');
	const { credential } = await connectedDotloopCredential(n8n, sandbox, { name: CREDENTIAL_NAME });
	const examples = await importExamples(n8n, { id: credential.id, name: CREDENTIAL_NAME });
	for (const ex of examples.filter((e) => e.activatable)) {
		await n8n.activate(ex.id);
		ex.active = true;
	}
	return { n8nPort, credential, examples, seconds: (Date.now() - t0) / 1000 };
}

function banner({ examples, seconds }) {
	const lead = examples.find((e) => e.slug === 'lead-to-loop-it');
	const leadPath = lead && nodeOfType(lead.workflow, '.webhook').parameters.path;
	say('');
	say(
		`Dotloop demo is running: n8n ${VERSION} with ${n8n.installedPackage.name} ${n8n.installedPackage.version} (ready in ${seconds.toFixed(0)} s)`,
	);
	say('');
	say(`  n8n editor       ${n8n.baseUrl}/`);
	say(`  login            ${OWNER.email} / ${OWNER.password}`);
	say(
		`  credential       "${CREDENTIAL_NAME}" (connected through the sandbox's OAuth consent page)`,
	);
	say(
		`  workflows        ${examples.map((e) => `${e.workflow.name}${e.active ? ' [active]' : ''}`).join('\n                   ')}`,
	);
	say('');
	say(
		`  Dotloop sandbox  ${sandbox.url}  (API ${sandbox.apiBaseUrl}, consent page ${sandbox.url}/oauth/authorize)`,
	);
	say(
		`  sandbox state    ${sandbox.url}/_sandbox/state   requests: ${sandbox.url}/_sandbox/requests`,
	);
	say(`  files folder     ${FILES_FOLDER}  (where Read/Write Files from Disk may read and write)`);
	say(`  n8n log          ${n8n.logFile}`);
	say('');
	say('Try it:');
	if (leadPath) {
		say(
			`  lead -> Loop-It       curl -s -X POST ${n8n.baseUrl}/webhook/${leadPath} -H 'content-type: application/json' \\`,
		);
		say(
			`                          -d '{"firstName":"Jane","lastName":"Doe","email":"jane@example.com","streetNumber":"1","streetName":"Main St","city":"Austin","state":"TX","zipCode":"78701"}'`,
		);
	}
	say(
		`  new loop -> notify    curl -s -X POST ${sandbox.url}/_sandbox/simulate -H 'content-type: application/json' -d '{"action":"createLoop","name":"1 Main St"}'`,
	);
	say(
		`  participant changes   curl -s -X POST ${sandbox.url}/_sandbox/simulate -H 'content-type: application/json' \\`,
	);
	say(
		`                          -d '{"action":"addParticipant","loopId":50001,"fullName":"Pat Buyer","email":"pat@example.com","role":"BUYER"}'`,
	);
	say(
		'  PDF upload, contact sync: open the workflow and click "Execute workflow".   Then see Executions.',
	);
	say('');
	say('Ctrl-C stops n8n and the sandbox.');
	// One machine-readable line (used by the e2e test of this script).
	step(
		`ready ${JSON.stringify({ editorUrl: `${n8n.baseUrl}/`, n8nPid: n8n.pid, n8nPort: n8n.port, userFolder: n8n.userFolder, filesFolder: FILES_FOLDER, sandboxUrl: sandbox.url, email: OWNER.email, password: OWNER.password, examples: examples.map((e) => ({ name: e.workflow.name, active: Boolean(e.active) })) })}`,
	);
}

/** --check: the examples are there, the credential works, a sandbox event reaches the trigger example. */
async function check({ examples }) {
	const t0 = Date.now();
	const listed = (await n8n.api('GET', '/workflows?limit=100')).data;
	for (const ex of examples) {
		const found = listed.find((w) => w.id === ex.id);
		if (!found || found.name !== ex.workflow.name)
			throw new Error(`example "${ex.workflow.name}" is not in n8n`);
		if (Boolean(found.active) !== Boolean(ex.active))
			throw new Error(
				`example "${ex.workflow.name}" active=${found.active}, expected ${Boolean(ex.active)}`,
			);
	}
	step(
		`check: ${examples.length} examples imported, ${examples.filter((e) => e.active).length} active`,
	);

	const sync = examples.find((e) => e.slug === 'sync-contacts');
	const run = await n8n.runWorkflow(sync.id, 'Run manually');
	if (run.status !== 'success')
		throw new Error(
			`"${sync.workflow.name}" ended ${run.status}: ${JSON.stringify(n8n.executionError(run))}`,
		);
	const records = n8n.nodeOutput(run, 'CRM record') || [];
	if (records.length === 0)
		throw new Error(
			`"${sync.workflow.name}" found no contact changed in the last 25 hours on its first run`,
		);
	step(
		`check: the credential works ("${sync.workflow.name}" ran: ${records.length} changed contacts)`,
	);

	const subscriptions = (await sandbox.admin.state()).subscriptions;
	const triggers = examples.filter((e) => e.active && nodeOfType(e.workflow, 'dotloopTrigger'));
	if (subscriptions.length !== triggers.length)
		throw new Error(
			`${subscriptions.length} webhook subscriptions for ${triggers.length} active trigger examples`,
		);
	const notify = examples.find((e) => e.slug === 'new-loop-notify');
	const loop = await sandbox.admin.simulate({
		action: 'createLoop',
		name: 'Demo check: 1 Main St',
	});
	const [execution] = await n8n.waitForExecutions(notify.id, { count: 1, timeoutMs: 20_000 });
	const [message] = n8n.nodeOutput(execution, 'Notification') || [];
	if (!message || !String(message.text).includes(loop.name))
		throw new Error(
			`"${notify.workflow.name}" did not produce the notification: ${JSON.stringify(message)}`,
		);
	step(`check: a loop created in the sandbox reached "${notify.workflow.name}": ${message.text}`);
	await waitFor(async () => (await n8n.listExecutions({ workflowId: notify.id })).length === 1, {
		timeoutMs: 2000,
		message: 'one execution',
	});
	await checkCodeAndFiles();
	step(`check passed in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

/**
 * What a new user does first: fake input with a Code node, and keep a file on disk. A Code node (JavaScript)
 * makes an item with a small text file, Write Files from Disk puts it in the files folder; read back, removed.
 */
async function checkCodeAndFiles() {
	const text = `Dotloop demo check ${new Date().toISOString()}`;
	const file = path.join(FILES_FOLDER, `dotloop-demo-check-${process.pid}-${Date.now()}.txt`);
	const jsCode = [
		`const text = ${JSON.stringify(text)};`,
		"return [{ json: { loopId: 50001, text }, binary: { data: { data: Buffer.from(text).toString('base64'), mimeType: 'text/plain', fileName: 'check.txt' } } }];",
	].join('\n');
	const { workflow, execution } = await n8n.runNodes(
		[
			{ name: 'Fake input', type: 'n8n-nodes-base.code', typeVersion: 2, parameters: { jsCode } },
			{
				name: 'Write to disk',
				type: 'n8n-nodes-base.readWriteFile',
				typeVersion: 1,
				parameters: { operation: 'write', fileName: file, dataPropertyName: 'data' },
			},
		],
		{ name: 'Demo check: Code node and files folder', timeoutMs: 90_000 },
	);
	try {
		if (execution.status !== 'success')
			throw new Error(
				`the Code node workflow ended ${execution.status}: ${JSON.stringify(n8n.executionError(execution))}`,
			);
		const [made] = n8n.nodeOutput(execution, 'Fake input') || [];
		if (!made || made.loopId !== 50001 || made.text !== text)
			throw new Error(`the Code node gave ${JSON.stringify(made)}`);
		step('check: a Code node (JavaScript) ran');
		const written = fs.readFileSync(file, 'utf8');
		if (written !== text) throw new Error(`${file} holds ${JSON.stringify(written)}`);
		step(`check: Write Files from Disk wrote ${file}`);
	} finally {
		fs.rmSync(file, { force: true });
		await n8n.deleteWorkflow(workflow.id).catch(() => {});
	}
}

async function main() {
	// Ctrl-C / SIGTERM: stop n8n (SIGTERM to its process group) and the sandbox, then exit 0.
	cleanup.onSignal(async (signal) => {
		await stopAll(signal);
		return 0;
	});
	let started;
	try {
		started = await start();
	} catch (err) {
		process.stderr.write(`[demo] could not start: ${err.message}\n`);
		await stopAll();
		process.exit(1);
	}
	if (CHECK) {
		let code = 0;
		try {
			banner(started);
			await check(started);
		} catch (err) {
			process.stderr.write(`[demo] check FAILED: ${err.stack || err.message}\n`);
			code = 1;
		}
		await stopAll('check done');
		process.exit(code);
	}
	banner(started);
	// Keep running until a signal arrives (the handler above exits).
	setInterval(() => {}, 1 << 30);
}

main();
