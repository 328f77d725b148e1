import * as get from './get.operation';
import * as getAll from './getAll.operation';
import { dotloopResource } from '../types';

export const { operations, description } = dotloopResource(
	'webhookEvent',
	{ get, getAll },
	{
		get: {
			name: 'Get',
			description: 'Get an event of a webhook subscription with its delivery attempts',
			action: 'Get a webhook event',
		},
		getAll: {
			name: 'Get Many',
			description: 'Get many events of a webhook subscription (kept for 90 days)',
			action: 'Get many webhook events',
		},
	},
	'getAll',
);
