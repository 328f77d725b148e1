import * as create from './create.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';
import { dotloopResource } from '../types';

export const { operations, description } = dotloopResource(
	'folder',
	{ create, get, getAll, update },
	{
		create: { name: 'Create', description: 'Create a folder in a loop', action: 'Create a folder' },
		get: { name: 'Get', description: 'Get a folder of a loop', action: 'Get a folder' },
		getAll: {
			name: 'Get Many',
			description: 'Get many folders of a loop',
			action: 'Get many folders',
		},
		update: { name: 'Update', description: 'Rename a folder of a loop', action: 'Update a folder' },
	},
	'getAll',
);
