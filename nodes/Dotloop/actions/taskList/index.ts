import * as get from './get.operation';
import * as getAll from './getAll.operation';
import { dotloopResource } from '../types';

export const { operations, description } = dotloopResource(
	'taskList',
	{ get, getAll },
	{
		get: { name: 'Get', description: 'Get a task list of a loop', action: 'Get a task list' },
		getAll: {
			name: 'Get Many',
			description: 'Get many task lists of a loop',
			action: 'Get many task lists',
		},
	},
	'getAll',
);
