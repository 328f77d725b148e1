#!/usr/bin/env node
'use strict';
/**
 * npm run docs:screenshots — the README's pictures, taken from the running demo with headless Chromium.
 *
 *   1. starts what `npm run demo` starts (same harness calls, on free ports): the package built and packed,
 *      the Dotloop sandbox, n8n 2.41.1 with the package, the owner, a Dotloop credential connected through
 *      the sandbox's consent page, the example workflows of test/examples (trigger ones activated)
 *   2. installs Debian's Chromium if /usr/bin/chromium is missing (apt-get, as root), launches it headless
 *      and lets it reach nothing but 127.0.0.1
 *   3. logs into the editor as the owner and takes, at 1440×900 and device scale 1 (cropped):
 *        node-operations.png     the node creator's Dotloop actions (viewport 1440×1320: down to the Loop actions)
 *        loop-get-many.png       Loop → Get Many's parameters: profile picked from the list, Return All,
 *                                Updated Since, Transaction Types
 *        dotloop-node.png        the whole window: that node panel after "Execute step", the sandbox loops as JSON
 *        trigger-parameters.png  the Dotloop Trigger's parameters (version 2): events, profile
 *        example-<file>.png      each workflow of test/examples on the canvas
 *   4. writes them to test/docs/images/ (only once every picture was taken, so a failed run changes
 *      nothing; example-*.png of examples that no longer exist are removed), stops everything, exits 0.
 *
 * On failure: exit 1, the page at that moment in /tmp/dotloop-docs-failure-<pid>.png, n8n's log kept.
 * Environment: E2E_SKIP_BUILD=1 (pack dist/ as it is), E2E_PACKAGE_TARBALL=<tgz>, DEMO_N8N_VERSION,
 * DOCS_CHROMIUM (another Chromium binary), DOCS_OUT_DIR (another output folder).
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const paths = require('../e2e/lib/paths');
const pkg = require('../e2e/lib/package');
const cleanup = require('../e2e/lib/cleanup');
const { provision } = require('../e2e/provision');
const { startN8n } = require('../e2e/lib/n8n');
const { startSandbox } = require('../e2e/lib/sandbox');
const { credentialsOverwrite, connectedDotloopCredential } = require('../e2e/lib/dotloop');
const { importExamples } = require('../e2e/lib/examples');
const { freePort } = require('../e2e/lib/ports');
const { ensureChromium, launchChromium } = require('./lib/chromium');
const ed = require('./lib/editor');

const { T } = ed;
const VERSION = process.env.DEMO_N8N_VERSION || paths.n8nVersions()[0];
const OUT_DIR = path.resolve(process.env.DOCS_OUT_DIR || path.join(__dirname, 'images'));
const OWNER = {
	email: 'demo@dotloop-demo.test',
	password: 'Dotloop-Demo-1',
	firstName: 'Demo',
	lastName: 'Owner',
};
const CREDENTIAL_NAME = 'Dotloop account';
const VIEWPORT = { width: 1440, height: 900 };
/** What the pictures show (sandbox seed data). */
const PROFILE = 'Brian Erwin (INDIVIDUAL';
const LOOP_FILTERS = {
	updatedSince: '2024-07-01 00:00:00',
	transactionTypes: ['Listing For Sale', 'Purchase Offer'],
};
const TRIGGER_EVENTS = ['Loop Updated', 'Loop Participant Created'];

const T0 = Date.now();
const secs = (t0 = T0) => `${((Date.now() - t0) / 1000).toFixed(1)} s`;
function step(msg) {
	process.stdout.write(`[docs ${secs()}] ${msg}\n`);
}

// ---------------------------------------------------------------- the demo stack (as test/e2e/demo.js)

const started = { n8n: null, sandbox: null, browser: null };

