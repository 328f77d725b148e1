'use strict';
/**
 * Agents and the way out for what the node lacks, in a real n8n against the sandbox:
 *   - MCP: an active workflow with n8n's MCP Server Trigger and Dotloop tool nodes (Loop Find, Loop Get
 *     Full, Contact Create or Update, Loop Get Many; parameters from `$fromAI`), called by a real MCP client
 *     (@modelcontextprotocol/sdk over Streamable HTTP): the client sees each tool's name, description and
 *     input schema; calls return the sandbox's data and make the sandbox's changes; a bad argument comes
 *     back as an error result the agent can read, and the server goes on answering;
 *   - Custom API Call: the node answers n8n's "Custom API Call" with what to do instead; HTTP Request with
 *     the predefined Dotloop credential calls /account and survives a token expiry (n8n refreshes it).
 */
const crypto = require('node:crypto');
const { Client } = require('@modelcontextprotocol/sdk/client/index.js');
const {
	StreamableHTTPClientTransport,
} = require('@modelcontextprotocol/sdk/client/streamableHttp.js');
const {
	startStack,
	connectedDotloopCredential,
	PACKAGE_NAME,
	CREDENTIAL_TYPE,
	wf,
} = require('../lib');

const { rl } = wf;

const TOOL_TYPE = `${PACKAGE_NAME}.dotloopTool`;
const MCP_TRIGGER = 'MCP Server Trigger';
const PROFILE = 1001;
const API = /^\/public\/v2\//;

// The tool descriptions the node gives each operation (nodes/Dotloop/actions/<resource>/<op>.operation.ts).
const DESCRIPTIONS = {
	Find_loops:
		"Find a profile's loops whose name contains a text, or whose MLS number or street address matches; one result per loop. Reads only, changes nothing. Cost: 1 request per 100 loops of the profile, fewer once the limit of matches is found.",
	Get_full_loop:
		'Get a whole loop in one result: the loop, its details (property, financials, dates), participants, folders with their documents and task lists with their tasks. Reads only, changes nothing. Cost: 1 request per part chosen (5 parts by default), plus 1 per task list.',
	Create_or_update_contact:
		'Create or update a contact by email: updates the contact with that email (the most recently updated one if several have it), or creates it if none does; the result says which. Changes data in Dotloop. Cost: 1 request per 100 contacts in the directory, plus 1.',
	Get_many_loops:
		'List the loops of a profile, with optional filters (updated or created since, transaction types, statuses) and sorting. Reads only, changes nothing. Cost: 1 request per 100 loops returned.',
};

let stack;
let n8n;
let sandbox;
let admin;
let credential;

beforeAll(async () => {
	stack = await startStack();
	({ n8n, sandbox, admin } = stack);
	({ credential } = await connectedDotloopCredential(n8n, sandbox, { name: 'Dotloop' }));
});

afterAll(async () => {
	if (stack) await stack.stop();
});

const fromAI = (key, description, type = 'string') =>
	`={{ $fromAI('${key}', \`${description}\`, '${type}') }}`;

function tool(name, parameters) {
	return { ...wf.dotloop(name, parameters, credential, { executeOnce: false }), type: TOOL_TYPE };
}

