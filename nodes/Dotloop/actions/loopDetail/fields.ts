import type { INodeProperties } from 'n8n-workflow';

import { LOOP_DETAIL_FIELDS } from '../../rules/loopDetails';
import { sortedByDisplayName, sortedOptions } from '../../descriptions/options';

/** Fields "Get Loop Details" (docs) documents as date strings, e.g. 01/31/2017. */
const DATE_FIELDS: Record<string, string[]> = {
	'Contract Dates': ['Contract Agreement Date', 'Closing Date'],
	'Offer Dates': ['Inspection Date', 'Offer Date', 'Offer Expiration Date', 'Occupancy Date'],
	'Listing Information': ['Expiration Date', 'Listing Date'],
};

export function isDateField(section: string, field: string): boolean {
	return DATE_FIELDS[section]?.includes(field) ?? false;
}

/** A parameter name for a Dotloop display name: "Sale Commission Split % - Buy Side" → saleCommissionSplitPercentBuySide. */
function parameterName(displayName: string): string {
	const words = displayName
		.replace(/%/g, ' percent ')
		.replace(/\$/g, ' amount ')
		.replace(/\b1st\b/g, 'first')
		.replace(/\b2nd\b/g, 'second')
		.replace(/'/g, '')
		.split(/[^A-Za-z0-9]+/)
		.filter(Boolean)
		.map((word) => word.toLowerCase());
	return words.map((word, n) => (n === 0 ? word : word[0].toUpperCase() + word.slice(1))).join('');
}

interface DetailSection {
	/** Dotloop's section name, the key of the request body. */
	section: string;
	/** The collection parameter holding this section's fields. */
	parameter: string;
	/** Parameter name → Dotloop's field name. */
	fields: Record<string, string>;
}

export const DETAIL_SECTIONS: DetailSection[] = Object.entries(LOOP_DETAIL_FIELDS).map(
	([section, fields]) => ({
		section,
		parameter: parameterName(section),
		fields: Object.fromEntries(fields.map((field) => [parameterName(field), field])),
	}),
);

/** One collection per section of "Get Loop Details" (docs), whose options are that section's fields. */
export const sectionCollections: INodeProperties[] = DETAIL_SECTIONS.map(
	({ section, parameter, fields }) => ({
		displayName: section,
		name: parameter,
		type: 'collection' as const,
		placeholder: 'Add Field',
		default: {},
		options: sortedByDisplayName(
			Object.entries(fields).map(([name, field]): INodeProperties => {
				const date = isDateField(section, field);
				const property: INodeProperties = { displayName: field, name, type: 'string', default: '' };
				if (!date) return property;
				return {
					...property,
					placeholder: 'e.g. 01/31/2017',
					description:
						'A date as MM/DD/YYYY; an ISO date such as 2017-01-31 is converted to that form, keeping its calendar day',
				};
			}),
		),
	}),
);

/** Separates a section and a field in the values of "Fields to Clear". */
export const CLEAR_SEPARATOR = ' › ';

export const clearFieldOptions = sortedOptions(
	DETAIL_SECTIONS.flatMap(({ section, fields }) =>
		Object.values(fields).map((field) => ({
			name: `${section}${CLEAR_SEPARATOR}${field}`,
			value: `${section}${CLEAR_SEPARATOR}${field}`,
		})),
	),
);
