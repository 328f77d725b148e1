import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { subscriptionLocator } from '../../descriptions/locators';
import { readUuid } from '../../parameters/validation';
import { dotloopRequest } from '../../transport';
import { deleted } from '../output';
import { SUBSCRIPTION_HINTS } from './fields';

export const toolDescription =
	'Delete a webhook subscription: Dotloop stops sending its events. Changes data in Dotloop. Cost: 1 request.';

export const properties: INodeProperties[] = [subscriptionLocator];

/** DELETE /subscription/:subscription_id (docs: "Delete a Subscription"); Dotloop then posts a SUBSCRIPTION_REMOVED event. */
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const subscriptionId = readUuid.call(this, 'subscriptionId', 'Webhook Subscription', i);
	await dotloopRequest.call(this, {
		method: 'DELETE',
		path: `/subscription/${subscriptionId}`,
		hints: SUBSCRIPTION_HINTS,
	});
	return deleted(subscriptionId);
}
