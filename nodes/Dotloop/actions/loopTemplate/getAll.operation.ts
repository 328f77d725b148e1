import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { readId, readPageLimit } from '../../parameters/validation';
import { returnAllOrLimit } from '../../descriptions/common';
import { profileLocator } from '../../descriptions/locators';
import { getList } from '../../transport';
import { toItems } from '../output';

/** 13.1 List all Loop Templates: GET /profile/:profile_id/loop-template (one response, no paging). */
export const toolDescription =
	'List the loop templates of a profile (which new loops can start from). Reads only, changes nothing. Cost: 1 request.';

export const properties: INodeProperties[] = [profileLocator, ...returnAllOrLimit];

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const profileId = readId.call(this, 'profileId', 'Profile', i);
	const limit = readPageLimit.call(this, i);
	return toItems(await getList.call(this, `/profile/${profileId}/loop-template`, {}, { limit }));
}
