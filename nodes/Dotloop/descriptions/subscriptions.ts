/**
 * Dotloop's rules for a webhook subscription, shared by the Dotloop Trigger and the Webhook
 * Subscription resource (docs: "Create a Subscription", "Webhooks Event Targets and Corresponding
 * Event Types"). The event types of each target type are in WEBHOOK_EVENTS (constants.ts).
 */
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

/** The event types, in the order given, that a subscription to `targetType` cannot receive. */
export function misfitEventTypes(targetType: WebhookTargetType, eventTypes: string[]): string[] {
	const allowed = WEBHOOK_EVENTS[targetType] as readonly string[];
	return eventTypes.filter((eventType) => !allowed.includes(eventType));
}
