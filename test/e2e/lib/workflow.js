'use strict';
/**
 * Building blocks for workflow JSON the e2e tests (and the demo) send to n8n, all with core nodes that
 * exist with the same parameters on n8n 1.x and 2.x (no Code node: task runners are off), plus readers for
 * the sandbox's request log.
 *
 *   const wf = h.wf;                                   // or require('../lib/workflow')
 *   wf.dotloop('Create loop', { resource: 'loop', operation: 'create', profileId: wf.rl(1001), ... }, cred)
 *   wf.set('PDF', { pdf: base64 })  ->  wf.toFile('To file', 'pdf', 'contract.pdf')  ->  upload
 *   wf.toBase64('Bytes', 'data')                       // binary -> json base64 (works in filesystem mode too)
 *   wf.wait('Pause', 2)                                // in-process wait (< 65 s) on both majors
 */
const { NODE_TYPE, TRIGGER_TYPE, CREDENTIAL_TYPE } = require('./dotloop');

/** A resource-locator value "By ID" (what the editor stores), e.g. rl(1001), rl('={{ $json.id }}'). */
function rl(value, mode = 'id') {
	return { __rl: true, mode, value: typeof value === 'number' ? String(value) : value };
}

/** `={{ $('<node>').first().json.<path> }}`: a value from an earlier node in the same run. */
function ref(nodeName, path = 'id') {
	return `={{ $('${nodeName.replace(/'/g, "\\'")}').first().json.${path} }}`;
}

function credentialRef(credential) {
	if (!credential) return undefined;
	return { [CREDENTIAL_TYPE]: { id: String(credential.id), name: credential.name || 'Dotloop' } };
}

let counter = 0;
function nodeId(prefix) {
	counter += 1;
	return `${prefix}-${process.pid}-${counter}`;
}

/**
 * A Dotloop action node. opts: { executeOnce (default true: a node after a Get Many runs once, not once
 * per item), onError ('continueRegularOutput' for Continue On Fail), extra node fields }.
 */
function dotloop(name, parameters, credential, { executeOnce = true, onError, ...extra } = {}) {
	return {
		id: nodeId('dotloop'),
		name,
		type: NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters,
		credentials: credentialRef(credential),
		...(executeOnce ? { executeOnce: true } : {}),
		...(onError ? { onError } : {}),
		...extra,
	};
}

/** The Dotloop Trigger with a fixed webhookId (so tests know its URL). */
function trigger(name, parameters, credential, { webhookId }) {
	return {
		id: nodeId('trigger'),
		name,
		type: TRIGGER_TYPE,
		typeVersion: 1,
		position: [0, 0],
		webhookId,
		parameters,
		credentials: credentialRef(credential),
	};
}

function typeOf(value) {
	if (typeof value === 'number') return 'number';
	if (typeof value === 'boolean') return 'boolean';
	if (Array.isArray(value)) return 'array';
	if (value && typeof value === 'object') return 'object';
	return 'string';
}

/** Edit Fields (Set) 3.4: one output item with these fields (values may be expressions). */
function set(name, fields, { includeOtherFields = false, executeOnce = false } = {}) {
	return {
		id: nodeId('set'),
		name,
		type: 'n8n-nodes-base.set',
		typeVersion: 3.4,
		position: [0, 0],
		parameters: {
			assignments: {
				assignments: Object.entries(fields).map(([field, value], i) => ({
					id: `${name}-${i}`,
					name: field,
					value:
						typeOf(value) === 'object' || typeOf(value) === 'array' ? JSON.stringify(value) : value,
					type: typeOf(value),
				})),
			},
			...(includeOtherFields ? { includeOtherFields: true } : {}),
			options: {},
		},
		...(executeOnce ? { executeOnce: true } : {}),
	};
}

/** Split Out: one item per element of an array field (how many items are made without a Code node). */
function splitOut(name, field) {
	return {
		id: nodeId('split'),
		name,
		type: 'n8n-nodes-base.splitOut',
		typeVersion: 1,
		position: [0, 0],
		parameters: { fieldToSplitOut: field, options: {} },
	};
}

/** Convert to File "Move Base64 String to File": json[sourceProperty] (base64) -> binary[binaryPropertyName]. */
function toFile(
	name,
	sourceProperty,
	fileName,
	{ mimeType = 'application/pdf', binaryPropertyName = 'data' } = {},
) {
	return {
		id: nodeId('tofile'),
		name,
		type: 'n8n-nodes-base.convertToFile',
		typeVersion: 1.1,
		position: [0, 0],
		parameters: {
			operation: 'toBinary',
			sourceProperty,
			binaryPropertyName,
			options: { fileName, mimeType },
		},
	};
}

/**
 * Extract from File "Move File to Base64 String": binary[binaryPropertyName] -> json[destinationKey]. Reads
 * the bytes through n8n's binary data service, so it works whether n8n keeps binaries in memory (1.x) or on
 * disk (2.x, where the execution data only holds a reference).
 */
function toBase64(name, binaryPropertyName = 'data', destinationKey = 'base64') {
	return {
		id: nodeId('tob64'),
		name,
		type: 'n8n-nodes-base.extractFromFile',
		typeVersion: 1.1,
		position: [0, 0],
		parameters: { operation: 'binaryToPropery', binaryPropertyName, destinationKey, options: {} },
	};
}

/** Wait "After Time Interval" in seconds (under 65 s n8n waits in process, on both majors). */
function wait(name, seconds) {
	return {
		id: nodeId('wait'),
		name,
		type: 'n8n-nodes-base.wait',
		typeVersion: 1.1,
		position: [0, 0],
		webhookId: nodeId('wait-hook'),
		parameters: { amount: seconds, unit: 'seconds' },
	};
}

function noOp(name) {
	return {
		id: nodeId('noop'),
		name,
		type: 'n8n-nodes-base.noOp',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
}

function manualTrigger(name = 'Manual Trigger') {
	return {
		id: nodeId('manual'),
		name,
		type: 'n8n-nodes-base.manualTrigger',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
}

/** nodes in a line: { nodes (with positions), connections }. */
function line(nodes) {
	const placed = nodes.map((n, i) => ({ ...n, position: [220 * i, 0] }));
	const connections = {};
	for (let i = 0; i < placed.length - 1; i++) {
		connections[placed[i].name] = {
			main: [[{ node: placed[i + 1].name, type: 'main', index: 0 }]],
		};
	}
	return { nodes: placed, connections };
}

// ---------- the sandbox's request log ----------

const API_PREFIX = '/public/v2';

/** "GET /profile/1001/loop?batch_number=1&batch_size=5": method, path below /public/v2, query keys sorted. */
function route(entry) {
	const path = entry.path.startsWith(API_PREFIX) ? entry.path.slice(API_PREFIX.length) : entry.path;
	const query = entry.query || {};
	const keys = Object.keys(query).sort();
	const qs = keys
		.map((k) => `${k}=${Array.isArray(query[k]) ? query[k].join('&' + k + '=') : query[k]}`)
		.join('&');
	return `${entry.method} ${path}${qs ? `?${qs}` : ''}`;
}

/** API requests (not OAuth) the sandbox logged after `since`, each with .route. */
async function apiRequests(admin, since) {
	return (await admin.requests({ since }))
		.filter((e) => e.path.startsWith(API_PREFIX))
		.map((e) => ({ ...e, route: route(e) }));
}

module.exports = {
	rl,
	ref,
	dotloop,
	trigger,
	set,
	splitOut,
	toFile,
	toBase64,
	wait,
	noOp,
	manualTrigger,
	line,
	route,
	apiRequests,
	API_PREFIX,
};
