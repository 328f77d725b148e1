/**
 * Dotloop's rules for a webhook subscription, shared by the Dotloop Trigger, the Polling Trigger and
 * the Webhook Subscription resource (docs: "Create a Subscription", "Webhooks Event Targets and
 * Corresponding Event Types", "Event Delivery Statuses").
 */

/** The event types a subscription to each target type can receive. */
export const WEBHOOK_EVENTS = {
	PROFILE: [
		'LOOP_CREATED',
		'LOOP_UPDATED',
		'LOOP_MERGED',
		'LOOP_PARTICIPANT_CREATED',
		'LOOP_PARTICIPANT_UPDATED',
		'LOOP_PARTICIPANT_DELETED',
	],
	USER: [
		'CONTACT_CREATED',
		'CONTACT_UPDATED',
		'CONTACT_DELETED',
		'PROFILE_UPDATED',
		'USER_PROFILE_ACTIVATED',
		'USER_PROFILE_DEACTIVATED',
		'USER_ADDED_TO_PROFILE',
		'USER_REMOVED_FROM_PROFILE',
	],
} as const;

export type WebhookTargetType = keyof typeof WEBHOOK_EVENTS;

/** Sent when a subscription is disabled or deleted, whatever it subscribed to. */
export const SUBSCRIPTION_NOTICES = ['SUBSCRIPTION_DISABLED', 'SUBSCRIPTION_REMOVED'] as const;

export const DELIVERY_STATUSES = [
	'PENDING',
	'PENDING_RETRY',
	'SCHEDULED',
	'SUCCESS',
	'FAILED',
	'DISABLED',
] as const;

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

/**
 * Event types as a parameter holds them: a list, or (from an expression) a comma-separated text;
 * trimmed, blanks dropped.
 */
export function toEventList(raw: unknown): string[] {
	return (Array.isArray(raw) ? raw : String(raw ?? '').split(','))
		.map((value) => String(value).trim())
		.filter((value) => value !== '');
}
