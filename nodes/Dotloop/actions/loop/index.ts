import * as create from './create.operation';
import * as find from './find.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getFull from './getFull.operation';
import * as update from './update.operation';
import { dotloopResource } from '../types';

export const { operations, description } = dotloopResource(
	'loop',
	{ create, find, get, getAll, getFull, update },
	{
		create: { name: 'Create', description: 'Create a loop', action: 'Create a loop' },
		find: {
			name: 'Find',
			description:
				"Find a profile's loops whose name contains a text, or whose MLS number or street address matches; outputs one item per loop",
			action: 'Find loops',
		},
		get: { name: 'Get', description: 'Get a loop', action: 'Get a loop' },
		getAll: {
			name: 'Get Many',
			description: 'Get many loops of a profile',
			action: 'Get many loops',
		},
		getFull: {
			name: 'Get Full',
			description:
				'Get a whole loop in one item: the loop, its details, participants, folders with their documents and task lists with their tasks',
			action: 'Get a full loop',
		},
		update: { name: 'Update', description: 'Update a loop', action: 'Update a loop' },
	},
	'getAll',
);
