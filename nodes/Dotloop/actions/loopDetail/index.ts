import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';
import * as update from './update.operation';

export const operations = { get, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['loopDetail'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description: 'Get the details of a loop (property, financials, dates, …)',
				action: 'Get loop details',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Update the details of a loop',
				action: 'Update loop details',
			},
		],
		default: 'get',
	},
	...get.description,
	...update.description,
];
