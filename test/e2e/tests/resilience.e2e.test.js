'use strict';
/**
 * Token refresh, rate limits and faults, and Dotloop's errors, in a real n8n against the sandbox:
 *   - token refresh: the sandbox expires the access token while a workflow runs (during a Wait node); the
 *     next request (a multipart upload) gets 401, n8n refreshes once, the request is sent again and the
 *     workflow succeeds; n8n stores the refreshed token (decrypted from its database) and it is the one
 *     that works now;
 *   - rate limit and faults: with the sandbox's limit lowered to 10 requests per 0.5 s window and 5xx and
 *     429 answers injected, a workflow over 40 items finishes with every item, no error item and no 429
 *     surfaced, and every change is in the sandbox; a 429 is retried when X-RateLimit-Reset says;
 *   - errors a user sees: a 403 on an OFFICE profile and 422 validation errors surface in the execution with
 *     Dotloop's own message, the status and the failing node; with Continue On Fail they become error items
 *     while the other items go on.
 */
const {
	startStack,
	connectedDotloopCredential,
	request,
	makeBinaryPdf,
	sha256,
	targetVersion,
	wf,
} = require('../lib');

const { rl } = wf;
/**
 * n8n-core 2.41.1's OAuth2 refresh around a large upload is proven in the unit tier, which runs the node
 * on that n8n-core (test/unit/actions/document.test.ts, "never lets n8n-core's token refresh send a large
 * body again"); the unit tier cannot load 1.x's n8n-core, so this minute-long case runs on 1.x only.
 */
const onN8n1 = Number(targetVersion().split('.')[0]) < 2 ? test : test.skip;

let stack;
let n8n;
let sandbox;
let admin;
let credential;

beforeAll(async () => {
	stack = await startStack({ sandbox: { rateLimit: 100_000 } });
	({ n8n, sandbox, admin } = stack);
	({ credential } = await connectedDotloopCredential(n8n, sandbox, { name: 'Dotloop' }));
});

afterAll(async () => {
	if (stack) await stack.stop();
});

afterEach(async () => {
	await admin.clearFaults();
	await admin.config({ rateLimit: 100_000, clockScale: 1, errorRate: 0 });
});

function dotloop(name, parameters, opts) {
	return wf.dotloop(name, parameters, credential, opts);
}

async function storedToken() {
	return (await n8n.exportCredential(credential.id)).data.oauthTokenData;
}

async function accountStatus(accessToken) {
	return (
		await request(`${sandbox.apiBaseUrl}/account`, {
			headers: { Authorization: `Bearer ${accessToken}` },
		})
	).status;
}

test('rate limit and faults: 40 items through a lowered limit, 5xx and 429 answers; every item done, nothing surfaced', async () => {
	const contacts = (await admin.state()).contacts.slice(0, 40).map((c) => c.id);
	expect(contacts).toHaveLength(40);
	// 10 requests per window, the window 0.5 s (60 s / clock scale 120).
	await admin.config({ rateLimit: 10, clockScale: 120 });
	const faults = [
		{ status: 503, count: 1, method: 'GET', path: `/contact/${contacts[4]}$` },
		{ status: 500, count: 2, method: 'GET', path: `/contact/${contacts[11]}$` },
		{ status: 502, count: 2, method: 'GET', path: `/contact/${contacts[19]}$` },
		{ status: 429, count: 2, method: 'PATCH', path: `/contact/${contacts[27]}$` },
		{ status: 429, count: 1, method: 'GET', path: `/contact/${contacts[33]}$` },
	];
	for (const fault of faults) await admin.addFault(fault);
	const since = await admin.lastSeq();
	const t0 = Date.now();
	const { execution } = await n8n.runNodes(
		[
			wf.set('Contact ids', { ids: contacts }),
			wf.splitOut('One item per contact', 'ids'),
			dotloop(
				'Get contact',
				{ resource: 'contact', operation: 'get', contactId: '={{ $json.ids }}' },
				{ executeOnce: false },
			),
			dotloop(
				'Update contact',
				{
					resource: 'contact',
					operation: 'update',
					contactId: '={{ $json.id }}',
					updateFields: { city: 'Rate Limit City', fax: '={{ "fax-" + $json.id }}' },
				},
				{ executeOnce: false },
			),
		],
		{ name: 'resilience: rate limit and faults', timeoutMs: 180_000 },
	);
	const seconds = (Date.now() - t0) / 1000;
	const log = (await admin.requests({ since })).filter((e) => e.path.startsWith('/public/v2'));

	expect(n8n.executionError(execution)).toBeUndefined();
	expect(execution.status).toBe('success');
	const got = n8n.nodeOutput(execution, 'Get contact');
	const updated = n8n.nodeOutput(execution, 'Update contact');
	expect(got.map((c) => c.id)).toEqual(contacts);
	expect(updated.map((c) => c.id)).toEqual(contacts);
	for (const item of [...got, ...updated]) expect(item.error).toBeUndefined();
	expect(updated.every((c) => c.city === 'Rate Limit City' && c.fax === `fax-${c.id}`)).toBe(true);
	const state = (await admin.state()).contacts.filter((c) => contacts.includes(c.id));
	expect(state.every((c) => c.city === 'Rate Limit City' && c.fax === `fax-${c.id}`)).toBe(true);

	// What the sandbox saw: every injected fault was answered, and retried until it succeeded.
	const statuses = log.map((e) => e.status);
	const count = (s) => statuses.filter((x) => x === s).length;
	expect(count(503)).toBe(1);
	expect(count(500)).toBe(2);
	expect(count(502)).toBe(2);
	expect(count(429)).toBeGreaterThanOrEqual(3);
	expect(count(200)).toBe(80);
	// Each GET and PATCH reached Dotloop successfully exactly once: no item was sent twice after success.
	for (const id of contacts) {
		expect(
			log
				.filter((e) => e.path === `/public/v2/contact/${id}` && e.status === 200)
				.map((e) => e.method),
		).toEqual(['GET', 'PATCH']);
	}
	// ~85 requests at 10 per half second take at least 4 s: the lowered limit was really in force.
	expect(seconds).toBeGreaterThan(4);
	process.stderr.write(
		`[e2e] rate limit run: ${log.length} requests (${count(429)} x 429, ${count(500) + count(502) + count(503)} x 5xx) in ${seconds.toFixed(1)} s\n`,
	);
});

