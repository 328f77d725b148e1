import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { dotloopApiRequest } from '../../transport';
import type { ExecutionScope } from '../execution';
import { withoutEmpty } from '../output';
import { additionalContactFields } from './fields';
import { contactMatcher, emailField, emailKey, mostRecentlyUpdated, readEmail } from './match';

export const properties: INodeProperties[] = [
	emailField(
		'The contact is found by this email (exact, any case): updated if it exists, created otherwise',
	),
	{ displayName: 'First Name', name: 'firstName', type: 'string', default: '' },
	{ displayName: 'Last Name', name: 'lastName', type: 'string', default: '' },
	additionalContactFields,
];

export const toolDescription =
	'Create or update a contact by email: updates the contact with that email (the most recently updated one if several have it), or creates it if none does; the result says which. Changes data in Dotloop. Cost: 1 request per 100 contacts in the directory, plus 1.';

/**
 * Finds the contacts with this email in the execution's contact list (12.1, read once per execution,
 * 100 a request), then updates the most recently updated of them (12.4) or creates the contact
 * (12.3), and keeps the list current, so a later item with the same email updates what this one
 * created. The output says which, and how many contacts had the email.
 */
export async function execute(
	this: IExecuteFunctions,
	i: number,
	{ contacts }: ExecutionScope,
): Promise<INodeExecutionData[]> {
	const email = readEmail.call(this, i);
	const body = withoutEmpty({
		firstName: this.getNodeParameter('firstName', i, '') as string,
		lastName: this.getNodeParameter('lastName', i, '') as string,
		email,
		...(this.getNodeParameter('additionalFields', i, {}) as IDataObject),
	});

	return await contacts.inTurn(emailKey(email), async () => {
		const matches = await contacts.matching(this, contactMatcher({ email }));
		if (matches.length === 0) {
			const created = await dotloopApiRequest.call(this, {
				method: 'POST',
				path: '/contact',
				body,
			});
			await contacts.created({ ...body, ...created });
			return [{ json: { ...created, action: 'created', matchingContacts: 0 } }];
		}

		const target = mostRecentlyUpdated(matches);
		const updated = await contacts.forgetIfGone(
			target.id,
			dotloopApiRequest.call(this, { method: 'PATCH', path: `/contact/${target.id}`, body }),
		);
		await contacts.updated(target.id as number, { ...body, ...updated });
		const json: IDataObject = { ...updated, action: 'updated', matchingContacts: matches.length };
		if (matches.length > 1) {
			json.otherMatchingContactIds = matches.filter((c) => c !== target).map((c) => c.id);
			json.note = `${matches.length} contacts have this email; the most recently updated one (${target.id}) was updated`;
		}
		return [{ json }];
	});
}
