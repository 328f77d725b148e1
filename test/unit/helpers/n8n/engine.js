'use strict';
// The process-wide part of n8n-core a node run needs, set up the way n8n sets it up at start: an
// instance folder and a filesystem binary data store in a temporary directory, and a log sink. Plain
// JavaScript because n8n's lint forbids importing Node built-ins and @n8n/* from the .ts tests.
const fs = require('fs');
const os = require('os');
const path = require('path');

const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'dotloop-n8n-'));
// Read by n8n-core's InstanceSettings and BinaryDataConfig when the container first builds them.
process.env.N8N_USER_FOLDER = folder;
process.env.N8N_BINARY_DATA_STORAGE_PATH = path.join(folder, 'binaryData');
process.env.N8N_DEFAULT_BINARY_DATA_MODE = 'filesystem';
process.on('exit', () => fs.rmSync(folder, { recursive: true, force: true }));

// n8n-core's own dependencies, resolved from n8n-core (they are not dependencies of this package).
const fromCore = (name) =>
	require(
		require.resolve(name, { paths: [path.dirname(require.resolve('n8n-core/package.json'))] }),
	);
const { Container } = fromCore('@n8n/di');
const { Logger } = fromCore('@n8n/backend-common');
const { BinaryDataService } = require('n8n-core');

/** Everything n8n-core logs, by level: nodes log through it (this.logger), and so does n8n-core. */
const logged = { error: [], warn: [], info: [], debug: [] };
const logger = {
	scoped: () => logger,
	error: (message) => logged.error.push(message),
	warn: (message) => logged.warn.push(message),
	info: (message) => logged.info.push(message),
	debug: (message) => logged.debug.push(message),
};
Container.set(Logger, logger);

let ready;
/** Starts n8n-core's binary data service once per test file (jest gives each file its own modules). */
exports.startEngine = () => {
	ready ??= Container.get(BinaryDataService).init();
	return ready;
};

exports.logged = logged;
exports.clearLog = () => {
	for (const level of Object.keys(logged)) logged[level].length = 0;
};

/** n8n-core's binary data service (filesystem mode in the temporary folder), once started. */
exports.binaryDataService = () => Container.get(BinaryDataService);

/** The file size in words, as n8n's binary data service writes it (`fileSize`). */
exports.fileSizeInWords = (bytes) => fromCore('pretty-bytes')(bytes);
