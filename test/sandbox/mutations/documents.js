'use strict';

const { second } = require('../clock');
const { folderName } = require('../validate');
const { actorName, touch, profileEvent } = require('./common');

// Folders and documents move the loop's `updated` (changelog 10/04/2017), so they raise LOOP_UPDATED.
function createFolder(app, { loop, userId, body }) {
	const name = folderName(body);
	const now = second(Date.now());
	const folder = app.store.put('folder', app.store.folders, {
		id: app.store.nextId('folder'),
		loopId: loop.id,
		name,
		created: now,
		updated: now,
		documentIds: [],
	});
	loop.folderIds.push(folder.id);
	touch(loop, `${actorName(app, userId)} created folder ${name}`, now);
	profileEvent(app, 'LOOP_UPDATED', loop);
	return folder;
}

function renameFolder(app, { loop, folder, userId, body }) {
	const name = folderName(body);
	const old = folder.name;
	folder.name = name;
	folder.updated = second(Date.now());
	touch(loop, `${actorName(app, userId)} renamed folder ${old} to ${name}`);
	profileEvent(app, 'LOOP_UPDATED', loop);
	return folder;
}

function addDocument(app, { loop, folder, userId, name, bytes, contentType }) {
	const now = second(Date.now());
	const doc = app.store.put('document', app.store.documents, {
		id: app.store.nextId('document'),
		folderId: folder.id,
		loopId: loop.id,
		name,
		contentType,
		bytes,
		created: now,
		updated: now,
	});
	folder.documentIds.push(doc.id);
	folder.updated = now;
	touch(loop, `${actorName(app, userId)} uploaded document ${name.replace(/\.pdf$/i, '')}`, now);
	profileEvent(app, 'LOOP_UPDATED', loop);
	return doc;
}

module.exports = { createFolder, renameFolder, addDocument };
