import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { assertRequiredText, readId } from '../../parameters/validation';
import { dotloopApiRequest } from '../../transport';
import { withoutEmpty } from '../output';
import {
	assertSubscriptionTexts,
	eventTypesField,
	externalIdField,
	readEventTypes,
	signingKeyField,
	toSubscriptionItems,
	urlField,
} from './fields';

export const properties: INodeProperties[] = [
	{
		displayName: 'Target Type',
		name: 'targetType',
		type: 'options',
		options: [
			{ name: 'Profile', value: 'PROFILE', description: 'Loop events of one profile' },
			{
				name: 'User',
				value: 'USER',
				description: 'Contact and profile-membership events of the connected user',
			},
		],
		default: 'PROFILE',
		description: 'What the subscription watches; it decides which event types can be chosen',
	},
	{
		displayName: 'Target ID',
		name: 'targetId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 789',
		description:
			'The profile ID for a Profile target; the connected user\'s ID (the "ID" of their account) for a User target',
	},
	eventTypesField('PROFILE', {
		required: true,
		displayOptions: { show: { targetType: ['PROFILE'] } },
	}),
	eventTypesField('USER', { required: true, displayOptions: { show: { targetType: ['USER'] } } }),
	{ ...urlField, required: true },
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [externalIdField, signingKeyField],
	},
];

export const toolDescription =
	'Subscribe a URL to Dotloop events (Dotloop then sends them to that URL). Changes data in Dotloop. Cost: 1 request.';

/** POST /subscription (docs: "Create a Subscription") */
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const targetType = this.getNodeParameter('targetType', i) as string;
	const eventsParameter = targetType === 'USER' ? 'userEventTypes' : 'profileEventTypes';
	const eventTypes = readEventTypes.call(
		this,
		this.getNodeParameter(eventsParameter, i, []),
		targetType,
		targetType === 'USER' ? 'User Event Types' : 'Profile Event Types',
		i,
	);
	const targetId = readId.call(this, 'targetId', 'Target ID', i);
	const url = assertRequiredText(this, this.getNodeParameter('url', i, '') as string, 'URL', i);
	const additionalFields = this.getNodeParameter('additionalFields', i, {}) as IDataObject;
	const externalId = additionalFields.externalId as string | undefined;
	const signingKey = additionalFields.signingKey as string | undefined;
	assertSubscriptionTexts.call(this, { url, externalId, signingKey }, i);

	const body = withoutEmpty({ targetType, targetId, eventTypes, url, signingKey, externalId });
	return toSubscriptionItems(
		await dotloopApiRequest.call(this, { method: 'POST', path: '/subscription', body }),
	);
}
