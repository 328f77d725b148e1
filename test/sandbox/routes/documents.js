'use strict';

const { documentView, documentListItemView } = require('../views');
const { badRequest, unprocessable, param } = require('../errors');
const { mediaType } = require('../http-util');
const { parseMultipart } = require('../multipart');
const { addDocument } = require('../mutations/documents');
const { folderFor, documentFor, ok, created, list } = require('./resolve');

const BASE = '/profile/:profileId/loop/:loopId/folder/:folderId/document';

function acceptQ(accept, type) {
	let q = 0;
	for (const item of String(accept || '').split(',')) {
		const [name, ...params] = item.trim().toLowerCase().split(';');
		if (name.trim() !== type) continue;
		const qp = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
		q = Math.max(q, qp ? Number(qp.slice(2)) || 0 : 1);
	}
	return q;
}

// Same URL for metadata and bytes: Accept: application/pdf gets the file (docs: "Get a Document").
function wantsPdf(accept) {
	const pdf = Math.max(
		acceptQ(accept, 'application/pdf'),
		acceptQ(accept, 'application/octet-stream'),
	);
	return pdf > 0 && pdf > acceptQ(accept, 'application/json');
}

function contentDisposition(name) {
	const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
	let value = `attachment; filename="${ascii}"`;
	if (ascii !== name) value += `; filename*=UTF-8''${encodeURIComponent(name)}`;
	return value;
}

function getDocument(ctx) {
	const { document } = documentFor(ctx);
	if (!wantsPdf(ctx.req.headers.accept)) return ok(documentView(document));
	return {
		status: 200,
		raw: document.bytes,
		headers: {
			'Content-Type': 'application/pdf',
			'Content-Disposition': contentDisposition(document.name),
		},
	};
}

function upload(ctx) {
	const { loop, folder } = folderFor(ctx);
	if (mediaType(ctx.req) !== 'multipart/form-data') {
		throw badRequest(
			'Content-Type must be multipart/form-data with a part named "file"',
			param('Content-Type'),
		);
	}
	const parts = ctx.parts || parseMultipart(ctx.rawBody, ctx.req.headers['content-type']);
	const file = parts.find((p) => p.name === 'file');
	if (!file) throw badRequest('multipart part "file" is required', param('file'));
	const override = parts.find((p) => p.filename === undefined && /^filename$/i.test(p.name || ''));
	const name = (override ? override.data.toString('utf8') : file.filename || '').trim();
	if (!name) throw unprocessable('the "file" part needs a filename', param('fileName'));
	if (file.data.length === 0) throw unprocessable('the uploaded file is empty', param('file'));
	const doc = addDocument(ctx.app, {
		loop,
		folder,
		userId: ctx.userId,
		name,
		bytes: Buffer.from(file.data),
		contentType: file.contentType,
	});
	return created(documentView(doc));
}

function listDocuments(ctx) {
	const { folder } = folderFor(ctx);
	const docs = folder.documentIds.map((id) => ctx.app.store.documents.get(id)).filter(Boolean);
	return list(docs.map((doc) => documentListItemView(doc, ctx.app.config.documentNameField)));
}

module.exports = [
	{ method: 'GET', path: BASE, scope: 'loop:read', handler: listDocuments },
	{ method: 'POST', path: `${BASE}/`, scope: 'loop:write', handler: upload },
	{ method: 'GET', path: `${BASE}/:documentId`, scope: 'loop:read', handler: getDocument },
];
