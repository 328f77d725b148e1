import * as create from './create.operation';
import * as deleteSubscription from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';
import { dotloopResource } from '../types';

export const { operations, description } = dotloopResource(
	'webhookSubscription',
	{ create, delete: deleteSubscription, get, getAll, update },
	{
		create: {
			name: 'Create',
			description: 'Subscribe a URL to Dotloop events',
			action: 'Create a webhook subscription',
		},
		delete: {
			name: 'Delete',
			description: 'Delete a webhook subscription',
			action: 'Delete a webhook subscription',
		},
		get: {
			name: 'Get',
			description: 'Get a webhook subscription',
			action: 'Get a webhook subscription',
		},
		getAll: {
			name: 'Get Many',
			description: 'Get many webhook subscriptions of this API client',
			action: 'Get many webhook subscriptions',
		},
		update: {
			name: 'Update',
			description: 'Update, enable or disable a webhook subscription',
			action: 'Update a webhook subscription',
		},
	},
	'getAll',
);
