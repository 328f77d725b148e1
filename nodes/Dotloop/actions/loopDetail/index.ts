import * as get from './get.operation';
import * as update from './update.operation';
import { dotloopResource } from '../types';

export const { operations, description } = dotloopResource(
	'loopDetail',
	{ get, update },
	{
		get: {
			name: 'Get',
			description: 'Get the details of a loop (property, financials, dates, …)',
			action: 'Get loop details',
		},
		update: {
			name: 'Update',
			description: 'Update the details of a loop',
			action: 'Update loop details',
		},
	},
	'get',
);
