import type { INodeProperties } from 'n8n-workflow';

/**
 * The contact fields of sections 12.3/12.4, in Dotloop's own names, plus `company` and `role`, which
 * only the changelog mentions (05/10/2017: "Contacts API supports company and role property now").
 */
export const contactFields: INodeProperties[] = [
	{ displayName: 'Address', name: 'address', type: 'string', default: '' },
	{ displayName: 'City', name: 'city', type: 'string', default: '' },
	{ displayName: 'Company', name: 'company', type: 'string', default: '' },
	{ displayName: 'Country', name: 'country', type: 'string', default: '' },
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'name@email.com',
		default: '',
	},
	{ displayName: 'Fax', name: 'fax', type: 'string', default: '' },
	{ displayName: 'First Name', name: 'firstName', type: 'string', default: '' },
	{
		displayName: 'Home Phone',
		name: 'home',
		type: 'string',
		default: '',
		hint: 'Personal number: a CRM\'s "mobile" goes here (Dotloop contacts have no mobile field)',
	},
	{ displayName: 'Last Name', name: 'lastName', type: 'string', default: '' },
	{
		displayName: 'Office Phone',
		name: 'office',
		type: 'string',
		default: '',
		hint: 'Work number: a CRM\'s "phone" or "work phone" goes here, unless it is the person\'s own mobile',
	},
	{
		displayName: 'Role',
		name: 'role',
		type: 'string',
		placeholder: 'e.g. Lender',
		default: '',
		description: "The contact's role, as free text",
	},
	{ displayName: 'State', name: 'state', type: 'string', default: '' },
	{ displayName: 'Zip Code', name: 'zipCode', type: 'string', default: '' },
];

/** The Contact picker (the account's contacts, or By ID). */
export { contactLocator as contactIdField } from '../../descriptions/locators';

/** Create and Create or Update: every contact field but the names and email, which have fields of their own. */
export const additionalContactFields: INodeProperties = {
	displayName: 'Additional Fields',
	name: 'additionalFields',
	type: 'collection',
	placeholder: 'Add Field',
	default: {},
	options: contactFields.filter(
		(field) => !['firstName', 'lastName', 'email'].includes(field.name),
	),
};
