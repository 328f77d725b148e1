import * as getAll from './getAll.operation';
import { dotloopResource } from '../types';

export const { operations, description } = dotloopResource(
	'activity',
	{ getAll },
	{
		getAll: {
			name: 'Get Many',
			description: 'Get many activities of a loop',
			action: 'Get many activities',
		},
	},
	'getAll',
);
