import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { assertRequiredText } from '../../parameters/validation';

/** An address with one @, something before it and a dotted domain after it, no spaces. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@.]+$/;

/** The Email parameter of the operations that look a contact up by email; read with readEmail. */
export function emailField(description: string): INodeProperties {
	return {
		displayName: 'Email',
		name: 'email',
		type: 'string',
		required: true,
		placeholder: 'name@email.com',
		default: '',
		description,
	};
}

/** The Email parameter, trimmed, refused unless it is an email address. */
export function readEmail(this: IExecuteFunctions, i: number): string {
	const email = assertRequiredText(
		this,
		this.getNodeParameter('email', i, '') as string,
		'Email',
		i,
	);
	if (!EMAIL.test(email)) {
		throw new NodeOperationError(
			this.getNode(),
			`"Email" must be an email address such as name@example.com, not "${email}"`,
			{ itemIndex: i },
		);
	}
	return email;
}

const folded = (value: unknown) =>
	typeof value === 'string' ? value.trim().toLowerCase() : String(value ?? '').toLowerCase();

/** What two emails that match have in common: the email without case and surrounding spaces. */
export const emailKey = (email: string): string => folded(email);

/**
 * Dotloop has no contact search (12.1 List all Contacts filters only by updated_min), so matching is
 * done here: the email exactly but for case and surrounding spaces; first and last name the same
 * way, and only when given.
 */
export function contactMatcher(criteria: {
	email: string;
	firstName?: string;
	lastName?: string;
}): (contact: IDataObject) => boolean {
	const email = folded(criteria.email);
	const firstName = criteria.firstName?.trim() ? folded(criteria.firstName) : undefined;
	const lastName = criteria.lastName?.trim() ? folded(criteria.lastName) : undefined;
	return (contact) =>
		folded(contact.email) === email &&
		(firstName === undefined || folded(contact.firstName) === firstName) &&
		(lastName === undefined || folded(contact.lastName) === lastName);
}

/** The most recently updated contact (by `updated`; ties and missing dates: the highest id). */
export function mostRecentlyUpdated(contacts: IDataObject[]): IDataObject {
	const time = (contact: IDataObject) => {
		const ms = Date.parse(String(contact.updated ?? ''));
		return Number.isFinite(ms) ? ms : -Infinity;
	};
	return contacts.reduce((best, contact) => {
		const [mine, theirs] = [time(contact), time(best)];
		if (mine > theirs) return contact;
		if (mine === theirs && Number(contact.id) > Number(best.id)) return contact;
		return best;
	});
}