async function startDemo() {
	let tarball = process.env.E2E_PACKAGE_TARBALL;
	if (!tarball) {
		if (process.env.E2E_SKIP_BUILD !== '1') pkg.build({ log: step });
		const packDir = cleanup.trackDir(fs.mkdtempSync(path.join(os.tmpdir(), 'dotloop-docs-pack-')));
		tarball = pkg.pack(packDir, { log: step });
	}
	await provision({ versions: [VERSION] });
	const n8nPort = await freePort();
	const sandbox = await startSandbox({
		port: 0,
		autoApprove: false,
		webhookOrigin: `http://127.0.0.1:${n8nPort}`,
		quiet: true,
	});
	started.sandbox = sandbox;
	step(`sandbox on ${sandbox.url}; starting n8n ${VERSION} on port ${n8nPort}`);
	const logDir = path.join(pkg.REPO_DIR, '.e2e-work', 'docs-logs');
	const n8n = await startN8n({
		version: VERSION,
		port: n8nPort,
		packageTarball: tarball,
		credentialsOverwrite: credentialsOverwrite(sandbox),
		logDir,
	});
	started.n8n = n8n;
	const loadErrors = n8n.packageLoadErrors();
	if (loadErrors.length)
		throw new Error(`n8n could not load the package:\n${loadErrors.join('\n')}`);
	await n8n.setupOwner(OWNER);
	await n8n.login();
	await n8n.createApiKey('docs');
	const { credential } = await connectedDotloopCredential(n8n, sandbox, { name: CREDENTIAL_NAME });
	const examples = await importExamples(n8n, { id: credential.id, name: CREDENTIAL_NAME });
	for (const ex of examples.filter((e) => e.activatable)) await n8n.activate(ex.id);
	step(
		`n8n ready with the credential and ${examples.length} examples (${examples.filter((e) => e.activatable).length} active)`,
	);
	return { n8n, sandbox, examples };
}

async function stopAll() {
	const { browser, n8n, sandbox } = started;
	started.browser = started.n8n = started.sandbox = null;
	if (browser) await browser.close().catch(() => {});
	if (n8n) await n8n.stop().catch(() => {});
	if (sandbox) await sandbox.stop().catch(() => {});
}

// ---------------------------------------------------------------- pictures

/** Pictures taken so far: name -> PNG buffer (written at the end). */
const shots = new Map();

async function shoot(page, name, clip, { blur = true } = {}) {
	ed.assertEditor(page);
	// No focus ring or hover-only controls (Fixed/Expression) on the last field touched.
	if (blur)
		await page.evaluate(
			() => document.activeElement && document.activeElement.blur && document.activeElement.blur(),
		);
	await ed.closeToasts(page);
	await ed.imagesLoaded(page);
	await ed.parkMouse(page);
	shots.set(
		name,
		await page.screenshot({ type: 'png', clip, animations: 'disabled', caret: 'hide' }),
	);
	step(`took ${name} (${clip.width}×${clip.height})`);
}

/**
 * Open a workflow the way a person does, from the workflow list (a route change inside the editor: a page
 * load costs ~400 script requests, 5–10 s on a busy machine). Falls back to loading /workflow/<id>.
 */
async function openWorkflow(page, baseUrl, id) {
	const onList = () => new URL(page.url()).pathname === '/home/workflows';
	if (!onList()) await page.goBack().catch(() => {});
	if (!onList()) await page.goto(`${baseUrl}/home/workflows`);
	const card = page.locator(
		`${T('resources-list-item-workflow')}[data-resourceid="${id}"] ${T('workflow-card-name')}`,
	);
	const listed = await card.waitFor({ timeout: 10_000 }).then(
		() => true,
		() => false,
	);
	if (listed) await card.click();
	else await page.goto(`${baseUrl}/workflow/${id}`);
	await page.waitForFunction((p) => window.location.pathname === p, `/workflow/${id}`);
	await page.locator(T('canvas-node')).first().waitFor();
	ed.assertEditor(page);
	await ed.sleep(500); // the checklist popup of published workflows comes a moment later
	await ed.dismissPopups(page);
}

/** Pick the profile in the open node panel's Profile field (From list). */
async function pickProfile(page) {
	const ndv = page.locator(T('ndv'));
	await ndv.locator(`${T('resource-locator-profileId')} ${T('rlc-input')}`).click();
	await page
		.locator(`${T('rlc-item')} >> visible=true`, { hasText: PROFILE })
		.first()
		.click();
	await page
		.locator(`${T('rlc-item')} >> visible=true`)
		.first()
		.waitFor({ state: 'hidden' })
		.catch(() => {});
}

