'use strict';
/**
 * The package installed, updated and uninstalled the way a user does it: through n8n's own Community Nodes
 * installer (the REST endpoints n8n's Settings → Community Nodes page calls), from a real npm registry.
 *
 * n8n asks only https://registry.npmjs.org/ (a custom registry needs an enterprise licence, and its npm
 * calls carry --registry=https://registry.npmjs.org/), so the test brings that name to a local registry:
 * n8n, its npm and verdaccio run in a network + mount namespace made for the run (lib/netns.js) that has
 * only loopback and an /etc/hosts of its own, where registry.npmjs.org is 127.0.0.1 and verdaccio answers
 * on 443 with a certificate from a CA made for the run (lib/registry.js). n8n's look-up at api.n8n.io fails
 * there and n8n carries on. The sandbox runs in this process; n8n and the sandbox reach each other through
 * the namespace's forwards on the same 127.0.0.1 ports.
 *
 *   - nothing installed; the registry serves the packed package (its integrity is the tarball's);
 *   - install by clicking, as a user does, in headless Chromium: Settings → Community nodes → Install,
 *     package name typed, risk box ticked, Install. The editor's own request is the POST this suite would
 *     otherwise send, so the click replaces it: every later case runs on a package a user installed. The
 *     page shows the package with its version and nodes; the editor offers the nodes; the three nodes and
 *     the credential appear, the package came from the registry, a credential connects and a workflow runs
 *     against the sandbox. Chromium runs outside the namespace and reaches n8n through the port the test
 *     already forwards; its flags (test/docs/lib/chromium.js) let it reach only 127.0.0.1, and the case
 *     checks that no other request completed;
 *   - one saved workflow per node version we ship (test/e2e/fixtures/node-versions.json) runs or fires;
 *   - a later version published and installed through n8n's update: the active workflows are left as they
 *     were (same subscriptions, no re-subscription) and still run on the next event, every node version;
 *   - uninstall: the nodes are gone, nothing is left behind (package folder, ledger, installed packages).
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const {
	startN8n,
	startSandbox,
	freePort,
	request,
	credentialsOverwrite,
	connectedDotloopCredential,
	readTarballPackageJson,
	withCredential,
	waitFor,
	log,
	wf,
	PACKAGE_NAME,
	NODE_TYPE,
	TRIGGER_TYPE,
	CREDENTIAL_TYPE,
} = require('../lib');
const { targetVersion, packageTarball } = require('../lib/stack');
const { createNamespace } = require('../lib/netns');
const { startRegistry, REGISTRY_HOST } = require('../lib/registry');
const cleanup = require('../lib/cleanup');
const { CHROMIUM, ensureChromium, launchChromium } = require('../../docs/lib/chromium');
const ed = require('../../docs/lib/editor');

const POLLING_TYPE = `${PACKAGE_NAME}.dotloopPollingTrigger`;
const OUR_TYPES = [NODE_TYPE, POLLING_TYPE, TRIGGER_TYPE].sort();
// What the editor lists: our nodes plus the AI-tool variant n8n derives from the action node (usableAsTool).
const EDITOR_TYPES = [...OUR_TYPES, `${NODE_TYPE}Tool`].sort();
const FIXTURE = path.join(__dirname, '..', 'fixtures', 'node-versions.json');
const version = targetVersion();

let workDir;
let ns;
let registry;
let sandbox;
let admin;
let n8n;
let manifest;
let nextVersion;
let credential;
let browser; // open only while the click-install case runs (left open: it failed)
let page;
const saved = {}; // fixture workflow name -> { id, workflow }
const timings = {};

function sha512(file) {
	return `sha512-${require('node:crypto').createHash('sha512').update(fs.readFileSync(file)).digest('base64')}`;
}

/** The same package with its patch number raised: extracted, package.json bumped, published as a folder. */
function bumpedCopy(tarball, dir) {
	fs.mkdirSync(dir, { recursive: true });
	execFileSync('tar', ['-xzf', tarball, '-C', dir]);
	const file = path.join(dir, 'package', 'package.json');
	const pkg = JSON.parse(fs.readFileSync(file, 'utf8'));
	const [major, minor, patch] = pkg.version.split(/[.-]/).map(Number);
	pkg.version = `${major}.${minor}.${patch + 1}`;
	fs.writeFileSync(file, `${JSON.stringify(pkg, null, 2)}\n`);
	return { folder: path.join(dir, 'package'), version: pkg.version };
}

