import * as get from './get.operation';
import * as getAll from './getAll.operation';
import { dotloopResource } from '../types';

export const { operations, description } = dotloopResource(
	'task',
	{ get, getAll },
	{
		get: { name: 'Get', description: 'Get a task of a task list', action: 'Get a task' },
		getAll: {
			name: 'Get Many',
			description: 'Get many tasks of a task list',
			action: 'Get many tasks',
		},
	},
	'getAll',
);