describe('MCP Server Trigger with Dotloop tools, called by an MCP client', () => {
	const path = `dotloop-mcp-${process.pid}`;
	let client;

	beforeAll(async () => {
		const tools = [
			tool('Find loops', {
				resource: 'loop',
				operation: 'find',
				profileId: rl(
					fromAI('profileId', 'The Dotloop profile ID whose loops to search', 'number'),
				),
				searchBy: 'name',
				searchText: fromAI('searchText', 'Text the loop name contains, e.g. a street name'),
				limit: 10,
			}),
			tool('Get full loop', {
				resource: 'loop',
				operation: 'getFull',
				profileId: rl(
					fromAI('profileId', 'The Dotloop profile ID whose loops to search', 'number'),
				),
				loopId: rl(fromAI('loopId', 'The loop ID, as Find loops returns it', 'number')),
			}),
			tool('Create or update contact', {
				resource: 'contact',
				operation: 'upsert',
				email: fromAI('email', "The contact's email address"),
				firstName: fromAI('firstName', "The contact's first name"),
				lastName: fromAI('lastName', "The contact's last name"),
			}),
			// No $fromAI: everything is set in the node, so the tool takes no arguments.
			tool('Get many loops', {
				resource: 'loop',
				operation: 'getAll',
				profileId: rl(1002),
				limit: 3,
			}),
		];
		const trigger = {
			id: 'mcp-trigger',
			name: MCP_TRIGGER,
			type: '@n8n/n8n-nodes-langchain.mcpTrigger',
			typeVersion: 2,
			position: [0, 0],
			webhookId: crypto.randomUUID(),
			parameters: { path, authentication: 'none' },
		};
		const connections = Object.fromEntries(
			tools.map((t) => [t.name, { ai_tool: [[{ node: MCP_TRIGGER, type: 'ai_tool', index: 0 }]] }]),
		);
		const workflow = await n8n.createWorkflow({
			name: 'agents: MCP server',
			nodes: [trigger, ...tools.map((t, i) => ({ ...t, position: [220 * (i + 1), 200] }))],
			connections,
		});
		await n8n.activate(workflow.id);
		client = new Client({ name: 'dotloop-e2e', version: '1.0.0' });
		await client.connect(new StreamableHTTPClientTransport(new URL(`${n8n.baseUrl}/mcp/${path}`)));
	});

	afterAll(async () => {
		if (client) await client.close();
	});

	test("the client sees each tool's name, description and input schema", async () => {
		const { tools } = await client.listTools();
		const byName = Object.fromEntries(tools.map((t) => [t.name, t]));
		expect(Object.keys(byName).sort()).toEqual(Object.keys(DESCRIPTIONS).sort());
		for (const [name, description] of Object.entries(DESCRIPTIONS))
			expect(byName[name].description).toBe(description);

		expect(byName.Find_loops.inputSchema).toMatchObject({
			type: 'object',
			properties: {
				profileId: { type: 'number', description: 'The Dotloop profile ID whose loops to search' },
				searchText: {
					type: 'string',
					description: 'Text the loop name contains, e.g. a street name',
				},
			},
		});
		expect([...byName.Find_loops.inputSchema.required].sort()).toEqual(['profileId', 'searchText']);
		expect(byName.Get_full_loop.inputSchema.properties).toEqual({
			profileId: { type: 'number', description: 'The Dotloop profile ID whose loops to search' },
			loopId: { type: 'number', description: 'The loop ID, as Find loops returns it' },
		});
		expect(byName.Create_or_update_contact.inputSchema.properties).toEqual({
			email: { type: 'string', description: "The contact's email address" },
			firstName: { type: 'string', description: "The contact's first name" },
			lastName: { type: 'string', description: "The contact's last name" },
		});
		expect(byName.Get_many_loops.inputSchema.properties).toEqual({});
	});

	test("a read returns the sandbox's loops, with the requests the description states", async () => {
		const { loops } = await admin.state();
		const expected = loops
			.filter((l) => l.profileId === PROFILE && /waterview/i.test(l.name) && !l.mergedInto)
			.map((l) => ({ id: l.id, name: l.name, status: l.status }))
			.sort((a, b) => a.id - b.id);
		expect(expected.length).toBeGreaterThan(1);
		const since = await admin.lastSeq();

		const result = await client.callTool({
			name: 'Find_loops',
			arguments: { profileId: PROFILE, searchText: 'Waterview' },
		});

		expect(result.isError).toBeFalsy();
		const found = JSON.parse(result.content[0].text);
		// In the list's order (Dotloop's); compared by ID.
		expect(
			found.map((l) => ({ id: l.id, name: l.name, status: l.status })).sort((a, b) => a.id - b.id),
		).toEqual(expected);
		const log = await admin.requests({ since, path: API });
		// 37 loops in the sandbox: one batch of 100 reads the profile's whole list.
		expect(log.map((e) => `${e.method} ${e.path} ${e.status}`)).toEqual([
			`GET /public/v2/profile/${PROFILE}/loop 200`,
		]);
		expect(log[0].query).toMatchObject({
			include_details: 'true',
			batch_size: '100',
			batch_number: '1',
		});
	});

	test('Get Full returns the whole loop as the sandbox holds it', async () => {
		const { loops } = await admin.state();
		const loop = loops.find((l) => l.profileId === PROFILE && /waterview/i.test(l.name));
		const result = await client.callTool({
			name: 'Get_full_loop',
			arguments: { profileId: PROFILE, loopId: loop.id },
		});
		expect(result.isError).toBeFalsy();
		const [full] = JSON.parse(result.content[0].text);
		expect(full.loop).toMatchObject({ id: loop.id, name: loop.name, status: loop.status });
		expect(full.details['Property Address']).toEqual(loop.details['Property Address']);
		expect(full.participants.map((p) => p.id).sort()).toEqual(
			loop.participants.map((p) => p.id).sort(),
		);
		expect(full.folders.map((f) => [f.id, f.documents.map((d) => d.id)])).toEqual(
			loop.folders.map((f) => [f.id, f.documents.map((d) => d.id)]),
		);
		expect(full.taskLists.map((t) => t.id)).toEqual(loop.taskLists.map((t) => t.id));
	});

	test('a write changes the sandbox: Create or Update creates the contact, then updates it', async () => {
		const email = `agent.${process.pid}@example.com`;
		const since = await admin.lastSeq();
		const created = await client.callTool({
			name: 'Create_or_update_contact',
			arguments: { email, firstName: 'Ada', lastName: 'Agent' },
		});
		expect(created.isError).toBeFalsy();
		const [first] = JSON.parse(created.content[0].text);
		expect(first).toMatchObject({ action: 'created', email, firstName: 'Ada', lastName: 'Agent' });

		const updated = await client.callTool({
			name: 'Create_or_update_contact',
			arguments: { email, firstName: 'Ada', lastName: 'Lovelace' },
		});
		expect(updated.isError).toBeFalsy();
		const [second] = JSON.parse(updated.content[0].text);
		expect(second).toMatchObject({ action: 'updated', id: first.id, lastName: 'Lovelace' });
		const stored = (await admin.state()).contacts.filter((c) => c.email === email);
		expect(stored).toEqual([expect.objectContaining({ id: first.id, lastName: 'Lovelace' })]);
		const writes = (await admin.requests({ since, path: /^\/public\/v2\/contact/ })).filter(
			(e) => e.method !== 'GET',
		);
		expect(writes.map((e) => [`${e.method} ${e.path} ${e.status}`, e.body])).toEqual([
			['POST /public/v2/contact 201', { firstName: 'Ada', lastName: 'Agent', email }],
			[
				`PATCH /public/v2/contact/${first.id} 200`,
				{ firstName: 'Ada', lastName: 'Lovelace', email },
			],
		]);
	});

	test('a bad argument comes back as an error the agent can read, and the server goes on', async () => {
		const since = await admin.lastSeq();
		const badEmail = await client.callTool({
			name: 'Create_or_update_contact',
			arguments: { email: 'not-an-email', firstName: 'Ada', lastName: 'Agent' },
		});
		expect(badEmail.isError).toBe(true);
		expect(badEmail.content[0].text).toContain(
			'"Email" must be an email address such as name@example.com, not "not-an-email"',
		);
		// Refused before any request.
		expect(await admin.requests({ since, path: API })).toEqual([]);

		const missing = await client.callTool({
			name: 'Get_full_loop',
			arguments: { profileId: PROFILE, loopId: 99999999 },
		});
		expect(missing.isError).toBe(true);
		expect(missing.content[0].text).toContain('Loop 99999999 not found in profile 1001');

		const again = await client.callTool({
			name: 'Find_loops',
			arguments: { profileId: PROFILE, searchText: 'Waterview' },
		});
		expect(again.isError).toBeFalsy();
		expect(JSON.parse(again.content[0].text).length).toBeGreaterThan(0);
	});
});

