import type { INodeProperties } from 'n8n-workflow';

import { profileLocator } from '../descriptions/locators';
import { properties as dateApproachingProperties } from './events/loopDateApproaching';
import { properties as statusChangedProperties } from './events/loopStatusChanged';
import { properties as subscriptionDisabledProperties } from './events/subscriptionDisabled';
import { LOOP_EVENTS } from './events/types';
import { optionsCollection } from '../descriptions/common';

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
	...statusChangedProperties,
	...dateApproachingProperties,
	...subscriptionDisabledProperties,
	optionsCollection([
		{
			displayName: 'Emit Existing Records on First Poll',
			name: 'emitExisting',
			type: 'boolean',
			default: false,
			description:
				'Whether the first poll after activation emits what already exists instead of only recording where things stand',
		},
		{
			displayName: 'Include Closed Loops',
			name: 'includeClosed',
			type: 'boolean',
			default: false,
			description:
				'Whether loops in an end state (Sold, Leased, Done) or archived are watched too; their dates are usually past, and on accounts that never archive they are most of the loops',
			displayOptions: { show: { '/event': ['loopDateApproaching'] } },
		},
		{
			displayName: 'Include Loop Details',
			name: 'includeDetails',
			type: 'boolean',
			default: false,
			description: 'Whether each loop carries its details (include_details=true)',
			displayOptions: { show: { '/event': ['loopCreated', 'loopUpdated', 'loopStatusChanged'] } },
		},
	]),
];
