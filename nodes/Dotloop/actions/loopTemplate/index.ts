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
		displayOptions: { show: { resource: ['loopTemplate'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description: 'Get a loop template',
				action: 'Get a loop template',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'Get many loop templates of a profile',
				action: 'Get many loop templates',
			},
		],
		default: 'getAll',
	},
	...get.description,
	...getAll.description,
];
