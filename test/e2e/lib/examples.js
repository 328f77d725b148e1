'use strict';
/**
 * The example workflows in test/examples/*.json (the ones the README documents and `npm run demo` imports):
 * loading them, pointing their Dotloop nodes at a real credential, and importing them into an n8n.
 *
 * In the files every Dotloop node names the placeholder credential { id: 'dotloop-credential',
 * name: 'Dotloop account' }. Importing by hand in the editor works too: n8n then asks for the credential.
 */
const fs = require('node:fs');
const path = require('node:path');
const { REPO_DIR } = require('./package');
const { CREDENTIAL_TYPE } = require('./dotloop');

const EXAMPLES_DIR = path.join(REPO_DIR, 'test', 'examples');
const PLACEHOLDER_CREDENTIAL_ID = 'dotloop-credential';

/** [{ file: 'new-loop-notify.json', slug: 'new-loop-notify', workflow }], sorted by file name. */
function loadExamples(dir = EXAMPLES_DIR) {
	return fs
		.readdirSync(dir)
		.filter((f) => f.endsWith('.json'))
		.sort()
		.map((file) => ({
			file,
			slug: file.replace(/\.json$/, ''),
			workflow: JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')),
		}));
}

/** A copy of the workflow whose Dotloop credential references point at `credential` ({ id, name }). */
function withCredential(workflow, credential) {
	const copy = JSON.parse(JSON.stringify(workflow));
	for (const node of copy.nodes) {
		if (node.credentials && node.credentials[CREDENTIAL_TYPE]) {
			node.credentials[CREDENTIAL_TYPE] = { id: String(credential.id), name: credential.name };
		}
	}
	return copy;
}

/** Trigger-started examples (a Dotloop Trigger, Polling Trigger or a Webhook): they work once activated. */
function isActivatable(workflow) {
	return workflow.nodes.some((n) => /dotloop(Polling)?Trigger$|\.webhook$/.test(n.type));
}

/**
 * Import every example through the public API (only the fields it accepts), with the credential swapped in.
 * Returns [{ file, slug, name, id, activatable, workflow }].
 */
async function importExamples(n8n, credential, { dir } = {}) {
	const out = [];
	for (const example of loadExamples(dir)) {
		const wf = withCredential(example.workflow, credential);
		const created = await n8n.createWorkflow({
			name: wf.name,
			nodes: wf.nodes,
			connections: wf.connections,
			settings: wf.settings || {},
		});
		out.push({
			...example,
			name: wf.name,
			id: created.id,
			activatable: isActivatable(wf),
			workflow: wf,
		});
	}
	return out;
}

/** The first node of `type` in an example (e.g. its trigger), for webhook ids and paths. */
function nodeOfType(workflow, suffix) {
	return workflow.nodes.find((n) => n.type.endsWith(suffix));
}

module.exports = {
	EXAMPLES_DIR,
	PLACEHOLDER_CREDENTIAL_ID,
	loadExamples,
	withCredential,
	importExamples,
	isActivatable,
	nodeOfType,
};
