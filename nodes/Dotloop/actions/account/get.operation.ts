import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { dotloopApiRequest } from '../../transport';
import { toItems } from '../output';

/** 3.1 Get Account Details: GET /account, no parameters. */
export const description = updateDisplayOptions(
	{ show: { resource: ['account'], operation: ['get'] } },
	[],
);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return toItems(await dotloopApiRequest.call(this, { method: 'GET', path: '/account' }));
}