/** Make sure these options are chosen in a multi-options parameter of the open node panel. */
async function chooseOptions(page, parameter, names) {
	const tags = page.locator(`${T('ndv')} ${T(`parameter-input-${parameter}`)} .el-tag`);
	const has = (list, name) => list.some((c) => c.trim().toLowerCase() === name.toLowerCase());
	const already = await tags.allInnerTexts();
	const select = page.locator(`${T('ndv')} ${T(`parameter-input-${parameter}`)} .el-select`);
	await select.click();
	for (const name of names.filter((n) => !has(already, n))) {
		// Typed first: a long list (version 2's events) renders only the options in view.
		await select.locator('input').first().fill(name);
		await page
			.locator('.el-select-dropdown__item >> visible=true', {
				// An option's text is its name, then (version 2's events) its description, which starts
				// with a capital letter: the name must not run on in lower case.
				hasText: new RegExp(`^${name}(?![a-z])`),
			})
			.first()
			.click();
	}
	await page.keyboard.press('Escape');
	await ed.sleep(200);
	const chosen = await tags.allInnerTexts();
	for (const name of names) {
		if (!has(chosen, name))
			throw new Error(`${parameter}: "${name}" not chosen (${chosen.join(', ')})`);
	}
}

async function addCollectionOption(page, name) {
	await page
		.locator(`${T('ndv')} ${T('collection-parameter-add')}`)
		.first()
		.click();
	await page
		.locator(`${T('collection-parameter-option')} >> visible=true`, {
			hasText: new RegExp(`^${name}$`),
		})
		.click();
}

