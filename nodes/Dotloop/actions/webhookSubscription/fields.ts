import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import {
	MAX_SUBSCRIPTION_KEY_LENGTH,
	MAX_SUBSCRIPTION_URL_LENGTH,
	toEventList,
	WEBHOOK_TARGET_TYPES,
	type WebhookTargetType,
} from '../../rules/subscriptions';
import {
	assertEventTypes,
	assertHttpsUrl,
	assertMaxLength,
	assertOneOf,
} from '../../parameters/validation';
import { eventTypeOptions } from '../../descriptions/options';

/** Dotloop shows a subscription only to the API client that created it (docs: "Webhook Subscriptions"). */
export const SUBSCRIPTION_HINTS = {
	404: 'The subscription does not exist, or another Dotloop API client created it: subscriptions are visible only to the client that created them.',
};

/** The event types of one target type (docs: "Webhooks Event Targets and Corresponding Event Types"), as a multi-select. */
export function eventTypesField(
	targetType: WebhookTargetType,
	overrides: Partial<INodeProperties> = {},
): INodeProperties {
	const label = targetType === 'PROFILE' ? 'Profile' : 'User';
	return {
		displayName: `${label} Event Types`,
		name: targetType === 'PROFILE' ? 'profileEventTypes' : 'userEventTypes',
		type: 'multiOptions',
		options: eventTypeOptions(targetType),
		default: [],
		description:
			targetType === 'PROFILE'
				? 'The loop events of the profile to deliver'
				: 'The contact and profile-membership events of the connected user to deliver',
		...overrides,
	};
}

export const urlField: INodeProperties = {
	displayName: 'URL',
	name: 'url',
	type: 'string',
	default: '',
	placeholder: 'e.g. https://example.com/callbacks/dotloop',
	description: `Where Dotloop posts the events. Must be HTTPS, at most ${MAX_SUBSCRIPTION_URL_LENGTH} characters.`,
};

export const externalIdField: INodeProperties = {
	displayName: 'External ID',
	name: 'externalId',
	type: 'string',
	default: '',
	description: `An identifier of yours (at most ${MAX_SUBSCRIPTION_KEY_LENGTH} characters), sent with every event as subscriptionExternalId`,
};

export const signingKeyField: INodeProperties = {
	displayName: 'Signing Key',
	name: 'signingKey',
	type: 'string',
	typeOptions: { password: true },
	default: '',
	description: `Secret (at most ${MAX_SUBSCRIPTION_KEY_LENGTH} characters) Dotloop signs every event with, in the X-DOTLOOP-SIGNATURE header. Without one, events are not signed.`,
};

/**
 * The chosen event types, checked against the target type: the multi-selects only offer fitting
 * events, but an expression can return anything (an array or a comma-separated text).
 */
export function readEventTypes(
	this: IExecuteFunctions,
	raw: unknown,
	targetType: string,
	label: string,
	i: number,
): string[] {
	assertOneOf(this, targetType, WEBHOOK_TARGET_TYPES, 'Target Type', i);
	const values = toEventList(raw);
	assertEventTypes(this, values, targetType as WebhookTargetType, label, i);
	return [...new Set(values)];
}

/** URL, external ID and signing key, each checked against Dotloop's limits when set. */
export function assertSubscriptionTexts(
	this: IExecuteFunctions,
	fields: { url?: string; externalId?: string; signingKey?: string },
	i: number,
) {
	if (fields.url !== undefined && fields.url !== '') {
		assertHttpsUrl(this, fields.url, 'URL', i, MAX_SUBSCRIPTION_URL_LENGTH);
	}
	assertMaxLength(this, fields.externalId, 'External ID', MAX_SUBSCRIPTION_KEY_LENGTH, i);
	assertMaxLength(this, fields.signingKey, 'Signing Key', MAX_SUBSCRIPTION_KEY_LENGTH, i);
}

/**
 * A subscription as the node outputs it: Dotloop answers with its signing key, which would let
 * anyone who can read an execution forge deliveries (to a Dotloop Trigger too). Only whether one is
 * set is shown.
 */
export function toSubscriptionItems(records: IDataObject | IDataObject[]): INodeExecutionData[] {
	return (Array.isArray(records) ? records : [records]).map((record) => {
		const { signingKey, ...json } = record;
		return {
			json: { ...json, signingKeySet: typeof signingKey === 'string' && signingKey !== '' },
		};
	});
}
