'use strict';
/**
 * The Dotloop credential is connected through the real OAuth2 authorization-code flow in a real n8n
 * (the version under test), against the local sandbox: n8n builds the authorize URL from the credential's
 * pinned authUrl (redirected by CREDENTIALS_OVERWRITE_DATA), the consent page is approved or denied by
 * POSTing its form, n8n's callback exchanges the code with HTTP Basic client auth and stores the token.
 */
const {
	startStack,
	connectOAuth2,
	createDotloopCredential,
	CALLBACK_PATH,
	request,
} = require('../lib');

let stack;
let n8n;
let sandbox;
let admin;

beforeAll(async () => {
	stack = await startStack({ sandbox: { autoApprove: false } });
	({ n8n, sandbox, admin } = stack);
});

afterAll(async () => {
	if (stack) await stack.stop();
});

afterEach(async () => {
	await admin.config({ autoApprove: false });
});

test('approve: n8n stores a working token obtained with Basic client auth and a form body', async () => {
	const credential = await createDotloopCredential(n8n, sandbox, { name: 'Dotloop (approve)' });
	const since = await admin.lastSeq();

	const flow = await connectOAuth2(n8n, credential.id, { decision: 'approve' });

	// n8n built the authorize URL from the overwritten authUrl, with the credential's hidden query parameters.
	const authorize = new URL(flow.authorizeUrl);
	expect(`${authorize.origin}${authorize.pathname}`).toBe(`${sandbox.url}/oauth/authorize`);
	expect(authorize.searchParams.get('client_id')).toBe(sandbox.clientId);
	expect(authorize.searchParams.get('response_type')).toBe('code');
	expect(authorize.searchParams.get('redirect_uri')).toBe(`${n8n.baseUrl}${CALLBACK_PATH}`);
	expect(authorize.searchParams.get('redirect_on_deny')).toBe('true');
	expect(authorize.searchParams.get('state')).toBeTruthy();

	// A person saw the consent page and approved; the sandbox sent the browser back with a code.
	expect(flow.consentPage).toMatch(/Approve/);
	expect(flow.callbackQuery.code).toBeTruthy();
	expect(flow.callbackQuery.state).toBe(authorize.searchParams.get('state'));
	expect(flow.ok).toBe(true);
	expect(flow.pageText).toMatch(/Connection successful/);

	// The code exchange as the sandbox saw it.
	const tokenRequests = await admin.requests({ since, method: 'POST', path: '/oauth/token' });
	expect(tokenRequests).toHaveLength(1);
	const [tokenRequest] = tokenRequests;
	expect(tokenRequest.status).toBe(200); // the sandbox accepts client credentials only as HTTP Basic
	expect(tokenRequest.headers.authorization).toBeTruthy();
	expect(tokenRequest.headers.authorization).toMatch(/^(Basic |\[redacted\])/);
	expect(tokenRequest.headers['content-type']).toMatch(/application\/x-www-form-urlencoded/);
	expect(tokenRequest.body).toMatchObject({
		grant_type: 'authorization_code',
		redirect_uri: `${n8n.baseUrl}${CALLBACK_PATH}`,
	});
	expect(tokenRequest.body.code).toBeTruthy();
	expect(tokenRequest.body.client_secret).toBeUndefined(); // not in the body: Basic auth only

	// What n8n stored, decrypted from its database.
	const stored = await n8n.exportCredential(credential.id);
	expect(stored.type).toBe('dotloopOAuth2Api');
	const token = stored.data.oauthTokenData;
	expect(token).toBeDefined();
	expect(token.access_token).toEqual(expect.any(String));
	expect(token.refresh_token).toEqual(expect.any(String));
	expect(Number(token.expires_in)).toBeGreaterThan(0);
	// 2.x records when the token expires; 1.x stores the token response as is.
	if (stack.major >= 2) expect(Number(token.n8n_expires_at)).toBeGreaterThan(Date.now());
	expect(stored.data.apiBaseUrl).toBe(sandbox.apiBaseUrl);

	// ...and the token works against the API.
	const account = await request(`${sandbox.apiBaseUrl}/account`, {
		headers: { Authorization: `Bearer ${token.access_token}` },
	});
	expect(account.status).toBe(200);
});

test('deny: the credential stays unconnected and no token is requested', async () => {
	const credential = await createDotloopCredential(n8n, sandbox, { name: 'Dotloop (deny)' });
	const since = await admin.lastSeq();

	const flow = await connectOAuth2(n8n, credential.id, { decision: 'deny' });

	expect(flow.consentPage).toMatch(/Deny/);
	// redirect_on_deny=true: the sandbox sends the browser back to n8n with error=access_denied.
	expect(flow.callbackQuery).toMatchObject({ error: 'access_denied' });
	expect(flow.callbackQuery.code).toBeUndefined();
	expect(flow.ok).toBe(false);
	expect(flow.pageText).not.toMatch(/Connection successful/);

	expect(await admin.requests({ since, path: '/oauth/token' })).toHaveLength(0);
	const stored = await n8n.exportCredential(credential.id);
	expect(stored.data.oauthTokenData).toBeUndefined();
});

test('auto-approve: the sandbox skips the consent page and the credential connects', async () => {
	await admin.config({ autoApprove: true });
	const credential = await createDotloopCredential(n8n, sandbox, {
		name: 'Dotloop (auto-approve)',
	});

	const flow = await connectOAuth2(n8n, credential.id);

	expect(flow.consentPage).toBeNull();
	expect(flow.ok).toBe(true);
	const stored = await n8n.exportCredential(credential.id);
	expect(stored.data.oauthTokenData.access_token).toEqual(expect.any(String));
});
