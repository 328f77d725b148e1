import * as get from './get.operation';
import { dotloopResource } from '../types';

export const { operations, description } = dotloopResource(
	'account',
	{ get },
	{
		get: {
			name: 'Get',
			description: 'Get the connected Dotloop account (its ID, name, email and default profile)',
			action: 'Get the account',
		},
	},
	'get',
);