test('a 429 is retried when Dotloop says the window resets (X-RateLimit-Reset), not after a blind backoff', async () => {
	await admin.config({ clockScale: 120 }); // the window: 500 ms
	await admin.addFault({ status: 429, count: 1, method: 'GET', path: '/account$' });
	const since = await admin.lastSeq();
	const { execution } = await n8n.runNodes(
		[dotloop('Get account', { resource: 'account', operation: 'get' })],
		{ name: 'resilience: 429 reset' },
	);
	expect(execution.status).toBe('success');
	const [limited, retried] = await admin.requests({ since, path: '/public/v2/account' });
	expect([limited.status, retried.status]).toEqual([429, 200]);
	const gapMs = Date.parse(retried.time) - Date.parse(limited.time);
	expect(gapMs).toBeLessThan(1500);
});

test("errors: a 403 on an OFFICE profile surfaces with Dotloop's message, status and node", async () => {
	const { execution } = await n8n.runNodes(
		[
			dotloop('Loops of the office', {
				resource: 'loop',
				operation: 'getAll',
				profileId: rl(1003),
				returnAll: true,
			}),
		],
		{
			name: 'errors: 403 office profile',
		},
	);
	expect(execution.status).toBe('error');
	const error = n8n.executionError(execution);
	expect(error.message).toBe(
		'Access denied: loops are only available on INDIVIDUAL profiles; profile 1003 is OFFICE',
	);
	expect(String(error.httpCode)).toBe('403');
	expect(error.description).toMatch(/INDIVIDUAL profiles/);
	expect(error.node.name).toBe('Loops of the office');
	expect(n8n.executionError(execution, 'Loops of the office').message).toBe(error.message);
});

test("errors: a 422 validation error surfaces with Dotloop's message and the field", async () => {
	const { execution } = await n8n.runNodes(
		[
			dotloop('Loop without template', {
				resource: 'loop',
				operation: 'create',
				profileId: rl(1002),
				name: 'E2E needs a template',
				transactionType: 'PURCHASE_OFFER',
				status: 'PRE_OFFER',
			}),
		],
		{ name: 'errors: 422 template required' },
	);
	expect(execution.status).toBe('error');
	const error = n8n.executionError(execution);
	expect(error.message).toBe('templateId is required: this profile requires a loop template');
	expect(String(error.httpCode)).toBe('422');
	expect(error.description).toBe(
		'Check the fields named above. If this profile needs a template for new loops (its entry in the Profile list says so), choose one in "Loop Template".',
	);
	expect(error.node.name).toBe('Loop without template');
});

