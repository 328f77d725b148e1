import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as deleteParticipant from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';

export const operations = { create, delete: deleteParticipant, get, getAll, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['participant'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Add a participant to a loop',
				action: 'Create a participant',
			},
			{
				name: 'Delete',
				value: 'delete',
				description: 'Remove a participant from a loop',
				action: 'Delete a participant',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get a participant of a loop',
				action: 'Get a participant',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'Get many participants of a loop',
				action: 'Get many participants',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Update a participant of a loop',
				action: 'Update a participant',
			},
		],
		default: 'getAll',
	},
	...create.description,
	...deleteParticipant.description,
	...get.description,
	...getAll.description,
	...update.description,
];
