'use strict';

// Small, valid one-page PDFs (correct xref offsets) so downloads open in any viewer.
function pdfText(text) {
	return String(text)
		.replace(/[^\x20-\x7e]/g, '?')
		.replace(/[\\()]/g, (c) => `\\${c}`);
}

function makePdf(title, lines = []) {
	const ops = ['BT', '/F1 18 Tf', '72 720 Td', `(${pdfText(title)}) Tj`, '/F1 11 Tf'];
	for (const line of lines) ops.push('0 -20 Td', `(${pdfText(line)}) Tj`);
	ops.push('ET');
	const content = ops.join('\n');

	const objects = [
		'<< /Type /Catalog /Pages 2 0 R >>',
		'<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
		'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] ' +
			'/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
		'<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
		`<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`,
	];

	let out = '%PDF-1.4\n';
	const offsets = [];
	objects.forEach((body, i) => {
		offsets.push(Buffer.byteLength(out, 'latin1'));
		out += `${i + 1} 0 obj\n${body}\nendobj\n`;
	});
	const xrefAt = Buffer.byteLength(out, 'latin1');
	out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
	for (const off of offsets) out += `${String(off).padStart(10, '0')} 00000 n \n`;
	out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xrefAt}\n%%EOF\n`;
	return Buffer.from(out, 'latin1');
}

module.exports = { makePdf };
