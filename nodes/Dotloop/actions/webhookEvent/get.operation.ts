import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { subscriptionLocator, webhookEventLocator } from '../../descriptions/locators';
import { readUuid } from '../../parameters/validation';
import { requestItems } from '../output';

export const properties: INodeProperties[] = [subscriptionLocator, webhookEventLocator];

export const toolDescription =
	'Get one event of a webhook subscription with its delivery attempts. Reads only, changes nothing. Cost: 1 request.';

/** GET /subscription/:subscription_id/event/:event_id (docs: "Get an Event") */
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const subscriptionId = readUuid.call(this, 'subscriptionId', 'Webhook Subscription', i);
	const eventId = readUuid.call(this, 'eventId', 'Event ID', i);
	return await requestItems.call(this, {
		method: 'GET',
		path: `/subscription/${subscriptionId}/event/${eventId}`,
		hints: {
			404: 'The event does not exist in this subscription, or it expired: Dotloop keeps events for 90 days.',
		},
	});
}
