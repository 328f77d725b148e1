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
		displayOptions: { show: { resource: ['task'] } },
		options: [
			{ name: 'Get', value: 'get', description: 'Get a task of a task list', action: 'Get a task' },
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'Get many tasks of a task list',
				action: 'Get many tasks',
			},
		],
		default: 'getAll',
	},
	...get.description,
	...getAll.description,
];
