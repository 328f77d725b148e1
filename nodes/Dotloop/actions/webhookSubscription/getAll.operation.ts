import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { readPageLimit } from '../../parameters/validation';
import { filtersCollection, returnAllOrLimit } from '../../descriptions/common';
import { getAllByCursor } from '../../transport';
import { toSubscriptionItems } from './fields';

export const properties: INodeProperties[] = [
	...returnAllOrLimit,
	filtersCollection([
		{
			displayName: 'Enabled Only',
			name: 'enabledOnly',
			type: 'boolean',
			default: true,
			description: 'Whether to return only enabled subscriptions',
		},
	]),
];

export const toolDescription =
	'List the webhook subscriptions of this API client. Reads only, changes nothing. Cost: 1 request per page Dotloop returns.';

/** GET /subscription[?enabled=true&next_cursor=…] (docs: "List all Subscriptions") */
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const limit = readPageLimit.call(this, i);
	const filters = this.getNodeParameter('filters', i, {}) as IDataObject;
	const qs: IDataObject = filters.enabledOnly === true ? { enabled: true } : {};
	return toSubscriptionItems(await getAllByCursor.call(this, '/subscription', qs, { limit }));
}
