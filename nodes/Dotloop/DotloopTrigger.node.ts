import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { searchProfiles } from './methods/listSearch';
import { receiveDelivery } from './webhookTrigger/delivery';
import { TRIGGER_SUBTITLE, triggerProperties } from './webhookTrigger/description';
import { createSubscription } from './webhookTrigger/create';
import { deleteSubscription } from './webhookTrigger/delete';
import { subscriptionExists } from './webhookTrigger/reconcile';

export class DotloopTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Dotloop Trigger',
		name: 'dotloopTrigger',
		icon: { light: 'file:dotloop.svg', dark: 'file:dotloop.dark.svg' },
		group: ['trigger'],
		// 1.1 changes nothing in the node: n8n evaluates a legacy binary-data option on every delivery
		// to version-1 triggers, which costs an expression isolate per delivery (see the benchmark).
		// 2 replaces Target + per-target events with one Events list (the target follows from it).
		version: [1, 1.1, 2],
		defaultVersion: 2,
		subtitle: TRIGGER_SUBTITLE,
		description:
			'Starts the workflow when loops, participants, contacts or profiles change in Dotloop',
		defaults: { name: 'Dotloop Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'dotloopOAuth2Api', required: true }],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				path: 'dotloop',
			},
		],
		properties: triggerProperties,
	};

	methods = { listSearch: { searchProfiles } };

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await subscriptionExists.call(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await createSubscription.call(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await deleteSubscription.call(this);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receiveDelivery.call(this);
	}
}
