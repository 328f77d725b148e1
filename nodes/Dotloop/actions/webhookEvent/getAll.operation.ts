import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { assertOneOf, readPageLimit, readUuid } from '../../parameters/validation';
import { filtersCollection, returnAllOrLimit } from '../../descriptions/common';
import { DELIVERY_STATUSES } from '../../rules/subscriptions';
import { sortedOptions, toOptions } from '../../descriptions/options';
import { subscriptionLocator } from '../../descriptions/locators';
import { getAllByCursor } from '../../transport';
import { toItems } from '../output';

export const properties: INodeProperties[] = [
	subscriptionLocator,
	...returnAllOrLimit,
	filtersCollection([
		{
			displayName: 'Delivery Status',
			name: 'deliveryStatus',
			type: 'options',
			options: sortedOptions(toOptions(DELIVERY_STATUSES)),
			default: 'FAILED',
			description: 'Only events in this delivery state',
		},
	]),
];

export const toolDescription =
	'List the events of a webhook subscription (Dotloop keeps them 90 days). Reads only, changes nothing. Cost: 1 request per page Dotloop returns.';

/**
 * GET /subscription/:subscription_id/event[?delivery_status=…&next_cursor=…] (docs: "List all Events").
 * Dotloop keeps events for 90 days.
 */
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const subscriptionId = readUuid.call(this, 'subscriptionId', 'Webhook Subscription', i);
	const limit = readPageLimit.call(this, i);
	const filters = this.getNodeParameter('filters', i, {}) as IDataObject;
	const qs: IDataObject = {};
	if (filters.deliveryStatus) {
		const deliveryStatus = String(filters.deliveryStatus);
		assertOneOf(this, deliveryStatus, DELIVERY_STATUSES, 'Delivery Status', i);
		qs.delivery_status = deliveryStatus;
	}
	return toItems(
		await getAllByCursor.call(this, `/subscription/${subscriptionId}/event`, qs, { limit }),
	);
}