/** 1 + 2: the node creator's Dotloop actions, then Loop → Get Many configured and executed. */
async function actionNode(page, { n8n, baseUrl }) {
	const wf = await n8n.createWorkflow({
		name: 'Dotloop: list loops',
		nodes: [
			{
				id: 'docs-manual',
				name: 'When clicking ‘Execute workflow’',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
		],
		connections: {},
	});
	await openWorkflow(page, baseUrl, wf.id);
	// Taller, to show the actions down to the Loop resource's.
	await page.setViewportSize({ width: VIEWPORT.width, height: 1320 });
	await page.locator(T('canvas-handle-plus')).first().click(); // the trigger's output: the new node connects to it
	await ed.openDotloopInNodeCreator(page);
	const getMany = ed.creatorItem(page, 'Get many loops');
	await getMany.waitFor();
	await ed.creatorItem(page, 'Get the account').waitFor();
	await shoot(page, 'node-operations.png', await ed.nodeCreatorClip(page), { blur: false });

	await page.setViewportSize(VIEWPORT);
	await getMany.click();
	const ndv = page.locator(T('ndv'));
	await ndv.locator(T('parameter-input-operation')).waitFor();
	const cred = await ndv
		.locator(T('node-credentials-select'))
		.evaluate(
			(el) => `${el.innerText} ${[...el.querySelectorAll('input')].map((i) => i.value).join(' ')}`,
		);
	if (!cred.includes(CREDENTIAL_NAME))
		throw new Error(`the node did not pick the credential "${CREDENTIAL_NAME}" (${cred})`);
	await pickProfile(page);
	await ndv.locator(`${T('parameter-input-returnAll')} .el-switch`).click();
	await ndv.locator(T('parameter-input-limit')).waitFor({ state: 'detached' });
	await addCollectionOption(page, 'Updated Since');
	await addCollectionOption(page, 'Transaction Types');
	await chooseOptions(page, 'transactionTypes', LOOP_FILTERS.transactionTypes);
	const date = ndv.locator(`${T('parameter-input-updatedSince')} input`);
	await date.click();
	await date.fill(LOOP_FILTERS.updatedSince);
	await date.press('Enter');
	await ed.sleep(300);
	if ((await date.inputValue()) !== LOOP_FILTERS.updatedSince)
		throw new Error(`Updated Since shows "${await date.inputValue()}"`);
	await shoot(page, 'loop-get-many.png', await ed.parametersClip(page));

	// More room for the output: the input (a manual trigger's: nothing) gives up 200 px.
	await ed
		.dragBy(page, ndv.locator(T('panel-drag-button')), -200)
		.catch((err) => step(`could not widen the output: ${err.message}`));
	await ndv.locator(T('node-execute-button')).click();
	const count = page.locator(`${T('output-panel')}`).getByText(/^\d+ items?$/);
	await count.waitFor({ timeout: 30_000 });
	step(`Get Many returned ${await count.innerText()} from the sandbox`);
	await page.locator(`${T('output-panel')} ${T('radio-button-json')}`).click();
	await page.locator(T('output-panel')).getByText('"transactionType"').first().waitFor();
	// With a rim of the dimmed editor around the panel (and the input's node tab on its left edge).
	await shoot(page, 'dotloop-node.png', await ed.boxClip(page, ndv, { padding: 24 }));
}

/** 3: the Dotloop Trigger added from the node creator, profile and events chosen. */
async function triggerNode(page, { baseUrl }) {
	await page.goto(`${baseUrl}/workflow/new`); // a page load: no "save changes?" question about the last one
	await page.locator(T('canvas-plus-button')).click();
	await ed.openDotloopInNodeCreator(page);
	await ed.creatorItem(page, 'On loop created').click();
	const ndv = page.locator(T('ndv'));
	await ndv.locator(T('parameter-input-events')).waitFor();
	await pickProfile(page);
	await chooseOptions(page, 'events', ['Loop Created', ...TRIGGER_EVENTS]);
	if (await ndv.locator(T('parameter-input-targetType')).count())
		throw new Error(
			'the trigger shows a Target parameter: the node creator added a version before 2',
		);
	await shoot(page, 'trigger-parameters.png', await ed.parametersClip(page));
}

/** 4: each example on the canvas, zoomed to fit and cropped to its nodes and notes. */
async function examplePictures(page, { baseUrl, examples }) {
	for (const ex of examples) {
		await openWorkflow(page, baseUrl, ex.id);
		const expected = ex.workflow.nodes.filter((n) => n.type !== 'n8n-nodes-base.stickyNote').length;
		await page.waitForFunction(
			(n) => document.querySelectorAll('[data-test-id="canvas-node"]').length === n,
			expected,
		);
		await page.locator(T('zoom-to-fit')).click();
		await ed.sleep(600);
		await ed.dismissPopups(page);
		await ed.parkMouse(page);
		await shoot(page, `example-${ex.slug}.png`, await ed.canvasClip(page));
	}
}

// ---------------------------------------------------------------- main

function pngSize(buf) {
	return `${buf.readUInt32BE(16)}×${buf.readUInt32BE(20)}`;
}

function writeShots(examples) {
	fs.mkdirSync(OUT_DIR, { recursive: true });
	const rel = (f) => path.relative(pkg.REPO_DIR, f) || f;
	for (const [name, buf] of shots) {
		const file = path.join(OUT_DIR, name);
		fs.writeFileSync(file, buf);
		step(`saved ${rel(file)} (${pngSize(buf)}, ${(buf.length / 1024).toFixed(0)} kB)`);
	}
	const wanted = new Set(examples.map((e) => `example-${e.slug}.png`));
	for (const f of fs.readdirSync(OUT_DIR)) {
		if (/^example-.*\.png$/.test(f) && !wanted.has(f)) {
			fs.rmSync(path.join(OUT_DIR, f));
			step(`removed ${rel(path.join(OUT_DIR, f))} (no such example any more)`);
		}
	}
}

async function main() {
	cleanup.onSignal(async (signal) => {
		step(`${signal}: stopping`);
		await stopAll();
	});
	let page = null;
	try {
		ensureChromium({ log: step });
		const demo = await startDemo();
		const baseUrl = demo.n8n.baseUrl;
		const { browser, context, blocked } = await launchChromium({ viewport: VIEWPORT });
		started.browser = browser;
		page = await context.newPage();
		page.setDefaultTimeout(20_000);
		page.on('dialog', (d) => d.accept().catch(() => {})); // "leave this page?" when loading another
		await ed.login(page, baseUrl, OWNER);
		step(`logged into ${baseUrl} as ${OWNER.email}`);
		await examplePictures(page, { baseUrl, examples: demo.examples });
		await actionNode(page, { n8n: demo.n8n, baseUrl });
		await triggerNode(page, { baseUrl });
		writeShots(demo.examples);
		const hosts = [...new Set(blocked.map((u) => u.replace(/^(\w+:\/\/[^/]+).*/, '$1')))];
		if (hosts.length)
			step(`kept the browser from contacting ${hosts.join(', ')} (${blocked.length} requests)`);
	} catch (err) {
		process.stderr.write(`[docs] FAILED: ${err.stack || err.message}\n`);
		if (page && !page.isClosed()) {
			const file = path.join(os.tmpdir(), `dotloop-docs-failure-${process.pid}.png`);
			await page.screenshot({ path: file }).then(
				() => process.stderr.write(`[docs] the page at that moment: ${file}\n`),
				() => {},
			);
		}
		if (started.n8n) process.stderr.write(`[docs] n8n log: ${started.n8n.logFile}\n`);
		await stopAll();
		process.exit(1);
	}
	const logFile = started.n8n && started.n8n.logFile;
	await stopAll();
	if (logFile) fs.rmSync(logFile, { force: true }); // kept only after a failure
	step(`done: ${shots.size} pictures in ${path.relative(pkg.REPO_DIR, OUT_DIR)}/ (${secs()})`);
	process.exit(0);
}

main();
