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
		displayOptions: { show: { resource: ['taskList'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description: 'Get a task list of a loop',
				action: 'Get a task list',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'Get many task lists of a loop',
				action: 'Get many task lists',
			},
		],
		default: 'getAll',
	},
	...get.description,
	...getAll.description,
];
