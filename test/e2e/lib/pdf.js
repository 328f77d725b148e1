'use strict';
/**
 * A real, valid one-page PDF whose bytes would not survive any text handling: a binary comment after the
 * header (as PDF writers add), a Flate-compressed content stream, and a stream holding every byte value
 * 0x00-0xFF (CR and LF included). If upload or download passed it through a string, an encoding or a
 * newline conversion, the bytes (and their SHA-256) would change.
 */
const crypto = require('node:crypto');
const zlib = require('node:zlib');

function makeBinaryPdf(title = 'Purchase Agreement (e2e)', lines = []) {
	const text = [
		'BT',
		'/F1 18 Tf',
		'72 720 Td',
		`(${title.replace(/[\\()]/g, (c) => `\\${c}`)}) Tj`,
		'/F1 11 Tf',
	];
	for (const line of lines)
		text.push('0 -20 Td', `(${line.replace(/[\\()]/g, (c) => `\\${c}`)}) Tj`);
	text.push('ET');
	const content = zlib.deflateSync(Buffer.from(text.join('\n'), 'latin1'));
	const allBytes = Buffer.from(Array.from({ length: 256 }, (_, i) => i));

	const parts = [];
	let length = 0;
	const push = (chunk) => {
		const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk, 'latin1');
		parts.push(buf);
		length += buf.length;
	};
	const offsets = [];
	const object = (n, dict, stream) => {
		offsets[n] = length;
		push(`${n} 0 obj\n${dict}\n`);
		if (stream) {
			push('stream\n');
			push(stream);
			push('\nendstream\n');
		}
		push('endobj\n');
	};

	push('%PDF-1.7\n');
	push(Buffer.from([0x25, 0xe2, 0xe3, 0xcf, 0xd3, 0x0a])); // %âãÏÓ: "this file is binary"
	object(1, '<< /Type /Catalog /Pages 2 0 R >>');
	object(2, '<< /Type /Pages /Kids [3 0 R] /Count 1 >>');
	object(
		3,
		'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
	);
	object(4, '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>');
	object(5, `<< /Length ${content.length} /Filter /FlateDecode >>`, content);
	object(6, `<< /Length ${allBytes.length} >>`, allBytes);
	const xref = length;
	let table = `xref\n0 7\n0000000000 65535 f \n`;
	for (let n = 1; n <= 6; n++) table += `${String(offsets[n]).padStart(10, '0')} 00000 n \n`;
	push(table);
	push(`trailer\n<< /Size 7 /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`);
	return Buffer.concat(parts);
}

function sha256(buf) {
	return crypto.createHash('sha256').update(buf).digest('hex');
}

module.exports = { makeBinaryPdf, sha256 };
