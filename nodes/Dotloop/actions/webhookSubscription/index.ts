import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as deleteSubscription from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';

export const operations = { create, delete: deleteSubscription, get, getAll, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['webhookSubscription'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Subscribe a URL to Dotloop events',
				action: 'Create a webhook subscription',
			},
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete a webhook subscription',
				action: 'Delete a webhook subscription',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get a webhook subscription',
				action: 'Get a webhook subscription',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'Get many webhook subscriptions of this API client',
				action: 'Get many webhook subscriptions',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Update, enable or disable a webhook subscription',
				action: 'Update a webhook subscription',
			},
		],
		default: 'getAll',
	},
	...create.description,
	...deleteSubscription.description,
	...get.description,
	...getAll.description,
	...update.description,
];
