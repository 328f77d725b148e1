import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as find from './find.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getFull from './getFull.operation';
import * as update from './update.operation';

export const operations = { create, find, get, getAll, getFull, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['loop'] } },
		options: [
			{ name: 'Create', value: 'create', description: 'Create a loop', action: 'Create a loop' },
			{
				name: 'Find',
				value: 'find',
				description:
					"Find a profile's loops whose name contains a text, or whose MLS number or street address matches; outputs one item per loop",
				action: 'Find loops',
			},
			{ name: 'Get', value: 'get', description: 'Get a loop', action: 'Get a loop' },
			{
				name: 'Get Full',
				value: 'getFull',
				description:
					'Get a whole loop in one item: the loop, its details, participants, folders with their documents and task lists with their tasks',
				action: 'Get a full loop',
			},
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
	...find.description,
	...get.description,
	...getAll.description,
	...getFull.description,
	...update.description,
];
