import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { assertOneOf, readId, readPageLimit } from '../../parameters/validation';
import { optionsCollection, returnAllOrLimit } from '../../descriptions/common';
import { LOOP_SORT_CATEGORIES } from '../../rules/loops';
import { sortedOptions, toOptions } from '../../descriptions/options';
import { profileLocator } from '../../descriptions/locators';
import { withStatusCategory } from '../../rules/statuses';
import { getAllBatched } from '../../transport';
import { withListedDetails } from '../../rules/loopDetails';
import { toItems, withProfileId } from '../output';
import { loopListFilters, readLoopListFilter } from './listFilters';

/** 5.1 List all Loops: GET /profile/:profile_id/loop, paged with batch_size/batch_number. */
export const properties: INodeProperties[] = [
	profileLocator,
	...returnAllOrLimit,
	loopListFilters,
	optionsCollection([
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
	]),
];

export const toolDescription =
	'List the loops of a profile, with optional filters (updated or created since, transaction types, statuses) and sorting. Reads only, changes nothing. Cost: 1 request per 100 loops returned.';

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const profileId = readId.call(this, 'profileId', 'Profile', i);
	const limit = readPageLimit.call(this, i);
	const options = this.getNodeParameter('options', i, {}) as IDataObject;

	const qs: IDataObject = {};
	const filter = readLoopListFilter.call(this, i);
	if (filter) qs.filter = filter;
	if (options.sortBy || options.sortDirection) {
		const sortBy = String(options.sortBy || 'default');
		assertOneOf(this, sortBy, LOOP_SORT_CATEGORIES, 'Sort By', i);
		const direction = options.sortDirection ? String(options.sortDirection) : undefined;
		if (direction !== undefined) assertOneOf(this, direction, ['asc', 'desc'], 'Sort Direction', i);
		qs.sort = direction ? `${sortBy}:${direction}` : sortBy;
	}
	if (options.includeDetails === true) qs.include_details = true;

	let loops = await getAllBatched.call(this, `/profile/${profileId}/loop`, qs, { limit });
	// Each item's details under `details`, whichever shape the list gave them in; a list that carried
	// none costs one "Get Loop Details" request per loop.
	if (qs.include_details) loops = await withListedDetails.call(this, loops, () => profileId);
	return toItems(withProfileId(loops, profileId).map(withStatusCategory));
}
