'use strict';
/**
 * The editor as a new user meets it (n8n 2.x only: the journeys drive 2.x's editor in headless Chromium,
 * through test/docs/lib). The stack is the demo's: sandbox data dated from now, N8N_WEBHOOK_URL for test
 * webhooks, the credential connected through the consent page. Journeys:
 *   1. the Loop list searches past the first page, finds a typed loop ID, and follows a changed Profile
 *   2. "Test this trigger" gets an https test URL registered with Dotloop and shows the next event
 *   3. Document, Participant and Contact are lists with readable labels
 *   4. a loop link pasted as people paste it is accepted and read
 *   5. Loop Get Many items carry profileId
 *   6. Loop Create's profile list says which profiles need a template for new loops, and a loop created
 *      there without one fails saying so
 *   7. every trigger event is in the node panel; a contact event gives a form with nothing missing and a
 *      readable subtitle on the canvas
 *   8. Loop Detail's JSON mode shows an example and refuses an unknown section by name, before any request
 * Skipped on n8n 1.x; skipped with a notice when Chromium is missing and cannot be installed.
 */
const {
	startStack,
	connectedDotloopCredential,
	dotloopNode,
	TRIGGER_TYPE,
	DEFAULT_OWNER,
} = require('../lib');
const { CHROMIUM, ensureChromium, launchChromium } = require('../../docs/lib/chromium');
const ed = require('../../docs/lib/editor');
const j = require('../../docs/lib/journeys');

const WEBHOOK_BASE = 'https://hooks.example.test/';
const MAIN = 1001;
const LUXURY = 1002;

