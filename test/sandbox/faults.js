'use strict';

const { badRequest } = require('./errors');

const MESSAGES = {
	429: 'Too Many Requests',
	500: 'Internal Server Error',
	502: 'Bad Gateway',
	503: 'Service Unavailable',
	504: 'Gateway Timeout',
};

// Injected failures: queued faults ("the next N matching requests") and a random errorRate.
class Faults {
	constructor(config) {
		this.config = config;
		this.queue = [];
		this.nextId = 1;
	}

	clear() {
		this.queue = [];
	}

	add({ status, count = 1, path, method }) {
		const s = Number(status);
		if (!Number.isInteger(s) || s < 400 || s > 599)
			throw badRequest('status must be an HTTP error status (400-599)', { pointer: '/status' });
		const n = Number(count);
		if (!Number.isInteger(n) || n < 1)
			throw badRequest('count must be a positive integer', { pointer: '/count' });
		let regex = null;
		if (path !== undefined && path !== null && path !== '') {
			try {
				regex = new RegExp(path);
			} catch (err) {
				throw badRequest(`path is not a valid regular expression: ${err.message}`, {
					pointer: '/path',
				});
			}
		}
		const fault = {
			id: this.nextId++,
			status: s,
			remaining: n,
			path: regex ? path : null,
			regex,
			method: method ? String(method).toUpperCase() : null,
		};
		this.queue.push(fault);
		return this.view(fault);
	}

	view(f) {
		return { id: f.id, status: f.status, remaining: f.remaining, path: f.path, method: f.method };
	}

	list() {
		return this.queue.map((f) => this.view(f));
	}

	// Returns the status to fail this request with, or null.
	take(method, pathWithQuery) {
		for (const f of this.queue) {
			if (f.method && f.method !== method) continue;
			if (f.regex && !f.regex.test(pathWithQuery)) continue;
			f.remaining -= 1;
			if (f.remaining <= 0) this.queue = this.queue.filter((x) => x !== f);
			return f.status;
		}
		const rate = Number(this.config.errorRate) || 0;
		if (rate > 0 && Math.random() < rate) return [500, 502, 503][Math.floor(Math.random() * 3)];
		return null;
	}

	static body(status) {
		return { errors: [{ code: String(status), detail: MESSAGES[status] || 'Injected failure' }] };
	}
}

module.exports = { Faults };
