import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { readPageLimit } from '../../parameters/validation';
import { returnAllOrLimit } from '../../descriptions/common';
import { loopLocator, profileLocator } from '../../descriptions/locators';
import { getList } from '../../transport';
import { itemLoopPath } from '../loopPath';
import { toItems } from '../output';

export const properties: INodeProperties[] = [profileLocator, loopLocator, ...returnAllOrLimit];

export const toolDescription =
	'List the participants of a loop with their roles. Reads only, changes nothing. Cost: 1 request.';

/** GET /profile/:profile_id/loop/:loop_id/participant */
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const path = itemLoopPath.call(this, i);
	const limit = readPageLimit.call(this, i);
	return toItems(await getList.call(this, `${path}/participant`, {}, { limit }));
}
