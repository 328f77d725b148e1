import type { INodeProperties } from 'n8n-workflow';

/** The profile fields of "Create a Profile" and "Update a Profile" (docs; fax appears in Dotloop's examples and answers). */
export const profileFields: INodeProperties[] = [
	{
		displayName: 'Address',
		name: 'address',
		type: 'string',
		default: '',
		description: 'Address line',
	},
	{ displayName: 'City', name: 'city', type: 'string', default: '' },
	{
		displayName: 'Company',
		name: 'company',
		type: 'string',
		default: '',
		description: 'Company name',
	},
	{ displayName: 'Country', name: 'country', type: 'string', default: '' },
	{
		displayName: 'Fax',
		name: 'fax',
		type: 'string',
		default: '',
		placeholder: 'e.g. +1 (415) 555 0100',
	},
	{ displayName: 'Name', name: 'name', type: 'string', default: '', description: 'Profile name' },
	{
		displayName: 'Phone',
		name: 'phone',
		type: 'string',
		default: '',
		placeholder: 'e.g. +1 (415) 555 0100',
	},
	{ displayName: 'State', name: 'state', type: 'string', default: '', placeholder: 'e.g. NY' },
	{
		displayName: 'Zip Code',
		name: 'zipCode',
		type: 'string',
		default: '',
		placeholder: 'e.g. 10005',
	},
];
