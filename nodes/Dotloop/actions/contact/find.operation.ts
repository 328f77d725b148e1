import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { readPageLimit, toWholeSecondUtc } from '../../parameters/validation';
import { optionsCollection, returnAllOrLimit } from '../../descriptions/common';
import { getAllBatched } from '../../transport';
import type { ExecutionScope } from '../execution';
import { toItems } from '../output';
import { contactMatcher, emailField, readEmail } from './match';

export const properties: INodeProperties[] = [
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
	optionsCollection([
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
	]),
];

export const toolDescription =
	'Find contacts by email (exact, any case), optionally also by first and last name; one result per match. Reads only, changes nothing. Cost: 1 request per 100 contacts in the directory, fewer once the limit of matches is found.';

/**
 * 12.1 List all Contacts has no search, so Find reads the list 100 contacts a request and keeps the
 * matches. Several items share the execution's list, read once: ⌈contacts / 100⌉ requests in all.
 * A lone item reads only until Limit contacts match; Updated Since reads the changed contacts only,
 * for each item.
 */
export async function execute(
	this: IExecuteFunctions,
	i: number,
	{ contacts }: ExecutionScope,
): Promise<INodeExecutionData[]> {
	const email = readEmail.call(this, i);
	const limit = readPageLimit.call(this, i);
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	const keep = contactMatcher({
		email,
		firstName: this.getNodeParameter('firstName', i, '') as string,
		lastName: this.getNodeParameter('lastName', i, '') as string,
	});
	let matches: IDataObject[];
	if (options.updatedSince) {
		const since = toWholeSecondUtc(this, options.updatedSince, 'Updated Since', i);
		matches = await getAllBatched.call(
			this,
			'/contact',
			{ filter: `updated_min=${since}` },
			{ limit, keep },
		);
	} else if (contacts.isRead || this.getInputData().length > 1) {
		matches = (await contacts.matching(this, keep)).slice(0, limit);
	} else {
		matches = await getAllBatched.call(this, '/contact', {}, { limit, keep });
	}
	if (matches.length === 0 && options.emptyItemOnNoMatch === true) return [{ json: {} }];
	return toItems(matches);
}
