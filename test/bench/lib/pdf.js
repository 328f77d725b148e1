'use strict';
/**
 * A valid one-page PDF of exactly `bytes` bytes, written in chunks (never held in memory whole).
 * The size comes from an unreferenced stream object of pseudo-random bytes: readers skip it, and
 * nothing on the way (gzip, deduplication) can shrink it, so every byte really travels.
 */
const fs = require('node:fs');
const crypto = require('node:crypto');

const CHUNK = 1 << 20;

function writePaddedPdf(file, bytes) {
	const header = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
	const content = 'BT /F1 24 Tf 72 720 Td (n8n-nodes-dotloop benchmark document) Tj ET\n';
	const objects = [
		'<< /Type /Catalog /Pages 2 0 R >>',
		'<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
		'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
		`<< /Length ${content.length} >>\nstream\n${content}endstream`,
		'<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
	];
	const parts = [];
	let offset = Buffer.byteLength(header, 'latin1');
	const offsets = [];
	let body = '';
	objects.forEach((obj, i) => {
		const text = `${i + 1} 0 obj\n${obj}\nendobj\n`;
		offsets.push(offset);
		offset += Buffer.byteLength(text, 'latin1');
		body += text;
	});
	// Object 6: the padding stream. Its length is solved so the file ends at exactly `bytes`.
	const padNo = objects.length + 1;
	const trailerFor = (xrefAt, padOffset) => {
		const all = [...offsets, padOffset];
		const xref = `xref\n0 ${all.length + 1}\n0000000000 65535 f \n${all.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
		return `${xref}trailer\n<< /Size ${all.length + 1} /Root 1 0 R >>\nstartxref\n${xrefAt}\n%%EOF\n`;
	};
	const padOffset = offset;
	// Fixed-width length field so the arithmetic needs no iteration.
	const padHead = (n) => `${padNo} 0 obj\n<< /Length ${String(n).padStart(12, '0')} >>\nstream\n`;
	const padTail = '\nendstream\nendobj\n';
	const fixed = offset + padHead(0).length + padTail.length + trailerFor(0, padOffset).length + 10; // startxref digits margin
	let padLength = bytes - fixed;
	if (padLength < 0) throw new Error(`a PDF needs more than ${bytes} bytes`);
	// Settle the startxref digit count exactly.
	for (let i = 0; i < 3; i++) {
		const xrefAt = offset + padHead(padLength).length + padLength + padTail.length;
		const total = xrefAt + trailerFor(xrefAt, padOffset).length;
		padLength += bytes - total;
	}
	const xrefAt = offset + padHead(padLength).length + padLength + padTail.length;
	parts.push(header, body, padHead(padLength));
	const fd = fs.openSync(file, 'w');
	try {
		fs.writeSync(fd, Buffer.from(parts.join(''), 'latin1'));
		let left = padLength;
		while (left > 0) {
			const n = Math.min(CHUNK, left);
			fs.writeSync(fd, crypto.randomBytes(n));
			left -= n;
		}
		fs.writeSync(fd, Buffer.from(padTail + trailerFor(xrefAt, padOffset), 'latin1'));
	} finally {
		fs.closeSync(fd);
	}
	const size = fs.statSync(file).size;
	if (size !== bytes) throw new Error(`padded PDF is ${size} bytes, wanted ${bytes}`);
	return file;
}

module.exports = { writePaddedPdf };
