import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { profileLocator } from '../../descriptions/locators';
import { readId } from '../../parameters/validation';
import { requestItems } from '../output';

/** 4.2 Get a Profile: GET /profile/:profile_id */
export const toolDescription =
	'Get one profile by its profile ID: its name, type and whether it holds loops. Reads only, changes nothing. Cost: 1 request.';

export const properties: INodeProperties[] = [profileLocator];

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const profileId = readId.call(this, 'profileId', 'Profile', i);
	return await requestItems.call(this, { method: 'GET', path: `/profile/${profileId}` });
}
