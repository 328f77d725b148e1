import type { INodeProperties } from 'n8n-workflow';

import { sortedOptions, toOptions, TRANSACTION_STATUS_VALUES } from '../descriptions/constants';
import { profileLocator } from '../descriptions/locators';
import { DATE_FIELDS } from './dates';

export const POLL_EVENTS = [
	'loopCreated',
	'loopUpdated',
	'loopStatusChanged',
	'loopDateApproaching',
	'contactCreated',
	'contactUpdated',
	'failedWebhookDeliveries',
	'subscriptionDisabled',
] as const;

export type PollEvent = (typeof POLL_EVENTS)[number];

export const LOOP_EVENTS: PollEvent[] = [
	'loopCreated',
	'loopUpdated',
	'loopStatusChanged',
	'loopDateApproaching',
];

const DEFAULT_WITHIN_DAYS = 7;
export const MAX_WITHIN_DAYS = 365;

export const pollingTriggerProperties: INodeProperties[] = [
	{
		displayName: 'Event',
		name: 'event',
		type: 'options',
		noDataExpression: true,
		default: 'loopUpdated',
		options: [
			{ name: 'Contact Created', value: 'contactCreated', description: 'A contact was added' },
			{
				name: 'Contact Updated',
				value: 'contactUpdated',
				description: 'An existing contact changed',
			},
			{
				name: 'Failed Webhook Delivery',
				value: 'failedWebhookDeliveries',
				description:
					"An event of one of this API client's webhook subscriptions that Dotloop gave up delivering (status FAILED), in the Dotloop Trigger's item shape",
			},
			{ name: 'Loop Created', value: 'loopCreated', description: 'A loop was created' },
			{
				name: 'Loop Date Approaching',
				value: 'loopDateApproaching',
				description: 'A date in the loop details falls within the next days',
			},
			{
				name: 'Loop Status Changed',
				value: 'loopStatusChanged',
				description: 'A loop changed status (e.g. became Sold); says the previous status',
			},
			{ name: 'Loop Updated', value: 'loopUpdated', description: 'An existing loop changed' },
			{
				name: 'Subscription Disabled',
				value: 'subscriptionDisabled',
				description: "One of this API client's webhook subscriptions was disabled",
			},
		],
	},
	{
		displayName: 'Watch',
		name: 'watch',
		type: 'options',
		noDataExpression: true,
		default: 'profile',
		options: [
			{
				name: 'Every Profile Holding Loops',
				value: 'allProfiles',
				description:
					'Every INDIVIDUAL profile of the connected user (one request per profile and poll)',
			},
			{ name: 'One Profile', value: 'profile' },
		],
		displayOptions: { show: { event: LOOP_EVENTS } },
	},
	{
		...profileLocator,
		description: 'The profile whose loops are watched',
		displayOptions: { show: { event: LOOP_EVENTS, watch: ['profile'] } },
	},
	{
		displayName: 'New Status',
		name: 'newStatuses',
		type: 'multiOptions',
		default: [],
		options: sortedOptions(toOptions(TRANSACTION_STATUS_VALUES)),
		description:
			'Only loops that changed to one of these statuses; none chosen means every status change',
		displayOptions: { show: { event: ['loopStatusChanged'] } },
	},
	{
		displayName: 'Date',
		name: 'dateField',
		type: 'options',
		default: 'Contract Dates|Closing Date',
		options: DATE_FIELDS,
		description: 'The loop-detail date to watch',
		displayOptions: { show: { event: ['loopDateApproaching'] } },
	},
	{
		displayName: 'Within Days',
		name: 'withinDays',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: MAX_WITHIN_DAYS },
		default: DEFAULT_WITHIN_DAYS,
		description:
			'Emit a loop once when the date is between today and this many days ahead (again if the date changes)',
		displayOptions: { show: { event: ['loopDateApproaching'] } },
	},
	{
		displayName: 'Re-Enable Subscription',
		name: 'reEnable',
		type: 'boolean',
		default: false,
		description:
			'Whether to enable the subscription again through the API (PATCH enabled: true); the item says whether it worked',
		displayOptions: { show: { event: ['subscriptionDisabled'] } },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Emit Existing Records on First Poll',
				name: 'emitExisting',
				type: 'boolean',
				default: false,
				description:
					'Whether the first poll after activation emits what already exists instead of only recording where things stand',
			},
			{
				displayName: 'Include Loop Details',
				name: 'includeDetails',
				type: 'boolean',
				default: false,
				description: 'Whether each loop carries its details (include_details=true)',
				displayOptions: { show: { '/event': ['loopCreated', 'loopUpdated', 'loopStatusChanged'] } },
			},
		],
	},
];
