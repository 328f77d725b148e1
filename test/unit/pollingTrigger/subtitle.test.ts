import { Workflow } from 'n8n-workflow';
import type { INode, INodeType, INodeTypes } from 'n8n-workflow';

import { DotloopPollingTrigger } from '../../../nodes/Dotloop/DotloopPollingTrigger.node';

const poller = new DotloopPollingTrigger();
const nodeTypes: INodeTypes = {
	getByName: () => poller as INodeType,
	getByNameAndVersion: () => poller as INodeType,
	getKnownTypes: () => ({}),
};

/** The subtitle n8n's canvas shows under the node, evaluated as n8n evaluates it. */
function subtitle(event: string): unknown {
	const node: INode = {
		id: 'poller',
		name: 'Dotloop Polling Trigger',
		type: 'n8n-nodes-dotloop.dotloopPollingTrigger',
		typeVersion: 1,
		position: [0, 0],
		parameters: { event },
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	return workflow.expression.getSimpleParameterValue(
		workflow.getNode(node.name)!,
		poller.description.subtitle,
		'internal',
		{},
	);
}

describe('Dotloop Polling Trigger subtitle', () => {
	it.each([
		['loopStatusChanged', 'Loop Status Changed'],
		['loopDateApproaching', 'Loop Date Approaching'],
		['contactCreated', 'Contact Created'],
		['failedWebhookDeliveries', 'Failed Webhook Deliveries'],
		['subscriptionDisabled', 'Subscription Disabled'],
	])('names %s readably', (event, readable) => {
		expect(subtitle(event)).toBe(readable);
	});
});
