'use strict';
// The identity of the n8n instance the tests run as. n8n sets it at start from N8N_INSTANCE_ID (or
// the id stored in its database) through InstanceSettings.initialize; the tests switch it to play
// the same workflow imported into another n8n. Plain JavaScript for the same reason as engine.js.
const path = require('path');
const { InstanceSettings } = require('n8n-core');

const { Container } = require(
	require.resolve('@n8n/di', {
		paths: [path.dirname(require.resolve('n8n-core/package.json'))],
	}),
);

/** Makes the running n8n instance answer `id` from getInstanceId(), as N8N_INSTANCE_ID would. */
exports.setInstanceId = (id) => {
	Container.get(InstanceSettings).instanceId = id;
};
