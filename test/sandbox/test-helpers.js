'use strict';

const http = require('http');
const { startSandbox } = require('./index');

// Shared by the sandbox's own jest files: start a sandbox, get a token, call the API.
async function start(options = {}) {
	return startSandbox({ quiet: true, ...options });
}

async function issueToken(sb, ttlSeconds) {
	const res = await fetch(`${sb.url}/_sandbox/tokens`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify(ttlSeconds ? { ttlSeconds } : {}),
	});
	return res.json();
}

async function call(sb, method, path, { token, body, headers = {}, raw = false } = {}) {
	const h = { Accept: 'application/json', ...headers };
	if (token) h.Authorization = `Bearer ${token}`;
	let payload = body;
	if (body !== undefined && typeof body !== 'string' && !Buffer.isBuffer(body)) {
		payload = JSON.stringify(body);
		h['Content-Type'] = h['Content-Type'] || 'application/json';
	}
	const url = /^https?:/.test(path)
		? path
		: path.startsWith('/_sandbox') || path.startsWith('/oauth')
			? `${sb.url}${path}`
			: `${sb.apiBaseUrl}${path}`;
	const res = await fetch(url, { method, headers: h, body: payload, redirect: 'manual' });
	const buffer = Buffer.from(await res.arrayBuffer());
	let json;
	if ((res.headers.get('content-type') || '').includes('json') && buffer.length)
		json = JSON.parse(buffer.toString('utf8'));
	return {
		status: res.status,
		headers: res.headers,
		body: raw ? buffer : json,
		text: buffer.toString('utf8'),
		buffer,
	};
}

// An API client bound to one token.
async function client(sb) {
	const tok = await issueToken(sb);
	const fn = (method, path, opts = {}) =>
		call(sb, method, path, { token: tok.access_token, ...opts });
	fn.token = tok;
	return fn;
}

const admin = (sb, method, path, body) => call(sb, method, `/_sandbox${path}`, { body });

// A local webhook receiver; `respond(req)` picks the status (default 200).
async function receiver(respond = () => 200) {
	const received = [];
	const waiters = [];
	const server = http.createServer((req, res) => {
		const chunks = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', async () => {
			const entry = {
				method: req.method,
				url: req.url,
				headers: req.headers,
				raw: Buffer.concat(chunks).toString('utf8'),
				at: Date.now(),
			};
			entry.body = JSON.parse(entry.raw);
			received.push(entry);
			const status = await respond(entry, received.length);
			res.writeHead(status, { 'Content-Type': 'text/plain' });
			res.end(status < 300 ? 'ok' : 'nope');
			for (const w of waiters.splice(0)) w();
		});
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	const origin = `http://127.0.0.1:${server.address().port}`;
	async function waitFor(predicate, timeoutMs = 5000) {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const found = received.filter(predicate);
			if (found.length) return found;
			if (Date.now() > deadline)
				throw new Error(
					`receiver: nothing matched within ${timeoutMs} ms (${received.length} received)`,
				);
			await new Promise((resolve) => {
				waiters.push(resolve);
				setTimeout(resolve, 50);
			});
		}
	}
	const close = () =>
		new Promise((resolve) => {
			server.close(() => resolve());
			server.closeAllConnections();
		});
	return { origin, received, waitFor, close };
}

async function eventually(check, timeoutMs = 5000, stepMs = 25) {
	const deadline = Date.now() + timeoutMs;
	let lastError;
	for (;;) {
		try {
			const result = await check();
			if (result !== false) return result;
		} catch (err) {
			lastError = err;
		}
		if (Date.now() > deadline) throw lastError || new Error('condition not met in time');
		await new Promise((resolve) => setTimeout(resolve, stepMs));
	}
}

module.exports = { start, issueToken, call, client, admin, receiver, eventually };
