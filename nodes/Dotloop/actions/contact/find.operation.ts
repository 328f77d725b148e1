import { updateDisplayOptions } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { readPageLimit, returnAllOrLimit } from '../../descriptions/common';
import { toWholeSecondUtc } from '../../descriptions/validation';
import { getAllBatched } from '../../transport';
import { toItems } from '../output';
import { contactMatcher, emailField, readEmail } from './match';

const properties: INodeProperties[] = [
	emailField('The email address to look for, matched exactly but for upper/lower case'),
	{
		displayName: 'First Name',
		name: 'firstName',
		type: 'string',
		default: '',
		description: 'If set, only contacts with this first name too (exact, any case)',
	},
	{
		displayName: 'Last Name',
		name: 'lastName',
		type: 'string',
		default: '',
		description: 'If set, only contacts with this last name too (exact, any case)',
	},
	...returnAllOrLimit.map((field) =>
		field.name === 'limit'
			? { ...field, description: 'Max number of matching contacts to return' }
			: field,
	),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Output an Empty Item When None Match',
				name: 'emptyItemOnNoMatch',
				type: 'boolean',
				default: false,
				description:
					'Whether to output one empty item when no contact matches, so the workflow goes on (otherwise the node outputs nothing for this item)',
			},
			{
				displayName: 'Updated Since',
				name: 'updatedSince',
				type: 'dateTime',
				default: '',
				description:
					'Only look at contacts changed at or after this time: fewer pages to read (sent to Dotloop as whole-second UTC)',
			},
		],
	},
];

export const toolDescription =
	'Find contacts by email (exact, any case), optionally also by first and last name; one result per match. Reads only, changes nothing. Cost: 1 request per 100 contacts in the directory, fewer once the limit of matches is found.';

export const description = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['find'] } },
	properties,
);

/**
 * 12.1 List all Contacts has no search, so Find reads the list 100 contacts a request and keeps the
 * matches: ⌈contacts / 100⌉ requests, fewer once Limit matches are found.
 */
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const email = readEmail.call(this, i);
	const limit = readPageLimit.call(this, i);
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	const keep = contactMatcher({
		email,
		firstName: this.getNodeParameter('firstName', i, '') as string,
		lastName: this.getNodeParameter('lastName', i, '') as string,
	});
	const qs: IDataObject = {};
	if (options.updatedSince) {
		qs.filter = `updated_min=${toWholeSecondUtc(this, options.updatedSince, 'Updated Since', i)}`;
	}
	const matches = await getAllBatched.call(this, '/contact', qs, { limit, keep });
	if (matches.length === 0 && options.emptyItemOnNoMatch === true) return [{ json: {} }];
	return toItems(matches);
}
