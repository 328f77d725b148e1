import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { requestItems } from '../output';

/** 3.1 Get Account Details: GET /account, no parameters. */
export const toolDescription =
	'Get the connected Dotloop account: its ID, name, email and default profile ID (start here to learn which profile to use). Reads only, changes nothing. Cost: 1 request.';

export const properties: INodeProperties[] = [];

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await requestItems.call(this, { method: 'GET', path: '/account' });
}
