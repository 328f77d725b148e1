'use strict';

const { start, call, admin } = require('./test-helpers');

const REDIRECT = 'http://127.0.0.1:5678/rest/oauth2-credential/callback';

describe('sandbox OAuth2', () => {
	let sb;
	let basic;
	beforeAll(async () => {
		sb = await start();
		basic = `Basic ${Buffer.from(`${sb.clientId}:${sb.clientSecret}`).toString('base64')}`;
	});
	afterAll(() => sb.stop());
	afterEach(() => admin(sb, 'PATCH', '/config', { autoApprove: false, tokenTtlSeconds: 43199 }));

	const authorizeUrl = (extra = '') =>
		`/oauth/authorize?response_type=code&client_id=${sb.clientId}&redirect_uri=${encodeURIComponent(REDIRECT)}&state=st%3D1${extra}`;

	async function approveCode(redirectUri = REDIRECT) {
		const form = new URLSearchParams({
			response_type: 'code',
			client_id: sb.clientId,
			redirect_uri: redirectUri,
			state: 'xyz',
			decision: 'approve',
		});
		const res = await call(sb, 'POST', '/oauth/authorize/decision', {
			body: form.toString(),
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
		});
		expect(res.status).toBe(302);
		const location = new URL(res.headers.get('location'));
		expect(location.searchParams.get('state')).toBe('xyz');
		return location.searchParams.get('code');
	}

	const tokenRequest = (params, { form = false, auth = basic } = {}) => {
		const qs = new URLSearchParams(params).toString();
		const headers = auth ? { Authorization: auth } : {};
		if (form) {
			return call(sb, 'POST', '/oauth/token', {
				body: qs,
				headers: { ...headers, 'Content-Type': 'application/x-www-form-urlencoded' },
			});
		}
		return call(sb, 'POST', `/oauth/token?${qs}`, { headers });
	};

	test('authorize shows a consent page whose Approve and Deny forms carry the parameters', async () => {
		const res = await call(sb, 'GET', authorizeUrl('&scope=&redirect_on_deny=true'));
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toMatch(/text\/html/);
		expect(res.text).toContain('Dotloop Sandbox Demo App');
		expect(res.text.match(/action="\/oauth\/authorize\/decision"/g)).toHaveLength(2);
		expect(res.text).toContain('Approve');
		expect(res.text).toContain('Deny');
		expect(res.text).toContain(`name="redirect_uri" value="${REDIRECT}"`);
		expect(res.text).toContain('name="state" value="st=1"');
		expect(res.text).toContain('name="redirect_on_deny" value="true"');
	});

	test('an unknown client_id gets a 400 page', async () => {
		const res = await call(
			sb,
			'GET',
			`/oauth/authorize?response_type=code&client_id=nope&redirect_uri=${encodeURIComponent(REDIRECT)}`,
		);
		expect(res.status).toBe(400);
		expect(res.text).toContain('Unknown client_id');
	});

	test('approve redirects with code and state', async () => {
		const code = await approveCode();
		expect(code).toMatch(/^[\w-]{10,}$/);
	});

	test('deny redirects with access_denied only when redirect_on_deny=true', async () => {
		const base = {
			response_type: 'code',
			client_id: sb.clientId,
			redirect_uri: REDIRECT,
			state: 's1',
			decision: 'deny',
		};
		const headers = { 'Content-Type': 'application/x-www-form-urlencoded' };
		const redirected = await call(sb, 'POST', '/oauth/authorize/decision', {
			body: new URLSearchParams({ ...base, redirect_on_deny: 'true' }).toString(),
			headers,
		});
		expect(redirected.status).toBe(302);
		const location = new URL(redirected.headers.get('location'));
		expect(location.searchParams.get('error')).toBe('access_denied');
		expect(location.searchParams.get('state')).toBe('s1');
		expect(location.searchParams.get('code')).toBeNull();

		const closed = await call(sb, 'POST', '/oauth/authorize/decision', {
			body: new URLSearchParams(base).toString(),
			headers,
		});
		expect(closed.status).toBe(200);
		expect(closed.text).toContain('You can close this window');
	});

	test('autoApprove answers the authorize GET with the approve redirect at once', async () => {
		await admin(sb, 'PATCH', '/config', { autoApprove: true });
		const res = await call(sb, 'GET', authorizeUrl('&scope='));
		expect(res.status).toBe(302);
		const location = new URL(res.headers.get('location'));
		expect(`${location.origin}${location.pathname}`).toBe(REDIRECT);
		expect(location.searchParams.get('state')).toBe('st=1');
		expect(location.searchParams.get('code')).toBeTruthy();
	});

	test('token exchange works with query parameters and with a form body', async () => {
		const viaQuery = await tokenRequest({
			grant_type: 'authorization_code',
			code: await approveCode(),
			redirect_uri: REDIRECT,
		});
		expect(viaQuery.status).toBe(200);
		expect(viaQuery.body).toEqual({
			access_token: expect.stringMatching(/^[0-9a-f-]{36}$/),
			token_type: 'Bearer',
			refresh_token: expect.stringMatching(/^[0-9a-f-]{36}$/),
			expires_in: 43199,
			scope: 'account:read, profile:*, loop:*, contact:*, template:read',
		});
		const viaForm = await tokenRequest(
			{ code: await approveCode(), grant_type: 'authorization_code', redirect_uri: REDIRECT },
			{ form: true },
		);
		expect(viaForm.status).toBe(200);
		const account = await call(sb, 'GET', '/account', { token: viaForm.body.access_token });
		expect(account.status).toBe(200);
		expect(account.body.data.id).toBe(100);
	});

	test('the token endpoint requires HTTP Basic client auth', async () => {
		const code = await approveCode();
		const params = { grant_type: 'authorization_code', code, redirect_uri: REDIRECT };
		const none = await tokenRequest(params, { auth: null });
		expect(none.status).toBe(401);
		expect(none.body.error).toBe('invalid_client');
		const wrong = await tokenRequest(params, {
			auth: `Basic ${Buffer.from(`${sb.clientId}:bad`).toString('base64')}`,
		});
		expect(wrong.status).toBe(401);
		expect(wrong.body.error).toBe('invalid_client');
	});

	test('a code is single use and bound to its redirect_uri', async () => {
		const code = await approveCode();
		expect(
			(await tokenRequest({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT }))
				.status,
		).toBe(200);
		const again = await tokenRequest({
			grant_type: 'authorization_code',
			code,
			redirect_uri: REDIRECT,
		});
		expect(again.status).toBe(400);
		expect(again.body.error).toBe('invalid_grant');
		const other = await tokenRequest({
			grant_type: 'authorization_code',
			code: await approveCode(),
			redirect_uri: 'http://127.0.0.1:1/elsewhere',
		});
		expect(other.status).toBe(400);
		expect(other.body.error).toBe('invalid_grant');
		const unsupported = await tokenRequest({ grant_type: 'password' });
		expect(unsupported.body.error).toBe('unsupported_grant_type');
	});

	test('refresh keeps the refresh token and invalidates the previous access token at once', async () => {
		const first = (
			await tokenRequest({
				grant_type: 'authorization_code',
				code: await approveCode(),
				redirect_uri: REDIRECT,
			})
		).body;
		const before = (await admin(sb, 'GET', '/state')).body;
		const refreshed = await tokenRequest(
			{ grant_type: 'refresh_token', refresh_token: first.refresh_token },
			{ form: true },
		);
		expect(refreshed.status).toBe(200);
		expect(refreshed.body.refresh_token).toBe(first.refresh_token);
		expect(refreshed.body.access_token).not.toBe(first.access_token);
		const old = await call(sb, 'GET', '/account', { token: first.access_token });
		expect(old.status).toBe(401);
		expect(old.body.error).toBe('invalid_token');
		expect((await call(sb, 'GET', '/account', { token: refreshed.body.access_token })).status).toBe(
			200,
		);
		const after = (await admin(sb, 'GET', '/state')).body;
		expect(after.refreshCount).toBe(before.refreshCount + 1);
		expect(after.tokenIssueCount).toBe(before.tokenIssueCount + 1);
		expect(JSON.stringify(after)).not.toContain(refreshed.body.access_token);
	});

	test('revoke invalidates both the access and the refresh token', async () => {
		const t = (
			await tokenRequest({
				grant_type: 'authorization_code',
				code: await approveCode(),
				redirect_uri: REDIRECT,
			})
		).body;
		const revoked = await call(sb, 'POST', `/oauth/token/revoke?token=${t.access_token}`);
		expect(revoked.status).toBe(200);
		expect((await call(sb, 'GET', '/account', { token: t.access_token })).status).toBe(401);
		const refresh = await tokenRequest({
			grant_type: 'refresh_token',
			refresh_token: t.refresh_token,
		});
		expect(refresh.status).toBe(400);
		expect(refresh.body.error).toBe('invalid_grant');
	});

	test('an expired token answers 401 invalid_token; the refresh token still works', async () => {
		await admin(sb, 'PATCH', '/config', { tokenTtlSeconds: 1 });
		const t = (
			await tokenRequest({
				grant_type: 'authorization_code',
				code: await approveCode(),
				redirect_uri: REDIRECT,
			})
		).body;
		expect(t.expires_in).toBe(1);
		expect((await call(sb, 'GET', '/account', { token: t.access_token })).status).toBe(200);
		await new Promise((r) => setTimeout(r, 1100));
		const expired = await call(sb, 'GET', '/account', { token: t.access_token });
		expect(expired.status).toBe(401);
		expect(expired.body).toEqual({
			error: 'invalid_token',
			error_description: expect.stringMatching(/expired/i),
		});
		await admin(sb, 'PATCH', '/config', { tokenTtlSeconds: 43199 });
		const refreshed = await tokenRequest({
			grant_type: 'refresh_token',
			refresh_token: t.refresh_token,
		});
		expect((await call(sb, 'GET', '/account', { token: refreshed.body.access_token })).status).toBe(
			200,
		);
	});

	test('POST /_sandbox/tokens/expire expires every access token but keeps refresh tokens', async () => {
		const t = (
			await tokenRequest({
				grant_type: 'authorization_code',
				code: await approveCode(),
				redirect_uri: REDIRECT,
			})
		).body;
		const res = await admin(sb, 'POST', '/tokens/expire');
		expect(res.body.expired).toBeGreaterThan(0);
		expect((await call(sb, 'GET', '/account', { token: t.access_token })).status).toBe(401);
		const refreshed = await tokenRequest({
			grant_type: 'refresh_token',
			refresh_token: t.refresh_token,
		});
		expect(refreshed.status).toBe(200);
	});

	test('API calls without a bearer token or with an unknown one get 401 invalid_token', async () => {
		const none = await call(sb, 'GET', '/account');
		expect(none.status).toBe(401);
		expect(none.body.error).toBe('invalid_token');
		const unknown = await call(sb, 'GET', '/account', {
			token: '00000000-0000-0000-0000-000000000000',
		});
		expect(unknown.status).toBe(401);
		expect(unknown.body.error).toBe('invalid_token');
	});

	test('the request log redacts secrets in headers and form bodies', async () => {
		await admin(sb, 'DELETE', '/requests');
		const code = await approveCode();
		await tokenRequest(
			{ grant_type: 'authorization_code', code, redirect_uri: REDIRECT },
			{ form: true },
		);
		const log = (await admin(sb, 'GET', '/requests?since=0')).body.data;
		const tokenCall = log.find((e) => e.path === '/oauth/token');
		expect(tokenCall.headers.authorization).toBe('[redacted]');
		expect(tokenCall.body).toEqual({
			grant_type: 'authorization_code',
			code: '[redacted]',
			redirect_uri: REDIRECT,
		});
		expect(tokenCall.status).toBe(200);
		expect(JSON.stringify(log)).not.toContain(sb.clientSecret);
	});
});
