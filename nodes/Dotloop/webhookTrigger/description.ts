import type { INodeProperties } from 'n8n-workflow';

import { eventTypeOptions, sortedOptions, toOptions } from '../descriptions/options';
import {
	MAX_SUBSCRIPTION_KEY_LENGTH,
	WEBHOOK_EVENTS,
	type WebhookTargetType,
} from '../rules/subscriptions';
import { profileLocator } from '../descriptions/locators';
import { optionsCollection } from '../descriptions/common';

/**
 * Deliveries signed longer ago than this are refused. Dotloop retries a failed delivery after 30 s,
 * 1 min, 15 min, 30 min, 1 h, 2 h, 4 h and 8 h ("Failure Handling"): its last retry comes about
 * 15 h 47 min after the first attempt, and the documentation does not say whether a retry carries a
 * new timestamp. 16 hours accept every retry either way.
 */
export const DEFAULT_MAX_EVENT_AGE_MINUTES = 16 * 60;
/** A timestamp may lie this far in the future (clock skew between Dotloop and n8n), at most. */
export const MAX_CLOCK_SKEW_MINUTES = 5;

/** The parameter holding the chosen events of each target type. */
export const EVENTS_PARAMETER: Record<WebhookTargetType, string> = {
	PROFILE: 'profileEvents',
	USER: 'userEvents',
};

/** Versions 1 and 1.1: a Target, then the events of that target. */
const BEFORE_V2 = { '@version': [1, 1.1] };
/** Version 2: one list of every event; the target follows from the events chosen. */
const V2 = { '@version': [2] };

function eventsField(targetType: WebhookTargetType, description: string): INodeProperties {
	return {
		displayName: 'Events',
		name: EVENTS_PARAMETER[targetType],
		type: 'multiOptions',
		required: true,
		options: eventTypeOptions(targetType),
		default: [],
		description,
		displayOptions: { show: { ...BEFORE_V2, targetType: [targetType] } },
	};
}

const TARGET_OF_EVENT: Record<WebhookTargetType, string> = {
	PROFILE: 'A loop of the chosen profile',
	USER: 'The connected Dotloop user (contacts and profile membership)',
};

/**
 * One Events list with the events of both targets. n8n's node panel lists a trigger's events from
 * the first property called "Events" and adds the node with only that property set, so every event
 * has to be in it for contact, profile and user events to be findable there.
 */
const allEventsField: INodeProperties = {
	displayName: 'Events',
	name: 'events',
	type: 'multiOptions',
	required: true,
	options: sortedOptions(
		(Object.keys(WEBHOOK_EVENTS) as WebhookTargetType[]).flatMap((targetType) =>
			toOptions(WEBHOOK_EVENTS[targetType]).map((option) => ({
				...option,
				description: `${TARGET_OF_EVENT[targetType]}: ${option.name.toLowerCase()}`,
			})),
		),
	),
	default: ['LOOP_CREATED'],
	description:
		'What starts the workflow: loop events of a profile, or contact and profile events of the connected user (one trigger watches one of the two; use a second trigger for the other)',
	displayOptions: { show: V2 },
};

/**
 * The subtitle under the node on the canvas: the chosen events, readable. Evaluated by n8n's editor
 * with only $parameter at hand, so the names are made from the values here rather than looked up.
 */
export const TRIGGER_SUBTITLE =
	'={{ ($parameter["events"] || ($parameter["targetType"] === "USER" ? $parameter["userEvents"] : $parameter["profileEvents"]) || []).map(e => String(e).split("_").map(w => w.charAt(0) + w.slice(1).toLowerCase()).join(" ")).join(", ") }}';

export const triggerProperties: INodeProperties[] = [
	{
		displayName:
			'Dotloop only delivers to HTTPS addresses: n8n must be reachable at a public https:// URL. On n8n 2.x set N8N_WEBHOOK_URL (test URLs do not follow WEBHOOK_URL), on n8n 1.x WEBHOOK_URL; or publish the workflow and watch its Executions instead of testing it. Webhooks must also be enabled for your Dotloop API client by Dotloop support.',
		name: 'httpsNotice',
		type: 'notice',
		default: '',
	},
	allEventsField,
	{
		...profileLocator,
		description: 'The profile whose loops are watched',
		displayOptions: { show: { ...V2, events: [...WEBHOOK_EVENTS.PROFILE] } },
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
		displayOptions: { show: BEFORE_V2 },
	},
	{
		...profileLocator,
		description: 'The profile whose loops are watched',
		displayOptions: { show: { ...BEFORE_V2, targetType: ['PROFILE'] } },
	},
	eventsField('PROFILE', 'The loop events of the profile that start the workflow'),
	eventsField('USER', 'The events of the connected user that start the workflow'),
	optionsCollection([
		{
			displayName: 'External ID',
			name: 'externalId',
			type: 'string',
			default: '',
			description: `An identifier of yours (at most ${MAX_SUBSCRIPTION_KEY_LENGTH} characters) that Dotloop sends with every event as subscriptionExternalId`,
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
				'Deliveries signed longer ago than this are refused (timestamps more than 5 minutes ahead always are). The default, 16 hours, covers every retry Dotloop makes after a failed delivery. A lower value narrows how long a captured delivery could be replayed to another n8n process; within one process an exact redelivery never runs twice.',
			hint: 'Lower it only for stricter setups: a late Dotloop retry older than this is refused and its event lost (see README)',
		},
	]),
];
