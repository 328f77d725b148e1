'use strict';

const crypto = require('crypto');
const { summarizeParts } = require('./multipart');

const REDACTED = '[redacted]';
const SECRET_HEADERS = ['authorization', 'cookie', 'proxy-authorization'];
const SECRET_FIELDS = [
	'client_secret',
	'refresh_token',
	'access_token',
	'token',
	'code',
	'password',
];

function redactHeaders(headers) {
	const out = { ...headers };
	for (const h of SECRET_HEADERS) if (out[h] !== undefined) out[h] = REDACTED;
	return out;
}

function redactFields(fields) {
	const out = { ...fields };
	for (const f of SECRET_FIELDS) if (out[f] !== undefined) out[f] = REDACTED;
	return out;
}

// What the log keeps of a body: parsed JSON, multipart part summaries, redacted form fields.
function summarizeBody(mediaType, raw, parts) {
	if (!raw || raw.length === 0) return null;
	if (parts) return summarizeParts(parts);
	if (mediaType === 'application/x-www-form-urlencoded') {
		return redactFields(Object.fromEntries(new URLSearchParams(raw.toString('utf8'))));
	}
	const text = raw.toString('utf8');
	if (mediaType === 'application/json' || mediaType === '' || mediaType.endsWith('+json')) {
		try {
			return JSON.parse(text);
		} catch {
			return { unparseable: text.slice(0, 2000) };
		}
	}
	return {
		contentType: mediaType,
		size: raw.length,
		sha256: crypto.createHash('sha256').update(raw).digest('hex'),
	};
}

class RequestLog {
	constructor(cap = 20000) {
		this.cap = cap;
		this.entries = [];
		this.seq = 0;
	}

	add(entry) {
		this.seq += 1;
		this.entries.push({ seq: this.seq, ...entry });
		// Trim in chunks so a full log does not shift on every request.
		if (this.entries.length > this.cap + 1000)
			this.entries.splice(0, this.entries.length - this.cap);
	}

	since(seq = 0) {
		const list = this.entries.length > this.cap ? this.entries.slice(-this.cap) : this.entries;
		let lo = 0;
		let hi = list.length;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if (list[mid].seq <= seq) lo = mid + 1;
			else hi = mid;
		}
		return list.slice(lo);
	}

	clear() {
		this.entries = [];
	}
}

module.exports = { RequestLog, redactHeaders, redactFields, summarizeBody, REDACTED };