// n8n 2.x only: test/e2e/jest.config.js leaves this file out on 1.x.
describe('the editor, as a new user meets it', () => {
	let stack;
	let n8n;
	let admin;
	let credential;
	let browser;
	let page;
	let baseUrl;
	let state;

	beforeAll(async () => {
		try {
			ensureChromium();
		} catch (err) {
			throw new Error(`Chromium is needed for the editor journeys (${CHROMIUM}): ${err.message}`);
		}
		stack = await startStack({
			sandbox: { rateLimit: 100_000, seedNow: Date.now() },
			n8n: { webhookUrl: WEBHOOK_BASE, env: { N8N_WEBHOOK_URL: WEBHOOK_BASE } },
		});
		({ n8n, admin } = stack);
		baseUrl = n8n.baseUrl;
		({ credential } = await connectedDotloopCredential(n8n, stack.sandbox, {
			name: 'Dotloop account',
		}));
		// 120 loops newer than every seeded one: the seeded loops are past the first batch of 100.
		await admin.seedLoops(MAIN, 120);
		state = await admin.state();
		const launched = await launchChromium({ viewport: { width: 1440, height: 900 } });
		browser = launched.browser;
		page = await launched.context.newPage();
		page.setDefaultTimeout(30_000);
		// The editor loads some 400 script chunks: slow on a busy machine, the first time above all.
		page.setDefaultNavigationTimeout(180_000);
		page.on('dialog', (d) => d.accept().catch(() => {}));
		await ed.login(page, baseUrl, DEFAULT_OWNER);
	});

	afterAll(async () => {
		if (page && !page.isClosed() && process.env.E2E_RUN_DIR) {
			await page
				.screenshot({ path: `${process.env.E2E_RUN_DIR}/editor-last-page.png` })
				.catch(() => {});
		}
		if (browser) await browser.close().catch(() => {});
		if (stack) await stack.stop();
	});

	/** A workflow with a manual trigger and one Dotloop node with these parameters, opened in its panel. */
	async function openDotloop(parameters, name = 'journey') {
		const node = dotloopNode({
			parameters,
			credentialId: credential.id,
			credentialName: credential.name,
		});
		const wf = await n8n.createWorkflow({
			name,
			nodes: [
				{
					id: 'manual',
					name: 'Manual',
					type: 'n8n-nodes-base.manualTrigger',
					typeVersion: 1,
					position: [0, 0],
					parameters: {},
				},
				node,
			],
			connections: { Manual: { main: [[{ node: node.name, type: 'main', index: 0 }]] } },
		});
		await j.openNode(page, baseUrl, wf.id, node.id);
		return { workflowId: wf.id, node };
	}

	const rl = (value, mode = 'id') => ({ __rl: true, mode, value: String(value) });
	const loopsOf = (profileId) => state.loops.filter((l) => l.profileId === profileId);

	test('1. the Loop list searches the whole profile, finds a typed ID, and follows a changed Profile', async () => {
		const seeded = loopsOf(MAIN)
			.filter((l) => l.id >= 50001 && l.id <= 50036)
			.sort((a, b) => Date.parse(a.updated) - Date.parse(b.updated))[0];
		// Profile as chosen from its list: clicking it opens the list again to change it.
		await openDotloop({ resource: 'loop', operation: 'get', profileId: rl(MAIN, 'list') });

		// The list loads the next batch as it scrolls; the first batch of 100 holds only newer loops.
		const firstPage = await j.listLabels(page, 'loopId');
		expect(firstPage.length).toBeGreaterThanOrEqual(100);
		expect(firstPage.slice(0, 100)).not.toContain(seeded.name);
		await j.closeList(page);

		const found = await j.listLabels(page, 'loopId', { search: seeded.name.slice(0, 12) });
		expect(found).toContain(seeded.name);
		await j.closeList(page);

		const byId = await j.listLabels(page, 'loopId', { search: String(seeded.id) });
		expect(byId[0]).toBe(seeded.name);
		await j.closeList(page);

		await j.listLabels(page, 'profileId');
		await j.chooseItem(page, 'Brian Erwin - Luxury');
		const luxury = await j.listLabels(page, 'loopId', { search: '' });
		expect(luxury.sort()).toEqual(
			loopsOf(LUXURY)
				.map((l) => l.name)
				.sort(),
		);
		await j.closeList(page);
	});

	test('2. "Test this trigger" registers an https test URL with Dotloop and shows the next event', async () => {
		const trigger = {
			id: 'trigger',
			name: 'Dotloop Trigger',
			type: TRIGGER_TYPE,
			typeVersion: 1.1,
			position: [0, 0],
			parameters: { targetType: 'PROFILE', profileId: rl(MAIN), profileEvents: ['LOOP_CREATED'] },
			credentials: { dotloopOAuth2Api: { id: credential.id, name: credential.name } },
		};
		const wf = await n8n.createWorkflow({
			name: 'test the trigger',
			nodes: [trigger],
			connections: {},
		});
		await j.openNode(page, baseUrl, wf.id, trigger.id);
		const before = (await admin.state()).subscriptions.length;

		await page
			.locator(`${ed.T('ndv')} ${ed.T('trigger-execute-button')}`)
			.first()
			.click();
		await page.locator(`${ed.T('ndv')} ${ed.T('trigger-listening')}`).waitFor({ timeout: 60_000 });
		const errors = (await ed.toasts(page)).filter((t) => t.error);
		expect(errors).toEqual([]);
		const subscriptions = (await admin.state()).subscriptions;
		expect(subscriptions).toHaveLength(before + 1);
		expect(subscriptions[subscriptions.length - 1].url).toMatch(
			/^https:\/\/hooks\.example\.test\/webhook-test\//,
		);

		const loop = await admin.simulate({ action: 'createLoop', name: 'Journey 2: 1 Test St' });
		await page
			.locator(ed.T('output-panel'))
			.getByText(/^\d+ items?$/)
			.waitFor({ timeout: 60_000 });
		await page.locator(`${ed.T('output-panel')} ${ed.T('radio-button-json')}`).click();
		await page.locator(ed.T('output-panel')).getByText(String(loop.id)).first().waitFor();
	});

	test('3. Document, Participant and Contact are lists with readable labels', async () => {
		const loop = state.loops.find((l) => l.id === 50001);
		const folder = loop.folders.find((f) => f.documents.length > 0);
		await openDotloop({
			resource: 'document',
			operation: 'get',
			profileId: rl(MAIN),
			loopId: rl(loop.id),
		});
		await j.listLabels(page, 'folderId');
		await j.chooseItem(page, folder.name);
		const docLabels = await j.listLabels(page, 'documentId');
		expect(docLabels.sort()).toEqual(
			folder.documents.map((d) => `${d.name} (in ${folder.name})`).sort(),
		);
		await j.closeList(page);

		await openDotloop({
			resource: 'participant',
			operation: 'get',
			profileId: rl(MAIN),
			loopId: rl(loop.id),
		});
		const people = await j.listLabels(page, 'participantId');
		expect(people.sort()).toEqual(loop.participants.map((p) => `${p.fullName} (${p.role})`).sort());
		await j.closeList(page);

		await openDotloop({ resource: 'contact', operation: 'get' });
		const contacts = await j.listLabels(page, 'contactId', { search: 'brenda.buyer' });
		expect(contacts).toEqual(['Brenda Buyer (brenda.buyer@example.com)']);
		await j.closeList(page);
	});

	test('4. a loop link pasted with spaces, &tab= and no https:// is accepted and read', async () => {
		const loop = state.loops.find((l) => l.id === 50002);
		const { workflowId } = await openDotloop({
			resource: 'loop',
			operation: 'get',
			profileId: rl(MAIN),
			loopId: rl(`  www.dotloop.com/m/loop?viewId=${loop.id}&tab=documents `, 'url'),
		});
		expect(await j.issues(page, 'loopId')).not.toContain('Not a Dotloop loop link');
		await j.executeStep(page);
		const [execution] = await n8n.waitForExecutions(workflowId, { count: 1 });
		expect(n8n.nodeOutput(execution, 'Dotloop')).toEqual([
			expect.objectContaining({ id: loop.id, profileId: MAIN }),
		]);
	});

	test('5. Loop Get Many items carry profileId', async () => {
		const { workflowId } = await openDotloop({
			resource: 'loop',
			operation: 'getAll',
			profileId: rl(LUXURY),
			returnAll: true,
		});
		await j.executeStep(page);
		const [execution] = await n8n.waitForExecutions(workflowId, { count: 1 });
		const items = n8n.nodeOutput(execution, 'Dotloop');
		expect(items.length).toBe(loopsOf(LUXURY).length);
		for (const item of items) expect(item.profileId).toBe(LUXURY);
	});

	test('6. Loop Create says which profiles need a template for new loops, and what to do without one', async () => {
		await openDotloop({
			resource: 'loop',
			operation: 'create',
			name: 'Journey 6',
			transactionType: 'PURCHASE_OFFER',
			status: 'PRE_OFFER',
		});
		const profiles = await j.listLabels(page, 'profileId');
		expect(profiles).toEqual(
			expect.arrayContaining([
				'Brian Erwin (INDIVIDUAL, holds loops)',
				'Brian Erwin - Luxury (INDIVIDUAL, holds loops, new loops need a template)',
			]),
		);
		await j.chooseItem(page, 'new loops need a template');
		const error = await j.executeStepError(page);
		expect(error.message).toContain('templateId is required');
		expect(error.description).toContain('choose one in "Loop Template"');
	});

	test('7. every trigger event is in the node panel; a contact event leaves nothing missing and reads well', async () => {
		const wf = await n8n.createWorkflow({ name: 'journey 7', nodes: [], connections: {} });
		await page.goto(`${baseUrl}/workflow/${wf.id}`);
		await page.locator(ed.T('canvas-plus-button')).click();
		await ed.openDotloopInNodeCreator(page);
		for (const event of [
			'On loop created',
			'On loop participant deleted',
			'On contact created',
			'On profile updated',
			'On user added to profile',
		]) {
			await ed.creatorItem(page, event).waitFor({ timeout: 30_000 });
		}
		await ed.creatorItem(page, 'On contact created').click();
		const ndv = page.locator(ed.T('ndv'));
		const events = ndv.locator(`${ed.T('parameter-input-events')} .el-tag`);
		await events.first().waitFor();
		expect((await events.allInnerTexts()).map((t) => t.trim())).toEqual(['Contact Created']);
		// Contact events watch the connected user: no Profile to fill, no Target, nothing reported missing.
		expect(await ndv.locator(ed.T('resource-locator-profileId')).count()).toBe(0);
		expect(await ndv.locator(ed.T('parameter-input-targetType')).count()).toBe(0);
		expect((await ndv.innerText()).replace(/\s+/g, ' ')).not.toMatch(
			/userEvents|profileEvents|Missing|required/i,
		);
		await page.keyboard.press('Escape');
		const node = page.locator(ed.T('canvas-node')).first();
		await node.waitFor();
		// The subtitle is an expression the canvas evaluates a moment after the panel closes.
		await node.getByText('Contact Created').first().waitFor({ timeout: 10_000 });
		expect(await node.locator(ed.T('node-issues')).count()).toBe(0);
	});

	test('8. Loop Detail JSON shows an example and refuses an unknown section by name, before any request', async () => {
		const base = {
			resource: 'loopDetail',
			operation: 'update',
			profileId: rl(MAIN),
			loopId: rl(50001),
			mode: 'json',
		};
		await openDotloop({ ...base, detailsJson: '' });
		const field = page
			.locator(`${ed.T('ndv')} ${ed.T('parameter-item')}`)
			.filter({ has: page.locator(ed.T('parameter-input-detailsJson')) })
			.last();
		await field.waitFor();
		expect((await field.innerText()).replace(/\s+/g, ' ')).toContain(
			'Example: {"Financials": {"Purchase/Sale Price": "342342"}, "Contract Dates": {"Closing Date": "03/15/2024"}}',
		);

		await openDotloop({
			...base,
			detailsJson: JSON.stringify({ 'Property Adress': { City: 'Chicago' } }),
		});
		const seq = await admin.lastSeq();
		const error = await j.executeStepError(page);
		expect(error.message).toBe(
			'"Details (JSON)": "Property Adress" is not a loop detail section; use one of ' +
				'Property Address, Financials, Contract Dates, Offer Dates, Contract Info, Referral, ' +
				'Listing Information, Geographic Description, Property',
		);
		const requests = await admin.requests({ since: seq });
		expect(requests.filter((r) => r.path.startsWith('/public/v2'))).toEqual([]);
	});
});
