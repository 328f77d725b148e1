import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { loopLocator, profileLocator } from '../../descriptions/locators';
import { isDateValue, toDotloopDate } from '../../rules/dates';
import { assertOneOf, clip } from '../../parameters/validation';
import { itemLoopPath } from '../loopPath';
import { requestItems } from '../output';
import {
	CLEAR_SEPARATOR,
	clearFieldOptions,
	DETAIL_SECTIONS,
	isDateField,
	sectionCollections,
} from './fields';

/**
 * 6.2 Update Loop Details: PATCH /profile/:profile_id/loop/:loop_id/detail with
 * `{ "<Section>": { "<Field>": "<value>" } }` (partial update). Fields left empty are not sent.
 */
export const properties: INodeProperties[] = [
	profileLocator,
	loopLocator,
	{
		displayName: 'Mode',
		name: 'mode',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'By Section and Field',
				value: 'fields',
				description: 'Pick the fields of Dotloop’s detail sections and enter their values',
			},
			{
				name: 'Define Below as JSON',
				value: 'json',
				description: 'Write the details as JSON, e.g. for fields your account adds',
			},
		],
		default: 'fields',
	},
	...updateDisplayOptions({ show: { mode: ['fields'] } }, [
		...sectionCollections,
		{
			displayName: 'Fields to Clear',
			name: 'clearFields',
			type: 'multiOptions',
			options: clearFieldOptions,
			default: [],
			description:
				'Fields to empty in Dotloop (sent as ""). Dotloop refuses an empty value for many fields, such as prices and dates, and answers 400 for those.',
		},
	]),
	{
		displayName: 'Details (JSON)',
		name: 'detailsJson',
		type: 'json',
		default: '',
		placeholder: JSON.stringify(
			{
				Financials: { 'Purchase/Sale Price': '342342' },
				'Contract Dates': { 'Closing Date': '03/15/2024' },
			},
			null,
			2,
		),
		// n8n's JSON editor does not show a placeholder once opened: the example is also a hint below it.
		hint: 'Example: {"Financials": {"Purchase/Sale Price": "342342"}, "Contract Dates": {"Closing Date": "03/15/2024"}}',
		description: `The details to change, keyed by section (${DETAIL_SECTIONS.map(({ section }) => section).join(', ')}) and then by field as Dotloop names them, e.g. {"Financials": {"Purchase/Sale Price": "342342"}}. Numbers and true/false are sent as text; dates as MM/DD/YYYY.`,
		displayOptions: { show: { mode: ['json'] } },
	},
];

export const toolDescription =
	'Update the details of a loop (property address, financials, contract dates, ...); fields left empty are not changed. Changes data in Dotloop. Cost: 1 request.';

function invalid(this: IExecuteFunctions, message: string, i: number): NodeOperationError {
	return new NodeOperationError(this.getNode(), message, { itemIndex: i });
}

function isEmpty(value: unknown): boolean {
	return (
		value === undefined || value === null || (typeof value === 'string' && value.trim() === '')
	);
}

function fromFields(this: IExecuteFunctions, i: number): IDataObject {
	const body: Record<string, IDataObject> = {};
	const set = (section: string, field: string, value: string) => {
		(body[section] ??= {})[field] = value;
	};
	for (const { section, parameter, fields } of DETAIL_SECTIONS) {
		const values = this.getNodeParameter(parameter, i, {}) as IDataObject;
		for (const [name, value] of Object.entries(values)) {
			const field = fields[name];
			if (field === undefined || isEmpty(value)) continue;
			set(
				section,
				field,
				isDateField(section, field) || isDateValue(value)
					? toDotloopDate(value, this.getTimezone())
					: String(value).trim(),
			);
		}
	}
	const allowed = clearFieldOptions.map((option) => option.value);
	for (const entry of this.getNodeParameter('clearFields', i, []) as string[]) {
		assertOneOf(this, entry, allowed, 'Fields to Clear', i);
		const [section, field] = entry.split(CLEAR_SEPARATOR);
		if (body[section]?.[field] !== undefined) {
			throw invalid.call(
				this,
				`"${section}${CLEAR_SEPARATOR}${field}" has a value and is in "Fields to Clear": choose one`,
				i,
			);
		}
		set(section, field, '');
	}
	return body;
}

function isObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fromJson(this: IExecuteFunctions, i: number): IDataObject {
	let details = this.getNodeParameter('detailsJson', i, '') as unknown;
	if (typeof details === 'string' && details.trim() === '') details = {};
	if (typeof details === 'string') {
		try {
			details = JSON.parse(details);
		} catch (error) {
			throw invalid.call(
				this,
				`"Details (JSON)" is not valid JSON: ${(error as Error).message}`,
				i,
			);
		}
	}
	const shape = 'it must look like {"Financials": {"Purchase/Sale Price": "342342"}}';
	if (!isObject(details))
		throw invalid.call(this, `"Details (JSON)" must be a JSON object: ${shape}`, i);
	const body: IDataObject = {};
	const known = DETAIL_SECTIONS.map(({ section }) => section);
	for (const [section, fields] of Object.entries(details)) {
		if (!known.includes(section)) {
			throw invalid.call(
				this,
				`"Details (JSON)": "${clip(section)}" is not a loop detail section; use one of ${known.join(', ')}`,
				i,
			);
		}
		if (!isObject(fields)) {
			throw invalid.call(
				this,
				`"Details (JSON)": section "${section}" must be an object of fields: ${shape}`,
				i,
			);
		}
		// Section 6.1 types every detail field as a string: scalars go as text, date values as MM/DD/YYYY.
		// n8n hands a date-time from an expression over as ISO text, so a date field's text is a date too.
		const values: IDataObject = {};
		for (const [field, value] of Object.entries(fields)) {
			if (typeof value === 'string' && isDateField(section, field))
				values[field] = toDotloopDate(value, this.getTimezone());
			else if (value === null || typeof value === 'string') values[field] = value;
			else if (typeof value === 'number' || typeof value === 'boolean')
				values[field] = String(value);
			else if (isDateValue(value)) values[field] = toDotloopDate(value, this.getTimezone());
			else {
				throw invalid.call(
					this,
					`"Details (JSON)": "${section}${CLEAR_SEPARATOR}${field}" must be a text, number or true/false value, not ${clip(JSON.stringify(value))}`,
					i,
				);
			}
		}
		if (Object.keys(values).length) body[section] = values;
	}
	return body;
}

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const path = itemLoopPath.call(this, i);
	const mode = this.getNodeParameter('mode', i) as string;
	const body = mode === 'json' ? fromJson.call(this, i) : fromFields.call(this, i);
	if (Object.keys(body).length === 0) {
		throw invalid.call(
			this,
			mode === 'json'
				? '"Details (JSON)" is empty: give at least one section with one field'
				: 'Nothing to update: add a field to one of the sections, or choose "Fields to Clear"',
			i,
		);
	}
	return await requestItems.call(this, {
		method: 'PATCH',
		path: `${path}/detail`,
		body,
	});
}
