import type { INodeProperties } from 'n8n-workflow';

import * as getAll from './getAll.operation';

export const operations = { getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['activity'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'Get many activities of a loop',
				action: 'Get many activities',
			},
		],
		default: 'getAll',
	},
	...getAll.description,
];
