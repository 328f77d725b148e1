import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { readPageLimit } from '../../parameters/validation';
import { returnAllOrLimit } from '../../descriptions/common';
import { getList } from '../../transport';
import { toItems } from '../output';

/** 4.1 List all Profiles: GET /profile (one response, no paging). */
export const toolDescription =
	'List the profiles of the connected user (loops belong to a profile). Reads only, changes nothing. Cost: 1 request.';

export const properties: INodeProperties[] = returnAllOrLimit;

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const limit = readPageLimit.call(this, i);
	return toItems(await getList.call(this, '/profile', {}, { limit }));
}