function nodesDir() {
	return path.join(n8n.userFolder, '.n8n', 'nodes');
}

function ledger() {
	return JSON.parse(fs.readFileSync(path.join(nodesDir(), 'package.json'), 'utf8'));
}

function installedManifest() {
	const file = path.join(nodesDir(), 'node_modules', PACKAGE_NAME, 'package.json');
	return fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : null;
}

/** A /rest call that runs n8n's installer (npm pack + npm install): longer than the harness's default timeout. */
async function installer(method, urlPath, json) {
	const res = await request(`${n8n.baseUrl}/rest${urlPath}`, {
		method,
		json,
		jar: n8n.jar,
		expect: 200,
		timeoutMs: 180_000,
	});
	return res.body && res.body.data;
}

/**
 * GET /rest/community-packages (the Settings page's list). n8n 1.x runs `npm outdated` for it, which can
 * take longer than the harness's default timeout; the time is logged.
 */
async function installedPackages() {
	const t0 = Date.now();
	const list = await installer('GET', '/community-packages');
	log(`GET /rest/community-packages: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
	return list;
}

/** What the editor loads: node and credential type descriptions. */
async function types() {
	const get = async (p) =>
		JSON.parse((await request(`${n8n.baseUrl}${p}`, { jar: n8n.jar, expect: 200 })).text);
	const nodes = (await get('/types/nodes.json')).filter((t) => t.name.startsWith(PACKAGE_NAME));
	const credentials = (await get('/types/credentials.json')).map((t) => t.name);
	return { nodes, credentials };
}

/** The registry's log lines of successful downloads of the package's tarball (what n8n's npm fetched). */
function tarballDownloads(v) {
	const text = fs.readFileSync(registry.logFile, 'utf8');
	return text
		.split('\n')
		.filter(
			(l) =>
				l.startsWith('http <-- 200,') &&
				l.includes(`'GET /${PACKAGE_NAME}/-/${PACKAGE_NAME}-${v}.tgz'`),
		);
}

async function subscriptions() {
	return (await admin.state()).subscriptions
		.map(({ id, url, targetType, targetId, eventTypes, signingKey, enabled }) => ({
			id,
			url,
			targetType,
			targetId,
			eventTypes,
			signingKey,
			enabled,
		}))
		.sort((a, b) => (a.url < b.url ? -1 : 1));
}

const TRIGGER_WORKFLOWS = () =>
	Object.entries(saved).filter(([, s]) =>
		s.workflow.nodes.some((n) => n.type === TRIGGER_TYPE || n.type === POLLING_TYPE),
	);

/**
 * A loop created "in Dotloop": every trigger workflow of the fixture runs once more (execution number
 * `count`), and its trigger's item names that loop.
 */
async function loopCreatedRunsEveryTrigger(count, name) {
	const loop = await admin.simulate({ action: 'createLoop', profileId: 1001, name });
	for (const [wfName, { id, workflow }] of TRIGGER_WORKFLOWS()) {
		const [latest] = await n8n.waitForExecutions(id, { count, timeoutMs: 30_000 });
		const trigger = workflow.nodes[0];
		const items = n8n.nodeOutput(latest, trigger.name);
		const loopIds = items.map((item) =>
			trigger.type === POLLING_TYPE ? String(item.id) : item.event && item.event.id,
		);
		expect({ workflow: wfName, status: latest.status, loopIds }).toEqual({
			workflow: wfName,
			status: 'success',
			loopIds: [String(loop.id)],
		});
	}
	return loop;
}

beforeAll(async () => {
	const t0 = Date.now();
	const base =
		process.env.E2E_RUN_DIR ||
		cleanup.trackDir(fs.mkdtempSync(path.join(os.tmpdir(), 'dl-install-')));
	workDir = path.join(base, `install-${version}`);
	fs.mkdirSync(workDir, { recursive: true });
	ns = await createNamespace({ hostnames: [REGISTRY_HOST], log });
	registry = await startRegistry({ ns, dir: path.join(workDir, 'registry'), log });
	timings.registry = (Date.now() - t0) / 1000;
	const tarball = packageTarball();
	manifest = readTarballPackageJson(tarball);
	await registry.publish(tarball);

	const port = await freePort();
	sandbox = await startSandbox({ webhookOrigin: `http://127.0.0.1:${port}`, rateLimit: 100_000 });
	admin = sandbox.admin;
	await ns.exposeInside(Number(new URL(sandbox.url).port));
	await ns.exposeToHost(port);
	n8n = await startN8n({
		version,
		port,
		spawnPrefix: ns.prefix,
		credentialsOverwrite: credentialsOverwrite(sandbox),
		env: registry.clientEnv,
	});
	await n8n.setupOwner();
	await n8n.login();
	await n8n.createApiKey();
	timings.setup = (Date.now() - t0) / 1000;
	log(
		`install suite: n8n ${version} in a namespace on ${n8n.baseUrl}, registry as ${registry.url}`,
	);
});

