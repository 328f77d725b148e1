import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { subscriptionLocator } from '../../descriptions/locators';
import { readUuid } from '../../parameters/validation';
import { dotloopApiRequest } from '../../transport';
import { SUBSCRIPTION_HINTS, toSubscriptionItems } from './fields';

export const toolDescription =
	'Get one webhook subscription of this API client. Reads only, changes nothing. Cost: 1 request.';

export const properties: INodeProperties[] = [subscriptionLocator];

/** GET /subscription/:subscription_id (docs: "Get a Subscription") */
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const subscriptionId = readUuid.call(this, 'subscriptionId', 'Webhook Subscription', i);
	return toSubscriptionItems(
		await dotloopApiRequest.call(this, {
			method: 'GET',
			path: `/subscription/${subscriptionId}`,
			hints: SUBSCRIPTION_HINTS,
		}),
	);
}
