'use strict';

const crypto = require('crypto');
const { badRequest } = require('./errors');

function boundaryOf(contentType) {
	const m = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType || '');
	return m ? m[1] || m[2] : null;
}

// Header parameters, names lower-cased: the documentation itself writes `fileName=`.
function dispositionParams(value) {
	const params = {};
	const re = /;\s*([^=;\s]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]*))/g;
	let m;
	while ((m = re.exec(value))) {
		const key = m[1].toLowerCase();
		let v = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[3].trim();
		if (key.endsWith('*')) {
			const ext = /^([^']*)'[^']*'(.*)$/.exec(v);
			if (ext) {
				try {
					v = decodeURIComponent(ext[2]);
				} catch {
					v = ext[2];
				}
			}
		}
		params[key] = v;
	}
	return params;
}

function parseMultipart(raw, contentType) {
	const boundary = boundaryOf(contentType);
	if (!boundary) throw badRequest('multipart body without boundary', { parameter: 'Content-Type' });
	const delimiter = Buffer.from(`--${boundary}`);
	const parts = [];
	let pos = raw.indexOf(delimiter);
	if (pos < 0) throw badRequest('multipart body has no parts', { pointer: '/' });
	for (;;) {
		pos += delimiter.length;
		if (raw[pos] === 0x2d && raw[pos + 1] === 0x2d) break;
		if (raw[pos] === 0x0d && raw[pos + 1] === 0x0a) pos += 2;
		const headerEnd = raw.indexOf('\r\n\r\n', pos);
		if (headerEnd < 0) throw badRequest('malformed multipart body', { pointer: '/' });
		const headers = {};
		for (const line of raw.slice(pos, headerEnd).toString('utf8').split('\r\n')) {
			const i = line.indexOf(':');
			if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
		}
		const dataStart = headerEnd + 4;
		const next = raw.indexOf(Buffer.concat([Buffer.from('\r\n'), delimiter]), dataStart);
		if (next < 0)
			throw badRequest('malformed multipart body: missing closing boundary', { pointer: '/' });
		const disposition = dispositionParams(headers['content-disposition'] || '');
		const filename = disposition['filename*'] || disposition.filename;
		parts.push({
			name: disposition.name,
			filename,
			contentType:
				headers['content-type'] ||
				(filename !== undefined ? 'application/octet-stream' : 'text/plain'),
			data: raw.slice(dataStart, next),
		});
		pos = next + 2;
	}
	return parts;
}

function summarizeParts(parts) {
	return {
		parts: parts.map((p) => ({
			name: p.name,
			filename: p.filename,
			contentType: p.contentType,
			size: p.data.length,
			sha256: crypto.createHash('sha256').update(p.data).digest('hex'),
		})),
	};
}

module.exports = { parseMultipart, summarizeParts, dispositionParams };
