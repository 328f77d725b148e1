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
		displayOptions: { show: { resource: ['folder'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Create a folder in a loop',
				action: 'Create a folder',
			},
			{ name: 'Get', value: 'get', description: 'Get a folder of a loop', action: 'Get a folder' },
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'Get many folders of a loop',
				action: 'Get many folders',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Rename a folder of a loop',
				action: 'Update a folder',
			},
		],
		default: 'getAll',
	},
	...create.description,
	...get.description,
	...getAll.description,
	...update.description,
];
