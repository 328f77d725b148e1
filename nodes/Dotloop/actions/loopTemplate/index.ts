import * as get from './get.operation';
import * as getAll from './getAll.operation';
import { dotloopResource } from '../types';

export const { operations, description } = dotloopResource(
	'loopTemplate',
	{ get, getAll },
	{
		get: { name: 'Get', description: 'Get a loop template', action: 'Get a loop template' },
		getAll: {
			name: 'Get Many',
			description: 'Get many loop templates of a profile',
			action: 'Get many loop templates',
		},
	},
	'getAll',
);
