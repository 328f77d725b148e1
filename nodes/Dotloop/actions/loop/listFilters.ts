import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { TRANSACTION_STATUS_VALUES, TRANSACTION_TYPES } from '../../rules/statuses';
import { sortedOptions, toOptions } from '../../descriptions/options';
import { assertOneOf, toWholeSecondUtc } from '../../parameters/validation';
import { filtersCollection } from '../../descriptions/common';

/**
 * The filters of 5.1 List all Loops. They go into ONE `filter` parameter: key=value pairs joined
 * with ",", several values joined with "|".
 */
export const loopListFilters: INodeProperties = filtersCollection([
	{
		displayName: 'Created Since',
		name: 'createdSince',
		type: 'dateTime',
		default: '',
		description: 'Only loops created at or after this time (sent to Dotloop as whole-second UTC)',
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
		description: 'Only loops changed at or after this time (sent to Dotloop as whole-second UTC)',
	},
]);

/** A multi-select's values, also when an expression gives them as "A,B" or "A|B". */
function listOf(value: unknown): string[] {
	const values = Array.isArray(value) ? value : String(value ?? '').split(/[,|]/);
	return values.map((v) => String(v).trim()).filter((v) => v !== '');
}

/** The `filter` value for the Filters of item i, or undefined when none is set. */
export function readLoopListFilter(this: IExecuteFunctions, i: number): string | undefined {
	const filters = this.getNodeParameter('filters', i, {}) as IDataObject;
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

	return filter.length ? filter.join(',') : undefined;
}
