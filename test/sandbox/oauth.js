'use strict';

const { OAuthError } = require('./tokens');
const { escapeHtml, parseForm, mediaType } = require('./http-util');
const { GRANTED_SCOPE } = require('./constants');
const { USER_ID } = require('./seed');

// "Authentication" (docs): authorization-code flow with a consent page, token endpoint with HTTP Basic client
// auth, refresh and revocation.

function page(title, bodyHtml) {
	return `<!doctype html>
<html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font-family:sans-serif;max-width:32em;margin:4em auto;color:#223}
button{font-size:1em;padding:.5em 1.5em;margin-right:1em}form{display:inline}</style></head>
<body>${bodyHtml}</body></html>`;
}

const errorPage = (status, message) => ({
	status,
	html: page('Dotloop - Error', `<h1>OAuth Error</h1><p id="error">${escapeHtml(message)}</p>`),
});

function withParams(uri, params) {
	const target = new URL(uri);
	for (const [k, v] of Object.entries(params))
		if (v !== undefined && v !== null && v !== '') target.searchParams.set(k, v);
	return target.toString();
}

const redirect = (location) => ({
	status: 302,
	headers: { Location: location, 'Cache-Control': 'no-store' },
});

// Checks shared by the consent page and the decision; answers an error response or null.
function checkAuthorizeRequest(app, p) {
	if (!p.client_id || p.client_id !== app.config.clientId) {
		return errorPage(400, `Unknown client_id: ${p.client_id || '(missing)'}`);
	}
	let valid = false;
	try {
		valid = /^https?:$/.test(new URL(p.redirect_uri).protocol);
	} catch {
		valid = false;
	}
	if (!valid) return errorPage(400, `Invalid redirect_uri: ${p.redirect_uri || '(missing)'}`);
	if (p.response_type !== 'code') {
		return redirect(
			withParams(p.redirect_uri, { error: 'unsupported_response_type', state: p.state }),
		);
	}
	return null;
}

function approve(app, p) {
	const code = app.tokens.issueCode(p.client_id, p.redirect_uri, USER_ID);
	return redirect(withParams(p.redirect_uri, { code, state: p.state }));
}

const AUTH_FIELDS = ['response_type', 'client_id', 'redirect_uri', 'state', 'redirect_on_deny'];

function consentPage(app, p) {
	const user = app.store.users.get(USER_ID);
	const hidden = AUTH_FIELDS.filter((f) => p[f] !== undefined)
		.map((f) => `<input type="hidden" name="${f}" value="${escapeHtml(p[f])}">`)
		.join('');
	const scopes = (app.config.scope || GRANTED_SCOPE)
		.split(/,\s*/)
		.map((s) => `<li>${escapeHtml(s)}</li>`)
		.join('');
	return {
		status: 200,
		html: page(
			'Dotloop - Authorize',
			`<h1>Authorize <span id="app-name">${escapeHtml(app.config.appName)}</span></h1>
<p><strong>${escapeHtml(app.config.appName)}</strong> would like to access the dotloop account of
${escapeHtml(`${user.firstName} ${user.lastName}`)} (${escapeHtml(user.email)}).</p>
<ul>${scopes}</ul>
<form method="POST" action="/oauth/authorize/decision">${hidden}<input type="hidden" name="decision" value="approve"><button id="approve" type="submit">Approve</button></form>
<form method="POST" action="/oauth/authorize/decision">${hidden}<input type="hidden" name="decision" value="deny"><button id="deny" type="submit">Deny</button></form>`,
		),
	};
}

function authorize(app, ctx) {
	// n8n sends an empty scope=; scopes are fixed per client, so any scope parameter is ignored.
	const p = Object.fromEntries(
		AUTH_FIELDS.map((f) => [f, ctx.url.searchParams.get(f) ?? undefined]),
	);
	const problem = checkAuthorizeRequest(app, p);
	if (problem) return problem;
	if (app.config.autoApprove) return approve(app, p);
	return consentPage(app, p);
}

