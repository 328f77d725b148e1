import * as create from './create.operation';
import * as deleteParticipant from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';
import { dotloopResource } from '../types';

export const { operations, description } = dotloopResource(
	'participant',
	{ create, delete: deleteParticipant, get, getAll, update },
	{
		create: {
			name: 'Create',
			description: 'Add a participant to a loop',
			action: 'Create a participant',
		},
		delete: {
			name: 'Delete',
			description: 'Remove a participant from a loop',
			action: 'Delete a participant',
		},
		get: { name: 'Get', description: 'Get a participant of a loop', action: 'Get a participant' },
		getAll: {
			name: 'Get Many',
			description: 'Get many participants of a loop',
			action: 'Get many participants',
		},
		update: {
			name: 'Update',
			description: 'Update a participant of a loop',
			action: 'Update a participant',
		},
	},
	'getAll',
);
