import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';

import { searchProfiles } from './methods/listSearch';
import { pollingTriggerProperties } from './pollingTrigger/description';
import { pollDotloop } from './pollingTrigger/poll';

export class DotloopPollingTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Dotloop Polling Trigger',
		name: 'dotloopPollingTrigger',
		icon: { light: 'file:dotloop.svg', dark: 'file:dotloop.dark.svg' },
		group: ['trigger'],
		version: 1,
		// The event's value in words ("loopStatusChanged" → "Loop Status Changed"): the canvas has only $parameter.
		subtitle:
			'={{ String($parameter["event"] || "").replace(/([A-Z])/g, " $1").replace(/^./, (c) => c.toUpperCase()) }}',
		description:
			'Starts the workflow on Dotloop changes by asking Dotloop at set times; works with every API client, no webhooks needed',
		defaults: { name: 'Dotloop Polling Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'dotloopOAuth2Api', required: true }],
		properties: pollingTriggerProperties,
	};

	methods = { listSearch: { searchProfiles } };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollDotloop.call(this);
	}
}