function decision(app, ctx) {
	const p = { ...Object.fromEntries(ctx.url.searchParams), ...parseForm(ctx.rawBody) };
	const problem = checkAuthorizeRequest(app, p);
	if (problem) return problem;
	if (p.decision === 'approve') return approve(app, p);
	if (String(p.redirect_on_deny).toLowerCase() === 'true') {
		return redirect(withParams(p.redirect_uri, { error: 'access_denied', state: p.state }));
	}
	return {
		status: 200,
		html: page(
			'Dotloop - Access denied',
			'<h1>Access denied</h1><p id="closed">You can close this window.</p>',
		),
	};
}

function formDecode(text) {
	try {
		return decodeURIComponent(text.replace(/\+/g, ' '));
	} catch {
		return null;
	}
}

// RFC 6749 form-encodes id and secret before base64; n8n and most clients do not. Accept both.
function basicClient(req) {
	const m = /^Basic\s+(\S+)\s*$/i.exec(req.headers.authorization || '');
	if (!m) return null;
	const decoded = Buffer.from(m[1], 'base64').toString('utf8');
	const i = decoded.indexOf(':');
	if (i < 0) return null;
	return { id: decoded.slice(0, i), secret: decoded.slice(i + 1) };
}

function clientOrThrow(app, req) {
	const client = basicClient(req);
	const matches = (id, secret) => id === app.config.clientId && secret === app.config.clientSecret;
	if (
		!client ||
		!(
			matches(client.id, client.secret) || matches(formDecode(client.id), formDecode(client.secret))
		)
	) {
		throw new OAuthError(401, 'invalid_client', 'Bad client credentials');
	}
	return { id: app.config.clientId };
}

// Grant parameters may come in the query string (as documented) or a form body (as n8n sends them).
function grantParams(ctx) {
	const params = Object.fromEntries(ctx.url.searchParams);
	if (mediaType(ctx.req) === 'application/x-www-form-urlencoded')
		Object.assign(params, parseForm(ctx.rawBody));
	return params;
}

const tokenHeaders = { 'Cache-Control': 'no-store', Pragma: 'no-cache' };

function token(app, ctx) {
	const client = clientOrThrow(app, ctx.req);
	const p = grantParams(ctx);
	let grant;
	if (!p.grant_type) throw new OAuthError(400, 'invalid_request', 'Missing grant type');
	if (p.grant_type === 'authorization_code') {
		if (!p.code) throw new OAuthError(400, 'invalid_request', 'Missing authorization code');
		grant = app.tokens.exchangeCode(client.id, p.code, p.redirect_uri);
	} else if (p.grant_type === 'refresh_token') {
		if (!p.refresh_token) throw new OAuthError(400, 'invalid_request', 'Missing refresh token');
		grant = app.tokens.refresh(client.id, p.refresh_token);
	} else {
		throw new OAuthError(400, 'unsupported_grant_type', `Unsupported grant type: ${p.grant_type}`);
	}
	return { status: 200, body: app.tokens.response(grant), headers: tokenHeaders };
}

function revoke(app, ctx) {
	if (ctx.req.headers.authorization) clientOrThrow(app, ctx.req);
	const p = grantParams(ctx);
	if (!p.token) throw new OAuthError(400, 'invalid_request', 'Missing token parameter');
	app.tokens.revoke(p.token);
	return { status: 200, body: {}, headers: tokenHeaders };
}

async function handleOAuth(app, ctx) {
	const routes = {
		'GET /oauth/authorize': authorize,
		'POST /oauth/authorize/decision': decision,
		'POST /oauth/token': token,
		'POST /oauth/token/revoke': revoke,
	};
	const handler = routes[`${ctx.method} ${ctx.path}`];
	if (!handler) return errorPage(404, `No OAuth endpoint ${ctx.method} ${ctx.path}`);
	try {
		return handler(app, ctx);
	} catch (err) {
		if (!(err instanceof OAuthError)) throw err;
		const headers = { ...tokenHeaders };
		if (err.status === 401)
			headers['WWW-Authenticate'] = 'Basic realm="oauth", error="invalid_client"';
		return { status: err.status, body: err.body(), headers };
	}
}

module.exports = { handleOAuth };
