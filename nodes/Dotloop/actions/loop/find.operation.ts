import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import {
	assertOneOf,
	assertRequiredText,
	readId,
	readPageLimit,
} from '../../parameters/validation';
import { returnAllOrLimit } from '../../descriptions/common';
import { profileLocator } from '../../descriptions/locators';
import { withStatusCategory } from '../../rules/statuses';
import { getAllBatched } from '../../transport';
import { listCarriesDetails, listedWithDetails, withLoopDetails } from '../../rules/loopDetails';
import { toItems } from '../output';
import { loopListFilters, readLoopListFilter } from './listFilters';
import { loopMatcher, LOOP_SEARCH_FIELDS, searchesDetails, type LoopSearchField } from './search';

export const properties: INodeProperties[] = [
	profileLocator,
	{
		displayName: 'Search By',
		name: 'searchBy',
		type: 'options',
		options: [
			{
				name: 'MLS Number',
				value: 'mlsNumber',
				description: "The loop's MLS number equals the text (any case, spaces ignored)",
			},
			{
				name: 'Name Contains',
				value: 'name',
				description: "The loop's name contains the text (any case)",
			},
			{
				name: 'Street Address',
				value: 'streetAddress',
				description:
					'The loop\'s street number and street name equal the text, e.g. "2100 Waterview Dr" (any case, spacing and punctuation ignored)',
			},
		],
		default: 'name',
		description: 'Which part of the loop to compare the search text with',
	},
	{
		displayName: 'Search Text',
		name: 'searchText',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Waterview',
		description: 'The text to look for',
	},
	...returnAllOrLimit.map((field) =>
		field.name === 'limit'
			? { ...field, description: 'Max number of matching loops to return' }
			: field,
	),
	loopListFilters,
];

export const toolDescription =
	"Find a profile's loops whose name contains a text, or whose MLS number or street address matches; one result per loop. Reads only, changes nothing. Cost: 1 request per 100 loops of the profile, fewer once the limit of matches is found.";

/**
 * 5.1 List all Loops has no search, so Find reads the list with `include_details=true` (MLS number
 * and street are loop details, section 6.1 "Property Address"), 100 loops a request, and keeps the
 * matches: ⌈loops / 100⌉ requests, fewer once Limit matches are found. The Filters narrow the list
 * on Dotloop's side. Should a list carry no details, MLS number and street are read with "Get Loop
 * Details", one more request per loop compared.
 */
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const profileId = readId.call(this, 'profileId', 'Profile', i);
	const searchBy = String(this.getNodeParameter('searchBy', i, 'name'));
	assertOneOf(this, searchBy, LOOP_SEARCH_FIELDS, 'Search By', i);
	const text = assertRequiredText(
		this,
		this.getNodeParameter('searchText', i, '') as string,
		'Search Text',
		i,
	);
	const limit = readPageLimit.call(this, i);
	const qs: IDataObject = { include_details: true };
	const filter = readLoopListFilter.call(this, i);
	if (filter) qs.filter = filter;
	const keep = loopMatcher(searchBy as LoopSearchField, text);
	const fetchMissing = searchesDetails(searchBy as LoopSearchField);
	const carried = new WeakMap<IDataObject[], boolean>();
	const complete = async (loop: IDataObject, batch: IDataObject[]) => {
		if (!carried.has(batch)) carried.set(batch, listCarriesDetails(batch));
		const listCarried = carried.get(batch) === true;
		return fetchMissing
			? await withLoopDetails.call(this, loop, profileId, listCarried)
			: listedWithDetails(loop, listCarried);
	};
	const loops = await getAllBatched.call(this, `/profile/${profileId}/loop`, qs, {
		limit,
		keep,
		complete,
	});
	return toItems(loops.map(withStatusCategory));
}