test("errors with Continue On Fail: the 422 item becomes an error item with Dotloop's message, the other items go on", async () => {
	const { execution } = await n8n.runNodes(
		[
			wf.set('Emails', { emails: ['first.ok@e2e.test', 'not-an-email', 'third.ok@e2e.test'] }),
			wf.splitOut('One item per email', 'emails'),
			dotloop(
				'Create contacts',
				{
					resource: 'contact',
					operation: 'create',
					firstName: 'Continue',
					lastName: 'OnFail',
					email: '={{ $json.emails }}',
				},
				{ executeOnce: false, onError: 'continueRegularOutput' },
			),
		],
		{ name: 'errors: continue on fail' },
	);
	expect(execution.status).toBe('success');
	const out = n8n.nodeOutput(execution, 'Create contacts');
	expect(out).toHaveLength(3);
	expect(out[0]).toMatchObject({ email: 'first.ok@e2e.test', id: expect.any(Number) });
	expect(out[1]).toEqual({
		error: 'email "not-an-email" is not a valid email address',
		httpCode: '422',
		description: expect.stringMatching(/rejected its values/),
	});
	expect(out[2]).toMatchObject({ email: 'third.ok@e2e.test', id: expect.any(Number) });
	const emails = (await admin.state()).contacts.map((c) => c.email);
	expect(emails).toEqual(expect.arrayContaining(['first.ok@e2e.test', 'third.ok@e2e.test']));
	expect(emails).not.toContain('not-an-email');
});

test("reconnect: a revoked grant reaches the user as n8n's own error, with and without Continue On Fail", async () => {
	const { credential: revoked } = await connectedDotloopCredential(n8n, sandbox, {
		name: 'Dotloop revoked',
	});
	const { refresh_token: refreshToken } = (await n8n.exportCredential(revoked.id)).data
		.oauthTokenData;
	await request(`${sandbox.url}/oauth/token/revoke?token=${encodeURIComponent(refreshToken)}`, {
		method: 'POST',
		expect: 200,
	});
	const account = (name, opts) =>
		wf.dotloop(name, { resource: 'account', operation: 'get' }, revoked, opts);

	const { execution } = await n8n.runNodes([account('Account')], { name: 'reconnect: stops' });
	const { execution: continued } = await n8n.runNodes(
		[account('Account', { onError: 'continueRegularOutput' })],
		{ name: 'reconnect: continue on fail' },
	);

	expect(execution.status).toBe('error');
	const error = n8n.executionError(execution);
	const [item] = n8n.nodeOutput(continued, 'Account');
	expect(item.error).toBe(error.message);
	for (const text of [error.message, error.description, item.error, item.description]) {
		expect(String(text)).not.toMatch(/Could not reach Dotloop|Try again later/);
	}
	// n8n 2.x words it itself; 1.x passes on the token endpoint's refusal.
	if (stack.major >= 2) {
		expect(error.message).toBe('The credential "Dotloop revoked" needs to be reconnected.');
		expect(error.description).toMatch(/reconnect it/);
	}
});

