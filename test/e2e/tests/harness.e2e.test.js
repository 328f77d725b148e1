'use strict';
/**
 * The harness itself, on the n8n version under test, with core nodes only: the packed package is loaded
 * under its community-node type names, a manual run works, and a core Webhook workflow can be activated,
 * receives a POST, and stops receiving after deactivation. If this file fails, suspect the harness or the
 * provisioned n8n rather than the Dotloop package.
 */
const {
	startStack,
	request,
	PACKAGE_NAME,
	NODE_TYPE,
	TRIGGER_TYPE,
	CREDENTIAL_TYPE,
} = require('../lib');

let stack;
let n8n;

beforeAll(async () => {
	// Package load errors are asserted by a test below instead of failing every test here.
	stack = await startStack({ sandbox: false, allowPackageLoadErrors: true });
	n8n = stack.n8n;
});

afterAll(async () => {
	if (stack) await stack.stop();
});

test('the packed package is installed as the Community Nodes installer leaves it', () => {
	const fs = require('node:fs');
	const path = require('node:path');
	const nodesDir = path.join(n8n.userFolder, '.n8n', 'nodes');
	const ledger = JSON.parse(fs.readFileSync(path.join(nodesDir, 'package.json'), 'utf8'));
	expect(ledger.dependencies[PACKAGE_NAME]).toBe(n8n.installedPackage.version);
	const manifest = JSON.parse(
		fs.readFileSync(path.join(nodesDir, 'node_modules', PACKAGE_NAME, 'package.json'), 'utf8'),
	);
	expect(manifest.devDependencies).toBeUndefined();
	expect(manifest.peerDependencies).toBeUndefined();
	expect(fs.existsSync(path.join(nodesDir, 'node_modules', PACKAGE_NAME, 'node_modules'))).toBe(
		false,
	);
});

test('n8n loads the package: node and credential types under their community names', async () => {
	expect(n8n.packageLoadErrors()).toEqual([]);
	const nodes = await request(`${n8n.baseUrl}/types/nodes.json`, { jar: n8n.jar, expect: 200 });
	const names = JSON.parse(nodes.text).map((t) => t.name);
	expect(names).toEqual(expect.arrayContaining([NODE_TYPE, TRIGGER_TYPE]));
	const creds = await request(`${n8n.baseUrl}/types/credentials.json`, {
		jar: n8n.jar,
		expect: 200,
	});
	expect(JSON.parse(creds.text).map((t) => t.name)).toContain(CREDENTIAL_TYPE);
});

test('manual run of a core workflow returns node output', async () => {
	const wf = await n8n.createWorkflow({
		name: 'harness: manual',
		nodes: [
			{
				id: 'm1',
				name: 'Manual Trigger',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: 's1',
				name: 'Set',
				type: 'n8n-nodes-base.set',
				typeVersion: 3.4,
				position: [200, 0],
				parameters: {
					assignments: {
						assignments: [{ id: 'a1', name: 'hello', value: 'world', type: 'string' }],
					},
				},
			},
		],
		connections: { 'Manual Trigger': { main: [[{ node: 'Set', type: 'main', index: 0 }]] } },
	});
	const exec = await n8n.runWorkflow(wf.id, 'Manual Trigger');
	expect(exec.status).toBe('success');
	expect(n8n.nodeOutput(exec, 'Set')).toEqual([{ hello: 'world' }]);
});

test('a core webhook workflow activates, receives a POST, and is gone after deactivation', async () => {
	const webhook = { path: `harness-${Date.now()}` };
	const wf = await n8n.createWorkflow({
		name: 'harness: webhook',
		nodes: [
			{
				id: 'w1',
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: `harness-${Date.now()}`,
				parameters: { httpMethod: 'POST', path: webhook.path },
			},
		],
	});
	const activation = await n8n.activate(wf.id);
	expect(activation.ok).toBe(true);
	expect(await n8n.isWebhookRegistered(webhook)).toBe(true);

	const res = await n8n.postWebhook({ ...webhook, json: { ping: 1 } });
	expect(res.status).toBe(200);
	const [exec] = await n8n.waitForExecutions(wf.id, { count: 1 });
	expect(exec.status).toBe('success');
	expect(n8n.nodeOutput(exec, 'Webhook')[0].body).toEqual({ ping: 1 });

	await n8n.deactivate(wf.id, { webhook });
	expect(await n8n.isWebhookRegistered(webhook)).toBe(false);
	const after = await n8n.postWebhook({ ...webhook, json: { ping: 2 } });
	expect(after.status).toBe(404);
});

test('activation failures are reported (a workflow without a trigger cannot be activated)', async () => {
	const wf = await n8n.createWorkflow({
		name: 'harness: no trigger',
		nodes: [
			{
				id: 'n1',
				name: 'No Op',
				type: 'n8n-nodes-base.noOp',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
		],
	});
	const result = await n8n.activate(wf.id, { throwOnError: false });
	expect(result.ok).toBe(false);
	expect(String(result.error)).not.toBe('');
});
