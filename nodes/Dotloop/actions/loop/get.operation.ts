import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { loopLocator, profileLocator } from '../../descriptions/locators';
import { withStatusCategory } from '../../rules/statuses';
import { readId } from '../../parameters/validation';
import { dotloopApiRequest } from '../../transport';
import { itemLoopPath } from '../loopPath';
import { toItems, withProfileId } from '../output';

/**
 * 5.2 Get a Loop: GET /profile/:profile_id/loop/:loop_id. A merged loop answers 301 to its
 * successor; the transport follows it and the item carries mergedFromLoopId / mergedIntoLoopId.
 */
export const toolDescription =
	'Get one loop of a profile by its loop ID: name, status, transaction type, dates. Reads only, changes nothing. Cost: 1 request.';

export const properties: INodeProperties[] = [profileLocator, loopLocator];

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const path = itemLoopPath.call(this, i);
	const profileId = readId.call(this, 'profileId', 'Profile', i);
	return toItems(
		withProfileId(await dotloopApiRequest.call(this, { method: 'GET', path }), profileId).map(
			withStatusCategory,
		),
	);
}
