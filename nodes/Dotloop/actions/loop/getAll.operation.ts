import { updateDisplayOptions } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { readPageLimit, returnAllOrLimit } from '../../descriptions/common';
import {
	LOOP_SORT_CATEGORIES,
	TRANSACTION_STATUS_VALUES,
	TRANSACTION_TYPES,
	toOptions,
} from '../../descriptions/constants';
import { profileLocator } from '../../descriptions/locators';
import { assertOneOf, readId, toWholeSecondUtc } from '../../descriptions/validation';
import { getAllBatched } from '../../transport';
import { toItems, withProfileId } from '../output';
import { sortedOptions } from './fields';

/**
 * 5.1 List all Loops: GET /profile/:profile_id/loop, paged with batch_size/batch_number. Filters go
 * into ONE `filter` parameter: key=value pairs joined with ",", several values joined with "|".
 */
const properties: INodeProperties[] = [
	profileLocator,
	...returnAllOrLimit,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Created Since',
				name: 'createdSince',
				type: 'dateTime',
				default: '',
				description:
					'Only loops created at or after this time (sent to Dotloop as whole-second UTC)',
			},
			{
				displayName: 'Statuses',
				name: 'statuses',
				type: 'multiOptions',
				options: sortedOptions(toOptions(TRANSACTION_STATUS_VALUES)),
				default: [],
				description: 'Only loops with one of these statuses',
			},
			{
				displayName: 'Transaction Types',
				name: 'transactionTypes',
				type: 'multiOptions',
				options: sortedOptions(toOptions(TRANSACTION_TYPES)),
				default: [],
				description: 'Only loops of one of these transaction types',
			},
			{
				displayName: 'Updated Since',
				name: 'updatedSince',
				type: 'dateTime',
				default: '',
				description:
					'Only loops changed at or after this time (sent to Dotloop as whole-second UTC)',
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Include Details',
				name: 'includeDetails',
				type: 'boolean',
				default: false,
				description:
					'Whether to include each loop’s details (property address, financials, dates, …) in its item',
			},
			{
				displayName: 'Sort By',
				name: 'sortBy',
				type: 'options',
				options: sortedOptions(toOptions(LOOP_SORT_CATEGORIES)),
				default: 'default',
				description: 'The field Dotloop sorts the loops by',
			},
			{
				displayName: 'Sort Direction',
				name: 'sortDirection',
				type: 'options',
				options: [
					{ name: 'Ascending', value: 'asc' },
					{ name: 'Descending', value: 'desc' },
				],
				default: 'asc',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['loop'], operation: ['getAll'] } },
	properties,
);

/** A multi-select's values, also when an expression gives them as "A,B" or "A|B". */
function listOf(value: unknown): string[] {
	const values = Array.isArray(value) ? value : String(value ?? '').split(/[,|]/);
	return values.map((v) => String(v).trim()).filter((v) => v !== '');
}

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const profileId = readId.call(this, 'profileId', 'Profile', i);
	const limit = readPageLimit.call(this, i);
	const filters = this.getNodeParameter('filters', i, {}) as IDataObject;
	const options = this.getNodeParameter('options', i, {}) as IDataObject;

	const filter: string[] = [];
	if (filters.updatedSince) {
		filter.push(`updated_min=${toWholeSecondUtc(this, filters.updatedSince, 'Updated Since', i)}`);
	}
	if (filters.createdSince) {
		filter.push(`created_min=${toWholeSecondUtc(this, filters.createdSince, 'Created Since', i)}`);
	}
	const types = listOf(filters.transactionTypes);
	types.forEach((type) => assertOneOf(this, type, TRANSACTION_TYPES, 'Transaction Types', i));
	if (types.length) filter.push(`transaction_type=${types.join('|')}`);
	const statuses = listOf(filters.statuses);
	statuses.forEach((status) => assertOneOf(this, status, TRANSACTION_STATUS_VALUES, 'Statuses', i));
	if (statuses.length) filter.push(`transaction_status=${statuses.join('|')}`);

	const qs: IDataObject = {};
	if (filter.length) qs.filter = filter.join(',');
	if (options.sortBy || options.sortDirection) {
		const sortBy = String(options.sortBy || 'default');
		assertOneOf(this, sortBy, LOOP_SORT_CATEGORIES, 'Sort By', i);
		const direction = options.sortDirection ? String(options.sortDirection) : undefined;
		if (direction !== undefined) assertOneOf(this, direction, ['asc', 'desc'], 'Sort Direction', i);
		qs.sort = direction ? `${sortBy}:${direction}` : sortBy;
	}
	if (options.includeDetails === true) qs.include_details = true;

	return toItems(
		withProfileId(await getAllBatched.call(this, `/profile/${profileId}/loop`, qs, { limit }), profileId),
	);
}
