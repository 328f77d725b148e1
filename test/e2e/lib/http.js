'use strict';
// Minimal HTTP client over global fetch: a cookie jar, manual redirects, JSON helpers.

/**
 * Cookie jar keyed by host name (ports are ignored, as browsers do), enough for n8n's `n8n-auth`
 * cookie and a consent page's session cookie. Expiry / Max-Age=0 deletes; Path and flags are ignored.
 */
class CookieJar {
	constructor() {
		this.byHost = new Map();
	}

	_host(url) {
		return new URL(url).hostname;
	}

	store(url, response) {
		const list =
			typeof response.headers.getSetCookie === 'function' ? response.headers.getSetCookie() : [];
		if (!list.length) return;
		const host = this._host(url);
		if (!this.byHost.has(host)) this.byHost.set(host, new Map());
		const jar = this.byHost.get(host);
		for (const line of list) {
			const [pair, ...attrs] = line.split(';');
			const eq = pair.indexOf('=');
			if (eq < 0) continue;
			const name = pair.slice(0, eq).trim();
			const value = pair.slice(eq + 1).trim();
			const expired = attrs.some((a) => {
				const [k, v] = a.split('=').map((s) => s && s.trim());
				if (/^max-age$/i.test(k)) return Number(v) <= 0;
				if (/^expires$/i.test(k)) return Date.parse(v) < Date.now();
				return false;
			});
			if (expired || value === '') jar.delete(name);
			else jar.set(name, value);
		}
	}

	header(url) {
		const jar = this.byHost.get(this._host(url));
		if (!jar || !jar.size) return undefined;
		return [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
	}

	get(url, name) {
		const jar = this.byHost.get(this._host(url));
		return jar ? jar.get(name) : undefined;
	}
}

class HttpError extends Error {
	constructor(message, res) {
		super(message);
		this.name = 'HttpError';
		this.status = res.status;
		this.body = res.body;
		this.text = res.text;
		this.url = res.url;
	}
}

/**
 * request(url, { method, headers, json, form, body, jar, timeoutMs, expect })
 * - json: object sent as application/json; form: object sent as x-www-form-urlencoded.
 * - Redirects are never followed (inspect `location`).
 * - expect: number or array of accepted statuses; anything else throws HttpError (with body).
 * Returns { status, headers, text, body (parsed JSON or undefined), location, url }.
 */
async function request(url, opts = {}) {
	const { method = 'GET', headers = {}, json, form, jar, timeoutMs = 30_000, expect } = opts;
	let { body } = opts;
	const h = { ...headers };
	if (json !== undefined) {
		body = JSON.stringify(json);
		h['content-type'] = 'application/json';
	} else if (form !== undefined) {
		body = new URLSearchParams(form).toString();
		h['content-type'] = 'application/x-www-form-urlencoded';
	}
	if (jar) {
		const cookie = jar.header(url);
		if (cookie) h.cookie = cookie;
	}
	const send = () =>
		fetch(url, {
			method,
			headers: h,
			body,
			redirect: 'manual',
			signal: AbortSignal.timeout(timeoutMs),
		});
	// A kept-alive socket n8n closed just as it was reused ("other side closed", seen on loaded
	// machines): the request never reached n8n, so sending it once more is safe. A GET is sent once
	// more after any network failure.
	const res = await send().catch((error) => {
		const socketClosed = error.cause && error.cause.code === 'UND_ERR_SOCKET';
		if (socketClosed || (method === 'GET' && error.name !== 'TimeoutError')) return send();
		throw error;
	});
	if (jar) jar.store(url, res);
	const text = await res.text();
	let parsed;
	if (text && /json/i.test(res.headers.get('content-type') || '')) {
		try {
			parsed = JSON.parse(text);
		} catch {
			/* leave undefined */
		}
	}
	const location = res.headers.get('location');
	const out = {
		status: res.status,
		headers: res.headers,
		text,
		body: parsed,
		location: location ? new URL(location, url).toString() : null,
		url,
	};
	if (expect !== undefined) {
		const ok = Array.isArray(expect) ? expect.includes(res.status) : res.status === expect;
		if (!ok) throw new HttpError(`${method} ${url} -> ${res.status}: ${text.slice(0, 500)}`, out);
	}
	return out;
}

module.exports = { CookieJar, HttpError, request };
