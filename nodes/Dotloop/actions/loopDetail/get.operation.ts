import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { loopLocator, profileLocator } from '../../descriptions/locators';
import { itemLoopPath } from '../loopPath';
import { requestItems } from '../output';

/** 6.1 Get Loop Details: GET /profile/:profile_id/loop/:loop_id/detail, one item keyed by section. */
export const toolDescription =
	'Get the details of a loop: property address, financials, contract dates, listing information and the other sections. Reads only, changes nothing. Cost: 1 request.';

export const properties: INodeProperties[] = [profileLocator, loopLocator];

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const path = itemLoopPath.call(this, i);
	return await requestItems.call(this, {
		method: 'GET',
		path: `${path}/detail`,
	});
}