describe('Custom API Call: the way out for what the node lacks', () => {
	test('the node answers "Custom API Call" with what to do instead', async () => {
		const { execution } = await n8n.runNodes(
			[wf.dotloop('Dotloop', { resource: '__CUSTOM_API_CALL__' }, credential)],
			{ name: 'agents: custom API call' },
		);
		expect(execution.status).toBe('error');
		const error = n8n.executionError(execution);
		expect(error.message).toBe(
			'"Custom API Call" is not an operation of the Dotloop node: use the HTTP Request node with Authentication "Predefined Credential Type", Credential Type "Dotloop OAuth2 API" and the full URL, e.g. https://api-gateway.dotloop.com/public/v2/account',
		);
		expect(error.description).toBe(
			"Every Dotloop API address starts with https://api-gateway.dotloop.com/public/v2. HTTP Request sends the credential's token and refreshes it; it does not pace requests to Dotloop's rate limit, page through lists or report merged loops, which this node does.",
		);
	});

	test('HTTP Request with the predefined Dotloop credential calls /account and survives a token expiry', async () => {
		const httpRequest = {
			name: 'Dotloop account',
			type: 'n8n-nodes-base.httpRequest',
			typeVersion: 4.2,
			parameters: {
				url: `${sandbox.apiBaseUrl}/account`,
				authentication: 'predefinedCredentialType',
				nodeCredentialType: CREDENTIAL_TYPE,
				options: {},
			},
			credentials: { [CREDENTIAL_TYPE]: { id: String(credential.id), name: credential.name } },
		};
		const { users } = await admin.state();
		const since = await admin.lastSeq();
		const first = await n8n.runNodes([httpRequest], { name: 'agents: HTTP Request account' });
		expect(n8n.executionError(first.execution)).toBeUndefined();
		const [account] = n8n.nodeOutput(first.execution, 'Dotloop account');
		expect(account.data).toMatchObject({ id: users[0].id, email: users[0].email });

		await admin.expireTokens();
		const second = await n8n.runWorkflow(first.workflow.id, 'Manual Trigger');
		expect(n8n.executionError(second)).toBeUndefined();
		expect(n8n.nodeOutput(second, 'Dotloop account')).toEqual([account]);
		const log = (await admin.requests({ since })).filter(
			(e) => e.path === '/public/v2/account' || e.path === '/oauth/token',
		);
		expect(log.map((e) => `${e.method} ${e.path} -> ${e.status}`)).toEqual([
			'GET /public/v2/account -> 200',
			'GET /public/v2/account -> 401',
			'POST /oauth/token -> 200',
			'GET /public/v2/account -> 200',
		]);
		expect(log[2].body).toMatchObject({ grant_type: 'refresh_token' });
	});
});
