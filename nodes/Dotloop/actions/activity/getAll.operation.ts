import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { readPageLimit } from '../../parameters/validation';
import { returnAllOrLimit } from '../../descriptions/common';
import { loopLocator, profileLocator } from '../../descriptions/locators';
import { getAllBatched } from '../../transport';
import { itemLoopPath } from '../loopPath';
import { toItems } from '../output';

export const properties: INodeProperties[] = [profileLocator, loopLocator, ...returnAllOrLimit];

export const toolDescription =
	'List the activity log of a loop (who did what, when). Reads only, changes nothing. Cost: 1 request per 100 activities.';

/**
 * GET /profile/:profile_id/loop/:loop_id/activity?batch_size=&batch_number= — Dotloop always reports
 * meta.total = -1 here, so Return All reads batches until a short or empty one.
 */
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const path = itemLoopPath.call(this, i);
	const limit = readPageLimit.call(this, i);
	return toItems(await getAllBatched.call(this, `${path}/activity`, {}, { limit }));
}
