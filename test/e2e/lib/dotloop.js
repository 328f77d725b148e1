'use strict';
/** The package's identifiers as n8n sees them after a Community Nodes install, and credential helpers. */
const { connectOAuth2 } = require('./oauth');

const PACKAGE_NAME = 'n8n-nodes-dotloop';
const NODE_TYPE = `${PACKAGE_NAME}.dotloop`;
const TRIGGER_TYPE = `${PACKAGE_NAME}.dotloopTrigger`;
const CREDENTIAL_TYPE = 'dotloopOAuth2Api';

/** CREDENTIALS_OVERWRITE_DATA that points the credential's pinned OAuth URLs at a sandbox. */
function credentialsOverwrite(sandbox) {
	return {
		[CREDENTIAL_TYPE]: {
			authUrl: `${sandbox.url}/oauth/authorize`,
			accessTokenUrl: `${sandbox.url}/oauth/token`,
		},
	};
}

/** Create an (unconnected) Dotloop credential pointing at the sandbox. Returns n8n's credential ({ id, ... }). */
async function createDotloopCredential(n8n, sandbox, overrides = {}) {
	const { name = `Dotloop sandbox ${Date.now()}`, ...data } = overrides;
	return await n8n.createCredential({
		name,
		type: CREDENTIAL_TYPE,
		data: {
			clientId: sandbox.clientId,
			clientSecret: sandbox.clientSecret,
			apiBaseUrl: sandbox.apiBaseUrl,
			...data,
		},
	});
}

/**
 * Create a Dotloop credential and connect it through the real consent flow (approve). Throws unless n8n
 * reports success. Returns { credential, flow } (flow as from connectOAuth2).
 */
async function connectedDotloopCredential(n8n, sandbox, overrides = {}) {
	const credential = await createDotloopCredential(n8n, sandbox, overrides);
	const flow = await connectOAuth2(n8n, credential.id, { decision: 'approve' });
	if (!flow.ok)
		throw new Error(`OAuth consent flow did not succeed: ${flow.pageText || flow.callbackUrl}`);
	return { credential, flow };
}

/** A node of the Dotloop action node for workflow JSON (position/ids filled in). */
function dotloopNode({
	name = 'Dotloop',
	parameters = {},
	credentialId,
	credentialName = 'Dotloop',
	typeVersion = 1,
	position = [300, 0],
	id,
} = {}) {
	return {
		id: id || `dotloop-${Math.random().toString(36).slice(2, 10)}`,
		name,
		type: NODE_TYPE,
		typeVersion,
		position,
		parameters,
		...(credentialId
			? { credentials: { [CREDENTIAL_TYPE]: { id: credentialId, name: credentialName } } }
			: {}),
	};
}

module.exports = {
	PACKAGE_NAME,
	NODE_TYPE,
	TRIGGER_TYPE,
	CREDENTIAL_TYPE,
	credentialsOverwrite,
	createDotloopCredential,
	connectedDotloopCredential,
	dotloopNode,
};
