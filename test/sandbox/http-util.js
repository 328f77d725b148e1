'use strict';

const { badRequest } = require('./errors');

const MAX_BODY_BYTES = 50 * 1024 * 1024;

function readBody(req, limit = MAX_BODY_BYTES) {
	return new Promise((resolve, reject) => {
		const chunks = [];
		let size = 0;
		req.on('data', (chunk) => {
			size += chunk.length;
			if (size > limit) {
				const err = new Error('request body too large');
				err.status = 413;
				reject(err);
				req.destroy();
				return;
			}
			chunks.push(chunk);
		});
		req.on('end', () => resolve(Buffer.concat(chunks)));
		req.on('error', reject);
	});
}

function mediaType(req) {
	return String(req.headers['content-type'] || '')
		.split(';')[0]
		.trim()
		.toLowerCase();
}

// JSON API bodies: an empty body is an empty object; anything unparseable is a 400.
function parseJsonBody(raw) {
	if (!raw || raw.length === 0 || !raw.toString('utf8').trim()) return {};
	try {
		return JSON.parse(raw.toString('utf8'));
	} catch (err) {
		throw badRequest(`Malformed JSON request body: ${err.message}`, { pointer: '/' });
	}
}

function parseForm(raw) {
	const out = {};
	for (const [k, v] of new URLSearchParams(raw.toString('utf8'))) out[k] = v;
	return out;
}

function send(res, status, body, headers = {}) {
	if (res.headersSent) return;
	let payload = body;
	const h = { ...headers };
	if (body === undefined || body === null) {
		payload = '';
	} else if (!Buffer.isBuffer(body) && typeof body !== 'string') {
		payload = JSON.stringify(body);
		if (!h['Content-Type']) h['Content-Type'] = 'application/json;charset=UTF-8';
	}
	h['Content-Length'] = Buffer.byteLength(payload);
	res.writeHead(status, h);
	res.end(payload);
}

function sendHtml(res, status, html, headers = {}) {
	send(res, status, html, { 'Content-Type': 'text/html; charset=utf-8', ...headers });
}

function escapeHtml(text) {
	return String(text == null ? '' : text)
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;')
		.replace(/'/g, '&#39;');
}

function queryObject(searchParams) {
	const out = {};
	for (const [k, v] of searchParams) {
		if (k in out) out[k] = [].concat(out[k], v);
		else out[k] = v;
	}
	return out;
}

module.exports = {
	MAX_BODY_BYTES,
	readBody,
	mediaType,
	parseJsonBody,
	parseForm,
	send,
	sendHtml,
	escapeHtml,
	queryObject,
};
