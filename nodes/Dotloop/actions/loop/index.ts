import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';

export const operations = { create, get, getAll, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['loop'] } },
		options: [
			{ name: 'Create', value: 'create', description: 'Create a loop', action: 'Create a loop' },
			{ name: 'Get', value: 'get', description: 'Get a loop', action: 'Get a loop' },
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'Get many loops of a profile',
				action: 'Get many loops',
			},
			{ name: 'Update', value: 'update', description: 'Update a loop', action: 'Update a loop' },
		],
		default: 'getAll',
	},
	...create.description,
	...get.description,
	...getAll.description,
	...update.description,
];
