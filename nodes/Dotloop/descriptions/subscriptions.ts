/**
 * Dotloop's rules for a webhook subscription, shared by the Dotloop Trigger and the Webhook
 * Subscription resource (docs: "Create a Subscription", "Webhooks Event Targets and Corresponding
 * Event Types"). The event types of each target type are in WEBHOOK_EVENTS (constants.ts).
 */
import { NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions, IHookFunctions } from 'n8n-workflow';

import { clip } from '../transport/errors';
import { sortedOptions, toOptions, WEBHOOK_EVENTS, type WebhookTargetType } from './constants';

/** A subscription's URL: HTTPS, at most 512 characters. */
export const MAX_SUBSCRIPTION_URL_LENGTH = 512;
/** A subscription's signing key and its external ID: at most 128 characters each. */
export const MAX_SUBSCRIPTION_KEY_LENGTH = 128;

export const WEBHOOK_TARGET_TYPES = Object.keys(WEBHOOK_EVENTS) as WebhookTargetType[];

/** Dotloop only posts to HTTPS URLs. */
export function isHttpsUrl(url: string | undefined): url is string {
	try {
		return url !== undefined && new URL(url).protocol === 'https:';
	} catch {
		return false;
	}
}

/** The event types of one target type, as options of a multi-select. */
export function eventTypeOptions(targetType: WebhookTargetType) {
	return sortedOptions(toOptions(WEBHOOK_EVENTS[targetType]));
}

/**
 * Event types as a parameter holds them: a list, or (from an expression) a comma-separated text;
 * trimmed, blanks dropped.
 */
export function toEventList(raw: unknown): string[] {
	return (Array.isArray(raw) ? raw : String(raw ?? '').split(','))
		.map((value) => String(value).trim())
		.filter((value) => value !== '');
}

/**
 * Refuses, before any request, an empty event list and event types a subscription to `targetType`
 * cannot receive (an expression can return anything), naming the parameter and the allowed types.
 */
export function assertEventTypes(
	ctx: IExecuteFunctions | IHookFunctions,
	eventTypes: string[],
	targetType: WebhookTargetType,
	label: string,
	itemIndex: number,
): void {
	const allowed = WEBHOOK_EVENTS[targetType] as readonly string[];
	if (eventTypes.length === 0) {
		throw new NodeOperationError(
			ctx.getNode(),
			`"${label}" is empty: choose at least one event type`,
			{ itemIndex, description: `A ${targetType} subscription can receive ${allowed.join(', ')}.` },
		);
	}
	const misfits = eventTypes.filter((eventType) => !allowed.includes(eventType));
	if (misfits.length) {
		throw new NodeOperationError(
			ctx.getNode(),
			`"${label}" has event types a ${targetType} subscription cannot receive: ${misfits.map((misfit) => clip(misfit)).join(', ')}. Allowed: ${allowed.join(', ')}`,
			{ itemIndex },
		);
	}
}
