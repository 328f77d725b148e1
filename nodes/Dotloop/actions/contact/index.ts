import * as create from './create.operation';
import * as deleteContact from './delete.operation';
import * as find from './find.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';
import * as upsert from './upsert.operation';
import { dotloopResource } from '../types';

export const { operations, description } = dotloopResource(
	'contact',
	{ create, delete: deleteContact, find, get, getAll, update, upsert },
	{
		create: { name: 'Create', description: 'Create a contact', action: 'Create a contact' },
		delete: { name: 'Delete', description: 'Delete a contact', action: 'Delete a contact' },
		find: {
			name: 'Find',
			description:
				'Find contacts by email (exact, any case), optionally also by first and last name; outputs one item per match',
			action: 'Find contacts by email',
		},
		get: { name: 'Get', description: 'Get a contact', action: 'Get a contact' },
		getAll: { name: 'Get Many', description: 'Get many contacts', action: 'Get many contacts' },
		update: { name: 'Update', description: 'Update a contact', action: 'Update a contact' },
		upsert: {
			name: 'Create or Update',
			description: 'Create a new record, or update the current one if it already exists (upsert)',
			action: 'Create or update a contact by email',
		},
	},
	'getAll',
);
