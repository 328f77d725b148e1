'use strict';

const { folderView } = require('../views');
const { booleanParam } = require('../listing');
const { createFolder, renameFolder } = require('../mutations/documents');
const { loopFor, folderFor, jsonBody, ok, created, list } = require('./resolve');

const BASE = '/profile/:profileId/loop/:loopId/folder';

function listFolders(ctx) {
	const { loop } = loopFor(ctx);
	const documents = booleanParam(ctx.query, 'include_documents');
	const folders = loop.folderIds.map((id) => ctx.app.store.folders.get(id)).filter(Boolean);
	const nameField = ctx.app.config.documentNameField;
	return list(folders.map((f) => folderView(ctx.app.store, f, { documents, nameField })));
}

module.exports = [
	{ method: 'GET', path: BASE, scope: 'loop:read', handler: listFolders },
	{
		method: 'POST',
		path: `${BASE}/`,
		scope: 'loop:write',
		handler: (ctx) => {
			const { loop } = loopFor(ctx);
			return created(
				folderView(
					ctx.app.store,
					createFolder(ctx.app, { loop, userId: ctx.userId, body: jsonBody(ctx) }),
				),
			);
		},
	},
	{
		method: 'GET',
		path: `${BASE}/:folderId`,
		scope: 'loop:read',
		handler: (ctx) =>
			ok(
				folderView(ctx.app.store, folderFor(ctx).folder, {
					documents: booleanParam(ctx.query, 'include_documents'),
					nameField: ctx.app.config.documentNameField,
				}),
			),
	},
	{
		method: 'PATCH',
		path: `${BASE}/:folderId`,
		scope: 'loop:write',
		handler: (ctx) => {
			const { loop, folder } = folderFor(ctx);
			return ok(
				folderView(
					ctx.app.store,
					renameFolder(ctx.app, { loop, folder, userId: ctx.userId, body: jsonBody(ctx) }),
				),
			);
		},
	},
];
