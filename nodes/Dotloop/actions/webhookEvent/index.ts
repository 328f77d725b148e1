import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';
import * as getAll from './getAll.operation';

export const operations = { get, getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['webhookEvent'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description: 'Get an event of a webhook subscription with its delivery attempts',
				action: 'Get a webhook event',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'Get many events of a webhook subscription (kept for 90 days)',
				action: 'Get many webhook events',
			},
		],
		default: 'getAll',
	},
	...get.description,
	...getAll.description,
];