test('token refresh: the token expires mid-workflow, n8n refreshes it once, the workflow succeeds and the new token is stored', async () => {
	const before = await storedToken();
	const refreshesBefore = (await admin.state()).refreshCount;
	const pdf = makeBinaryPdf('Refresh test');
	// The upload goes into the first folder of loop 50003.
	const folderId = (await admin.state()).loops.find((l) => l.id === 50003).folders[0].id;
	const nodes = [
		dotloop('Get account', { resource: 'account', operation: 'get' }),
		wf.wait('Pause', 2),
		wf.set('PDF as base64', { pdf: pdf.toString('base64') }),
		wf.toFile('PDF to file', 'pdf', 'refresh.pdf'),
		dotloop('Upload after expiry', {
			resource: 'document',
			operation: 'upload',
			profileId: rl(1001),
			loopId: rl(50003),
			folderId: rl(folderId),
			binaryPropertyName: 'data',
		}),
		dotloop('Get loop', {
			resource: 'loop',
			operation: 'get',
			profileId: rl(1001),
			loopId: rl(50003),
		}),
	];
	const since = await admin.lastSeq();
	const trigger = wf.manualTrigger();
	const { nodes: placed, connections } = wf.line([trigger, ...nodes]);
	const workflow = await n8n.createWorkflow({
		name: 'resilience: token refresh',
		nodes: placed,
		connections,
	});
	const { executionId } = await n8n.runWorkflow(workflow.id, trigger.name, { wait: false });
	// Expire every access token once the first request is through, while the Wait node holds the run.
	await admin.waitForRequest({ since, path: '/public/v2/account' });
	await admin.expireTokens();
	const execution = await n8n.waitForExecution(executionId);

	expect(execution.status).toBe('success');
	const log = await admin.requests({ since });
	const uploadPath = `/public/v2/profile/1001/loop/50003/folder/${folderId}/document/`;
	const seen = log.map((e) => `${e.method} ${e.path} -> ${e.status}`);
	// The upload meets the expired token (401) once or twice — the transport reads every answer itself and
	// repeats a 401 the way n8n refreshes on, one extra request per expiry — then exactly one refresh, then
	// the upload succeeds and the run goes on.
	const rejected = seen.filter((line) => line === `POST ${uploadPath} -> 401`).length;
	expect(rejected).toBeGreaterThanOrEqual(1);
	expect(rejected).toBeLessThanOrEqual(2);
	expect(seen).toEqual([
		'GET /public/v2/account -> 200',
		...Array(rejected).fill(`POST ${uploadPath} -> 401`),
		'POST /oauth/token -> 200',
		`POST ${uploadPath} -> 201`,
		'GET /public/v2/profile/1001/loop/50003 -> 200',
	]);
	const refresh = log.find((e) => e.path === '/oauth/token');
	expect(refresh.body).toMatchObject({ grant_type: 'refresh_token' });
	// Every upload attempt carried the whole multipart body, the one after the refresh included.
	for (const attempt of log.filter((e) => e.path === uploadPath)) {
		expect(attempt.body.parts).toEqual([
			expect.objectContaining({ name: 'file', size: pdf.length, sha256: sha256(pdf) }),
		]);
	}

	const state = await admin.state();
	expect(state.refreshCount).toBe(refreshesBefore + 1);
	const after = await storedToken();
	expect(after.access_token).not.toBe(before.access_token);
	expect(after.refresh_token).toBe(before.refresh_token);
	expect(await accountStatus(after.access_token)).toBe(200);
	expect(await accountStatus(before.access_token)).toBe(401);
});

onN8n1(
	'token refresh before a large upload (n8n 1.x; 2.x in the unit tier): getting the folder takes the 401 and the refresh, the file travels once',
	async () => {
		const refreshesBefore = (await admin.state()).refreshCount;
		// 2 MB: a real PDF, then incompressible padding (past the size from which the body waits for a fresh token).
		const pdf = Buffer.concat([
			makeBinaryPdf('Large upload'),
			require('node:crypto').randomBytes(2_000_000),
		]);
		const folderId = (await admin.state()).loops.find((l) => l.id === 50003).folders[0].id;
		const trigger = wf.manualTrigger();
		const { nodes: placed, connections } = wf.line([
			trigger,
			// Longer than the minute in which a token Dotloop accepted (in the tests before) counts as fresh.
			wf.wait('Pause', 62),
			wf.set('PDF as base64', { pdf: pdf.toString('base64') }),
			wf.toFile('PDF to file', 'pdf', 'large.pdf'),
			dotloop('Upload large file', {
				resource: 'document',
				operation: 'upload',
				profileId: rl(1001),
				loopId: rl(50003),
				folderId: rl(folderId),
				binaryPropertyName: 'data',
			}),
		]);
		const workflow = await n8n.createWorkflow({
			name: 'resilience: large upload',
			nodes: placed,
			connections,
		});
		await admin.expireTokens();
		const since = await admin.lastSeq();
		const execution = await n8n.runWorkflow(workflow.id, trigger.name, { timeoutMs: 180_000 });

		expect(execution.status).toBe('success');
		const log = await admin.requests({ since });
		const folderPath = `/public/v2/profile/1001/loop/50003/folder/${folderId}`;
		const seen = log.map((e) => `${e.method} ${e.path} -> ${e.status}`);
		const rejected = seen.filter((line) => line === `GET ${folderPath} -> 401`).length;
		expect(rejected).toBeGreaterThanOrEqual(1);
		expect(rejected).toBeLessThanOrEqual(2);
		expect(seen).toEqual([
			...Array(rejected).fill(`GET ${folderPath} -> 401`),
			'POST /oauth/token -> 200',
			`GET ${folderPath} -> 200`,
			`POST ${folderPath}/document/ -> 201`,
		]);
		const [upload] = log.filter((e) => e.method === 'POST' && e.path === `${folderPath}/document/`);
		expect(upload.body.parts).toEqual([
			expect.objectContaining({ name: 'file', size: pdf.length, sha256: sha256(pdf) }),
		]);
		expect((await admin.state()).refreshCount).toBe(refreshesBefore + 1);
	},
	240_000,
);