afterAll(async () => {
	if (browser) {
		if (process.env.E2E_RUN_DIR)
			await page
				.screenshot({
					path: path.join(process.env.E2E_RUN_DIR, `install-${version}-last-page.png`),
				})
				.catch(() => {});
		await browser.close().catch(() => {});
	}
	const tasks = [];
	if (n8n) tasks.push(n8n.stop());
	if (sandbox) tasks.push(sandbox.stop());
	await Promise.allSettled(tasks);
	if (registry) await registry.stop();
	if (ns) await ns.stop();
	log(`install suite timings: ${JSON.stringify(timings)}`);
});

test('before the install: no community package in n8n; the registry serves the packed package as registry.npmjs.org', async () => {
	expect(await installedPackages()).toEqual([]);
	expect((await types()).nodes).toEqual([]);
	const packument = await registry.packument(PACKAGE_NAME);
	expect(packument['dist-tags']).toEqual({ latest: manifest.version });
	expect(Object.keys(packument.versions)).toEqual([manifest.version]);
	expect(packument.versions[manifest.version].dist).toEqual(
		expect.objectContaining({
			integrity: sha512(packageTarball()),
			tarball: `https://${REGISTRY_HOST}/${PACKAGE_NAME}/-/${PACKAGE_NAME}-${manifest.version}.tgz`,
		}),
	);
});

/** Settings → Community nodes, through the menus (2.x: the sidebar's Settings; 1.x: the user menu's). */
async function openCommunityNodesSettings(page) {
	if (n8n.major >= 2) {
		await page.locator(ed.T('main-sidebar-settings')).click();
	} else {
		await page.locator(`${ed.T('main-sidebar-user-menu')} .clickable`).click();
		await page.getByRole('menuitem', { name: 'Settings', exact: true }).click();
	}
	await page.getByRole('menuitem', { name: 'Community nodes', exact: true }).click();
	await page.waitForURL((url) => url.pathname === '/settings/community-nodes');
}

/** The Community nodes page's package cards: [{ name, count: '3 nodes', nodes: [display names], version }]. */
async function packageCards(page) {
	const texts = await page.locator(ed.T('community-package-card')).allInnerTexts();
	return texts.map((text) => {
		const [name, nodeLine, version] = text.split('\n').map((l) => l.trim());
		const [count, nodes] = nodeLine.split(/:\s*/);
		return { name, count, nodes: nodes.split(','), version };
	});
}

