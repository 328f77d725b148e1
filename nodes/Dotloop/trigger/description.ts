import type { INodeProperties } from 'n8n-workflow';

import { toOptions, WEBHOOK_EVENTS, type WebhookTargetType } from '../descriptions/constants';
import { profileLocator } from '../descriptions/locators';

/** Dotloop's limit for a subscription's external ID (docs: "Create a Subscription"). */
export const MAX_EXTERNAL_ID_LENGTH = 128;
/** Deliveries whose X-DOTLOOP-TIMESTAMP is further than this from now are refused (replays). */
export const DEFAULT_MAX_EVENT_AGE_MINUTES = 5;

/** The parameter holding the chosen events of each target type. */
export const EVENTS_PARAMETER: Record<WebhookTargetType, string> = {
	PROFILE: 'profileEvents',
	USER: 'userEvents',
};

function eventsField(targetType: WebhookTargetType, description: string): INodeProperties {
	return {
		displayName: 'Events',
		name: EVENTS_PARAMETER[targetType],
		type: 'multiOptions',
		required: true,
		options: toOptions(WEBHOOK_EVENTS[targetType]).sort((a, b) => a.name.localeCompare(b.name)),
		default: [],
		description,
		displayOptions: { show: { targetType: [targetType] } },
	};
}

export const triggerProperties: INodeProperties[] = [
	{
		displayName:
			"Dotloop only delivers to HTTPS addresses: n8n must be reachable at a public https:// URL (set n8n's WEBHOOK_URL). Webhooks must also be enabled for your Dotloop API client by Dotloop support.",
		name: 'httpsNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Target',
		name: 'targetType',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Profile',
				value: 'PROFILE',
				description: 'Loop and loop participant events of one profile',
			},
			{
				name: 'User',
				value: 'USER',
				description: 'Contact and profile membership events of the connected Dotloop user',
			},
		],
		default: 'PROFILE',
		description: 'What to watch; it decides which events can be chosen',
	},
	{
		...profileLocator,
		description: 'The profile whose loops are watched',
		displayOptions: { show: { targetType: ['PROFILE'] } },
	},
	eventsField('PROFILE', 'The loop events of the profile that start the workflow'),
	eventsField('USER', 'The events of the connected user that start the workflow'),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'External ID',
				name: 'externalId',
				type: 'string',
				default: '',
				description:
					'An identifier of yours (at most 128 characters) that Dotloop sends with every event as subscriptionExternalId',
			},
			{
				displayName: 'Include Subscription Notices',
				name: 'includeSubscriptionNotices',
				type: 'boolean',
				default: true,
				description:
					'Whether SUBSCRIPTION_DISABLED and SUBSCRIPTION_REMOVED notices start the workflow, so you learn when Dotloop stopped the feed',
			},
			{
				displayName: 'Maximum Event Age (Minutes)',
				name: 'maxEventAgeMinutes',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: DEFAULT_MAX_EVENT_AGE_MINUTES,
				description:
					'Deliveries signed longer ago (or further ahead) than this are refused, so a captured delivery cannot be replayed',
			},
		],
	},
];
