import * as create from './create.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';
import { dotloopResource } from '../types';

export const { operations, description } = dotloopResource(
	'profile',
	{ create, get, getAll, update },
	{
		create: { name: 'Create', description: 'Create a profile', action: 'Create a profile' },
		get: { name: 'Get', description: 'Get a profile', action: 'Get a profile' },
		getAll: {
			name: 'Get Many',
			description: 'Get many profiles of the connected user',
			action: 'Get many profiles',
		},
		update: { name: 'Update', description: 'Update a profile', action: 'Update a profile' },
	},
	'getAll',
);
