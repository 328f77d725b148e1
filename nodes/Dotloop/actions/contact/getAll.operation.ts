import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { readPageLimit, toWholeSecondUtc } from '../../parameters/validation';
import { filtersCollection, returnAllOrLimit } from '../../descriptions/common';
import { getAllBatched } from '../../transport';
import { toItems } from '../output';

export const properties: INodeProperties[] = [
	...returnAllOrLimit,
	filtersCollection([
		{
			displayName: 'Updated Since',
			name: 'updatedSince',
			type: 'dateTime',
			default: '',
			description:
				'Only contacts changed at or after this time (sent to Dotloop as whole-second UTC)',
		},
	]),
];

export const toolDescription =
	"List the contacts of the user's directory. Reads only, changes nothing. Cost: 1 request per 100 contacts returned.";

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const limit = readPageLimit.call(this, i);
	const filters = this.getNodeParameter('filters', i, {}) as IDataObject;
	const qs: IDataObject = {};
	if (filters.updatedSince) {
		qs.filter = `updated_min=${toWholeSecondUtc(this, filters.updatedSince, 'Updated Since', i)}`;
	}
	return toItems(await getAllBatched.call(this, '/contact', qs, { limit }));
}
