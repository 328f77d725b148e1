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
		displayOptions: { show: { resource: ['profile'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Create a profile',
				action: 'Create a profile',
			},
			{ name: 'Get', value: 'get', description: 'Get a profile', action: 'Get a profile' },
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'Get many profiles of the connected user',
				action: 'Get many profiles',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Update a profile',
				action: 'Update a profile',
			},
		],
		default: 'getAll',
	},
	...create.description,
	...get.description,
	...getAll.description,
	...update.description,
];
