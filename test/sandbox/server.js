'use strict';

const http = require('http');
const { ApiError, Redirect } = require('./errors');
const { readBody, mediaType, send, sendHtml, queryObject } = require('./http-util');
const { parseMultipart } = require('./multipart');
const { redactHeaders, redactFields, summarizeBody } = require('./request-log');
const { Faults } = require('./faults');
const { handleOAuth } = require('./oauth');
const { handleAdmin } = require('./admin');
const { match } = require('./routes');
const { sleep } = require('./clock');

const API_PREFIX = '/public/v2';

function scopeAllows(granted, required) {
	const have = String(granted)
		.split(/[,\s]+/)
		.filter(Boolean);
	return required.split('|').some((need) => {
		const [resource] = need.split(':');
		return have.includes(need) || have.includes(`${resource}:*`);
	});
}

function invalidToken(description) {
	return {
		status: 401,
		body: { error: 'invalid_token', error_description: description },
		headers: {
			'WWW-Authenticate': `Bearer error="invalid_token", error_description="${description}"`,
		},
	};
}

// Order of an API request: latency, bearer token, rate limit, injected faults, route, handler.
async function handleApi(app, ctx) {
	if (app.config.latencyMs > 0) await sleep(app.config.latencyMs);
	const bearer = /^Bearer\s+(\S+)\s*$/i.exec(ctx.req.headers.authorization || '');
	if (!bearer) return invalidToken('Full authentication is required to access this resource');
	const auth = app.tokens.authenticate(bearer[1]);
	if (auth.error) return invalidToken(auth.error);
	ctx.userId = auth.grant.userId;
	ctx.clientId = auth.grant.clientId;
	ctx.grant = auth.grant;

	const key = `${ctx.clientId}:${ctx.userId}`;
	const rate = app.rateLimiter.hit(key);
	const headers = app.rateLimiter.headers(rate);
	if (rate.limited) {
		const detail = `Rate limit exceeded: ${rate.limit} requests per ${app.config.rateWindowMs} ms; retry in ${rate.resetMs} ms`;
		return { status: 429, body: { errors: [{ code: '429', detail }] }, headers };
	}
	const fault = app.faults.take(ctx.method, `${ctx.rawPath}${ctx.url.search}`);
	if (fault) {
		const h = fault === 429 ? app.rateLimiter.headers(app.rateLimiter.exhausted(key)) : headers;
		return { status: fault, body: Faults.body(fault), headers: h };
	}

	const found = match(ctx.method, ctx.rawPath.slice(API_PREFIX.length) || '/', {
		strictPaths: app.config.strictPaths,
	});
	if (found?.documented)
		return {
			status: 404,
			body: new ApiError(404, [
				{
					detail: `No endpoint ${ctx.method} ${ctx.rawPath}; the documented path is ${API_PREFIX}${found.documented}`,
				},
			]).body(),
			headers,
		};
	if (!found)
		return {
			status: 404,
			body: new ApiError(404, [{ detail: `No endpoint ${ctx.method} ${ctx.path}` }]).body(),
			headers,
		};
	if (found.allowed) {
		const body = new ApiError(405, [
			{ detail: `Method ${ctx.method} not allowed; use ${found.allowed.join(', ')}` },
		]).body();
		return { status: 405, body, headers: { ...headers, Allow: found.allowed.join(', ') } };
	}
	if (!scopeAllows(ctx.grant.scope, found.route.scope)) {
		const body = new ApiError(403, [
			{ detail: `Insufficient scope: requires ${found.route.scope.replace('|', ' or ')}` },
		]).body();
		return { status: 403, body, headers };
	}
	ctx.params = found.params;
	try {
		const result = found.route.handler(ctx);
		return { ...result, headers: { ...headers, ...(result.headers || {}) } };
	} catch (err) {
		if (err instanceof Redirect)
			return {
				status: 301,
				headers: err.location === null ? headers : { ...headers, Location: err.location },
			};
		if (err instanceof ApiError) return { status: err.status, body: err.body(), headers };
		throw err;
	}
}

function rootPage(app) {
	return { status: 200, body: app.describe() };
}

function deliver(res, result) {
	if (result.html !== undefined) return sendHtml(res, result.status, result.html, result.headers);
	if (result.raw !== undefined) return send(res, result.status, result.raw, result.headers);
	return send(
		res,
		result.status,
		result.status === 204 || result.status === 301 || result.status === 302 ? null : result.body,
		result.headers,
	);
}

function logEntry(app, ctx, status, startedAt, started) {
	let body = null;
	try {
		body = summarizeBody(mediaType(ctx.req), ctx.rawBody, ctx.parts);
	} catch {
		body = null;
	}
	app.requestLog.add({
		time: new Date(startedAt).toISOString(),
		method: ctx.method,
		path: ctx.rawPath,
		query: redactFields(queryObject(ctx.url.searchParams)),
		headers: redactHeaders(ctx.req.headers),
		body,
		status,
		durationMs: Number(process.hrtime.bigint() - started) / 1e6,
	});
}

async function handle(app, req, res) {
	const started = process.hrtime.bigint();
	const startedAt = Date.now();
	let url;
	try {
		url = new URL(req.url, 'http://127.0.0.1');
	} catch {
		return send(res, 400, { errors: [{ code: '400', detail: 'Malformed request URL' }] });
	}
	const rawPath = url.pathname;
	const path = rawPath.length > 1 ? rawPath.replace(/\/+$/, '') : rawPath;
	const ctx = {
		app,
		req,
		res,
		url,
		rawPath,
		path,
		method: req.method,
		query: url.searchParams,
		params: {},
		rawBody: Buffer.alloc(0),
	};
	const isApi = path === API_PREFIX || path.startsWith(`${API_PREFIX}/`);
	const isOAuth = path.startsWith('/oauth/');
	let result;
	try {
		ctx.rawBody = await readBody(req);
		if (path.startsWith('/_sandbox')) result = await handleAdmin(app, ctx);
		else {
			if (mediaType(req) === 'multipart/form-data') {
				try {
					ctx.parts = parseMultipart(ctx.rawBody, req.headers['content-type']);
				} catch {
					ctx.parts = undefined;
				}
			}
			if (isOAuth) result = await handleOAuth(app, ctx);
			else if (isApi) result = await handleApi(app, ctx);
			else if (path === '/') result = rootPage(app);
			else
				result = { status: 404, body: { errors: [{ code: '404', detail: `Nothing at ${path}` }] } };
		}
	} catch (err) {
		if (err instanceof ApiError) result = { status: err.status, body: err.body() };
		else if (err instanceof URIError)
			result = {
				status: 400,
				body: { errors: [{ code: '400', detail: 'Malformed URL encoding' }] },
			};
		else if (err.status === 413)
			result = {
				status: 413,
				body: { errors: [{ code: '413', detail: 'Request body too large' }] },
			};
		else {
			app.warn(`unexpected error on ${req.method} ${req.url}: ${err.stack}`);
			result = {
				status: 500,
				body: { errors: [{ code: '500', detail: `Internal sandbox error: ${err.message}` }] },
			};
		}
	}
	deliver(res, result);
	if (isApi || isOAuth) logEntry(app, ctx, result.status, startedAt, started);
	return undefined;
}

function createServer(app) {
	const server = http.createServer((req, res) => {
		handle(app, req, res).catch((err) => {
			app.warn(`request failed: ${err.stack}`);
			if (!res.headersSent)
				send(res, 500, { errors: [{ code: '500', detail: 'Internal sandbox error' }] });
		});
	});
	server.keepAliveTimeout = 5000;
	return server;
}

module.exports = { createServer, scopeAllows };
