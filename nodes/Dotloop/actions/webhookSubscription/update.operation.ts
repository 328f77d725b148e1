import { NodeOperationError } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { subscriptionLocator } from '../../descriptions/locators';
import { assertUpdateFields, readUuid } from '../../parameters/validation';
import { dotloopApiRequest } from '../../transport';
import { withoutEmpty } from '../output';
import {
	assertSubscriptionTexts,
	eventTypesField,
	externalIdField,
	readEventTypes,
	signingKeyField,
	SUBSCRIPTION_HINTS,
	toSubscriptionItems,
	urlField,
} from './fields';

export const properties: INodeProperties[] = [
	subscriptionLocator,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Enabled',
				name: 'enabled',
				type: 'boolean',
				default: true,
				description:
					'Whether Dotloop delivers events. Disabling sends a SUBSCRIPTION_DISABLED event; a subscription Dotloop disabled is re-enabled here.',
			},
			externalIdField,
			eventTypesField('PROFILE', {
				description:
					'The new event types of a subscription whose target is a profile (replaces the current list)',
			}),
			signingKeyField,
			urlField,
			eventTypesField('USER', {
				description:
					'The new event types of a subscription whose target is the user (replaces the current list)',
			}),
		],
	},
];

export const toolDescription =
	'Update, enable or disable a webhook subscription. Changes data in Dotloop. Cost: 1 request.';

function chosen(value: unknown): boolean {
	return Array.isArray(value) ? value.length > 0 : String(value ?? '').trim() !== '';
}

/**
 * PATCH /subscription/:subscription_id (docs: "Update a Subscription"). The target cannot change, so the event types
 * come from the list of the subscription's target: Profile Event Types or User Event Types.
 */
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const subscriptionId = readUuid.call(this, 'subscriptionId', 'Webhook Subscription', i);
	const { profileEventTypes, userEventTypes, ...fields } = this.getNodeParameter(
		'updateFields',
		i,
		{},
	) as IDataObject;
	if (chosen(profileEventTypes) && chosen(userEventTypes)) {
		throw new NodeOperationError(
			this.getNode(),
			'Set either "Profile Event Types" or "User Event Types", not both: a subscription has one target type',
			{ itemIndex: i },
		);
	}
	const body = withoutEmpty(fields);
	if (chosen(profileEventTypes)) {
		body.eventTypes = readEventTypes.call(
			this,
			profileEventTypes,
			'PROFILE',
			'Profile Event Types',
			i,
		);
	}
	if (chosen(userEventTypes)) {
		body.eventTypes = readEventTypes.call(this, userEventTypes, 'USER', 'User Event Types', i);
	}
	assertUpdateFields(this, body, i);
	assertSubscriptionTexts.call(
		this,
		{
			url: body.url as string | undefined,
			externalId: body.externalId as string | undefined,
			signingKey: body.signingKey as string | undefined,
		},
		i,
	);
	return toSubscriptionItems(
		await dotloopApiRequest.call(this, {
			method: 'PATCH',
			path: `/subscription/${subscriptionId}`,
			body,
			hints: SUBSCRIPTION_HINTS,
		}),
	);
}