test('install by clicking Install in Settings → Community nodes: the package is listed with its version and nodes, the editor offers them', async () => {
	try {
		ensureChromium({ log });
	} catch (err) {
		throw new Error(`Chromium is needed to install as a user does (${CHROMIUM}): ${err.message}`);
	}
	const launched = await launchChromium();
	browser = launched.browser;
	page = await launched.context.newPage();
	page.setDefaultTimeout(30_000);
	// The editor loads some 400 script chunks: slow on a busy machine, the first time above all.
	page.setDefaultNavigationTimeout(180_000);
	// Whatever completed that was not 127.0.0.1 (nothing may leave the machine; blocked ones fail).
	const escaped = [];
	launched.context.on('requestfinished', (r) => {
		if (!/^(https?|wss?):\/\/127\.0\.0\.1(:\d+)?\//.test(r.url()) && !/^(data|blob):/.test(r.url()))
			escaped.push(r.url());
	});
	const installerCalls = [];
	let listed; // the last list of installed packages the page received
	page.on('response', (res) => {
		const url = new URL(res.url());
		if (url.pathname !== '/rest/community-packages') return;
		if (res.request().method() === 'GET') listed = res.json().then((body) => body.data);
		else
			installerCalls.push({
				method: res.request().method(),
				body: JSON.parse(res.request().postData() || 'null'),
				status: res.status(),
			});
	});

	await ed.login(page, n8n.baseUrl, n8n.owner);
	await openCommunityNodesSettings(page);
	await page.getByRole('button', { name: 'Install a community node', exact: true }).click();
	const modal = page.locator(ed.T('communityPackageInstall-modal'));
	const installButton = modal.locator(ed.T('install-community-package-button'));
	await modal
		.locator(`${ed.T('package-name-input')} input, input${ed.T('package-name-input')}`)
		.first()
		.fill(PACKAGE_NAME);
	// Install stays disabled until the risk box is ticked.
	expect(await installButton.isDisabled()).toBe(true);
	await modal.getByText('I understand the risks of installing unverified code').click();
	expect(await modal.getByRole('checkbox').isChecked()).toBe(true);
	expect(await installButton.isDisabled()).toBe(false);
	const t0 = Date.now();
	await installButton.click();
	await modal.waitFor({ state: 'hidden', timeout: 180_000 });
	timings.install = (Date.now() - t0) / 1000;

	// The editor sent exactly the installer's request, once, and said so.
	expect(installerCalls).toEqual([{ method: 'POST', body: { name: PACKAGE_NAME }, status: 200 }]);
	await page.locator('.el-notification:visible', { hasText: 'Package installed' }).waitFor();
	expect((await ed.toasts(page)).filter((t) => t.error)).toEqual([]);
	// n8n 1.x lists installed packages after running `npm outdated` (about 70 s here).
	await page
		.locator(ed.T('community-package-card'), { hasText: PACKAGE_NAME })
		.waitFor({ timeout: 180_000 });
	// The list the page shows it from (asking again would cost n8n 1.x its `npm outdated` again).
	const list = await listed;
	const cards = await packageCards(page);
	expect(cards.map((c) => ({ ...c, nodes: [...c.nodes].sort() }))).toEqual([
		{
			name: PACKAGE_NAME,
			count: '3 nodes',
			nodes: ['Dotloop', 'Dotloop Polling Trigger', 'Dotloop Trigger'],
			version: `v${manifest.version}`,
		},
	]);

	// The editor offers them: a new workflow's node creator finds both triggers, and the Polling
	// Trigger's details say it is installed, in this version, with its events.
	await page.goto(`${n8n.baseUrl}/workflow/new`);
	await ed.dismissPopups(page);
	await page.locator(ed.T('canvas-add-button')).click();
	await page.locator(ed.T('node-creator-search-bar')).fill('Dotloop');
	const names = page.locator(`${ed.T('node-creator')} ${ed.T('node-creator-item-name')}`);
	// The search result (what is shown before it is the trigger categories).
	await names.filter({ hasText: 'Dotloop Polling' }).waitFor();
	expect((await names.allInnerTexts()).map((t) => t.trim()).sort()).toEqual([
		'Dotloop',
		'Dotloop Polling',
	]);
	await page.locator(ed.T('node-creator')).getByText('Dotloop Polling', { exact: true }).click();
	const details = page.locator(ed.T('node-creator'));
	await details.getByText('Dotloop Polling Trigger', { exact: true }).waitFor();
	// The package line comes with a later request (over 30 s on n8n 1.x here).
	await details.getByText(`Package version ${manifest.version}`).waitFor({ timeout: 120_000 });
	const detailText = (await details.innerText()).replace(/\s+/g, ' ');
	const polling = (await types()).nodes.find((t) => t.name === POLLING_TYPE);
	expect(detailText).toContain(`Dotloop Polling Trigger Installed ${polling.description}`);
	expect(detailText).toContain('On loop created');
	await ed.creatorItem(page, 'On loop created').click();
	await page.locator(`${ed.T('ndv')} ${ed.T('node-parameters')}`).waitFor();

	log(`browser requests blocked (not 127.0.0.1): ${JSON.stringify(launched.blocked)}`);
	expect(escaped).toEqual([]);
	await browser.close();
	browser = null;

	// What the install left, as n8n's installer leaves it.
	expect(list.map((p) => [p.packageName, p.installedVersion])).toEqual([
		[PACKAGE_NAME, manifest.version],
	]);
	expect(list[0].installedNodes.map((n) => n.type).sort()).toEqual(OUR_TYPES);
	// n8n's npm fetched it from the registry, and left it as its installer does.
	expect(tarballDownloads(manifest.version).length).toBeGreaterThan(0);
	expect(ledger().dependencies).toEqual({ [PACKAGE_NAME]: manifest.version });
	const onDisk = installedManifest();
	expect(onDisk.version).toBe(manifest.version);
	expect(onDisk.devDependencies).toBeUndefined();
	expect(onDisk.peerDependencies).toBeUndefined();
	const { nodes, credentials } = await types();
	expect([...new Set(nodes.map((t) => t.name))].sort()).toEqual(EDITOR_TYPES);
	expect(credentials).toContain(CREDENTIAL_TYPE);
	// n8n 1.x: the list after the install takes about 70 s here, the package line over 30 s.
}, 480_000);

test('a credential connects and a workflow runs against the sandbox', async () => {
	({ credential } = await connectedDotloopCredential(n8n, sandbox, { name: 'Dotloop account' }));
	const seq = await admin.lastSeq();
	const { execution } = await n8n.runNodes([
		wf.dotloop(
			'Get many loops',
			{ resource: 'loop', operation: 'getAll', profileId: wf.rl(1001), returnAll: false, limit: 3 },
			credential,
		),
	]);
	const items = n8n.nodeOutput(execution, 'Get many loops');
	expect(items).toHaveLength(3);
	expect(items.every((item) => item.profileId === 1001 && typeof item.id === 'number')).toBe(true);
	expect((await wf.apiRequests(admin, seq)).map((r) => r.route)).toEqual([
		'GET /profile/1001/loop?batch_number=1&batch_size=3',
	]);
});

test('the fixture holds one saved workflow per node version the package ships', async () => {
	const { workflows } = JSON.parse(fs.readFileSync(FIXTURE, 'utf8'));
	const shipped = (await types()).nodes
		.filter((t) => t.name !== `${NODE_TYPE}Tool`)
		.flatMap((t) => [].concat(t.version).map((v) => `${t.name}@${v}`))
		.sort();
	const inFixture = workflows
		.flatMap((w) => w.nodes.filter((n) => n.type.startsWith(PACKAGE_NAME)))
		.map((n) => `${n.type}@${n.typeVersion}`)
		.sort();
	expect(inFixture).toEqual([...new Set(shipped)]);
});

test('the saved workflows, imported before any update, run: triggers activated, one loop created fires each', async () => {
	const { workflows } = JSON.parse(fs.readFileSync(FIXTURE, 'utf8'));
	for (const workflow of workflows) {
		const copy = withCredential(workflow, credential);
		const created = await n8n.createWorkflow(copy);
		saved[workflow.name] = { id: created.id, workflow: copy };
	}
	const seq = await admin.lastSeq();
	for (const [name, { id }] of TRIGGER_WORKFLOWS()) {
		const activation = await n8n.activate(id);
		expect({ name, ok: activation.ok, error: activation.error }).toEqual({
			name,
			ok: true,
			error: activation.error,
		});
	}
	const subs = await subscriptions();
	expect(subs.map((s) => [s.url, s.targetType, s.targetId, s.eventTypes])).toEqual(
		['e2e-install-trigger-v1', 'e2e-install-trigger-v1-1', 'e2e-install-trigger-v2']
			.map((id) => `https://hooks.example.test/webhook/${id}/dotloop`)
			.sort()
			.map((url) => [url, 'PROFILE', 1001, ['LOOP_CREATED']]),
	);
	// The polling trigger's first poll (at activation) records where things stand; wait for it.
	await waitFor(
		async () => (await admin.requests({ since: seq, path: '/public/v2/profile/1001/loop' })).length,
	);
	await loopCreatedRunsEveryTrigger(1, 'E2E install: before the update');
	const manual = await n8n.runWorkflow(saved['Dotloop 1: get many loops'].id, 'Manual Trigger');
	expect(n8n.nodeOutput(manual, 'Dotloop')).toHaveLength(2);
});

test("a later version, published and installed through n8n's update (PATCH): active workflows untouched and still running", async () => {
	const bumped = bumpedCopy(packageTarball(), path.join(workDir, 'next'));
	nextVersion = bumped.version;
	await registry.publish(bumped.folder);
	expect((await registry.packument(PACKAGE_NAME))['dist-tags']).toEqual({ latest: nextVersion });
	const before = await subscriptions();
	const seq = await admin.lastSeq();

	const t0 = Date.now();
	const updated = await installer('PATCH', '/community-packages', {
		name: PACKAGE_NAME,
		version: nextVersion,
	});
	timings.update = (Date.now() - t0) / 1000;
	expect(updated).toEqual(
		expect.objectContaining({ packageName: PACKAGE_NAME, installedVersion: nextVersion }),
	);
	expect(updated.installedNodes.map((n) => n.type).sort()).toEqual(OUR_TYPES);
	expect(tarballDownloads(nextVersion).length).toBeGreaterThan(0);
	expect(installedManifest().version).toBe(nextVersion);
	expect(ledger().dependencies).toEqual({ [PACKAGE_NAME]: nextVersion });
	expect((await installedPackages()).map((p) => [p.packageName, p.installedVersion])).toEqual([
		[PACKAGE_NAME, nextVersion],
	]);

	// Untouched: every workflow still active, the same subscriptions (no delete, no new one).
	for (const [name, { id }] of TRIGGER_WORKFLOWS()) {
		expect({ name, active: (await n8n.getWorkflow(id)).active }).toEqual({ name, active: true });
	}
	expect(await subscriptions()).toEqual(before);
	const subscriptionWrites = (await admin.requests({ since: seq })).filter(
		(r) => r.method !== 'GET' && r.path.includes('/subscription'),
	);
	expect(subscriptionWrites).toEqual([]);

	// And still at work, every saved node version, on the next event.
	await loopCreatedRunsEveryTrigger(2, 'E2E install: after the update');
	const manual = await n8n.runWorkflow(saved['Dotloop 1: get many loops'].id, 'Manual Trigger');
	expect(manual.status).toBe('success');
	expect(n8n.nodeOutput(manual, 'Dotloop')).toHaveLength(2);
});

test('uninstall (DELETE /rest/community-packages): the nodes are gone and nothing is left behind', async () => {
	// A user deactivates what uses the nodes first: the webhook subscriptions go with the triggers.
	for (const [, { id, workflow }] of TRIGGER_WORKFLOWS()) {
		const node = workflow.nodes[0];
		await n8n.deactivate(
			id,
			node.webhookId ? { webhook: { webhookId: node.webhookId, path: 'dotloop' } } : {},
		);
	}
	expect(await subscriptions()).toEqual([]);

	const t0 = Date.now();
	await installer('DELETE', `/community-packages?name=${encodeURIComponent(PACKAGE_NAME)}`);
	timings.uninstall = (Date.now() - t0) / 1000;
	expect(await installedPackages()).toEqual([]);
	const { nodes } = await types();
	expect(nodes).toEqual([]);
	expect(fs.existsSync(path.join(nodesDir(), 'node_modules', PACKAGE_NAME))).toBe(false);
	// n8n 2.x also takes the package out of the nodes folder's package.json; 1.x deletes only the folder
	// (its installed_packages row, checked above, is what 1.x reads at start).
	expect(ledger().dependencies).toEqual(n8n.major >= 2 ? {} : { [PACKAGE_NAME]: nextVersion });
	// No tarball or backup copy left in n8n's nodes folder either.
	const leftovers = fs
		.readdirSync(nodesDir(), { recursive: true })
		.map(String)
		.filter((f) => f.includes('dotloop'));
	expect(leftovers).toEqual([]);
});
