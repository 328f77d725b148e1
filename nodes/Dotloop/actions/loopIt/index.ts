import * as create from './create.operation';
import { dotloopResource } from '../types';

export const { operations, description } = dotloopResource(
	'loopIt',
	{ create },
	{
		create: {
			name: 'Create',
			description:
				'Create a loop in one step, with property data, participants and an optional template',
			action: 'Create a loop with Loop-It',
		},
	},
	'create',
);
