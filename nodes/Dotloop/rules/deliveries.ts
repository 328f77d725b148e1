import type { IDataObject } from 'n8n-workflow';

import { SUBSCRIPTION_NOTICES } from './subscriptions';

/**
 * A webhook delivery as Dotloop posts it (docs: "Event Request") and the item the trigger makes of it.
 * Pure functions: no n8n context.
 */

export interface DotloopDelivery {
	eventId?: string;
	eventType: string;
	createdOn?: string;
	subscriptionId?: string;
	subscriptionExternalId?: string;
	profileId?: string | number;
	event?: IDataObject;
}

export type ParseResult =
	| { ok: true; delivery: DotloopDelivery }
	| { ok: false; reason: 'malformed-json' | 'not-an-event' };

/** The fields of a delivery the trigger passes on, in this order. */
const DELIVERY_FIELDS = [
	'eventId',
	'eventType',
	'createdOn',
	'subscriptionId',
	'subscriptionExternalId',
	'profileId',
] as const;

function isObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Parses the raw body; anything but a JSON object with a string eventType is refused. */
export function parseDotloopDelivery(rawBody: Buffer): ParseResult {
	let parsed: unknown;
	try {
		parsed = JSON.parse(rawBody.toString('utf8'));
	} catch {
		return { ok: false, reason: 'malformed-json' };
	}
	if (!isObject(parsed) || typeof parsed.eventType !== 'string' || parsed.eventType === '') {
		return { ok: false, reason: 'not-an-event' };
	}
	return { ok: true, delivery: parsed as unknown as DotloopDelivery };
}

export function isSubscriptionNotice(eventType: string): boolean {
	return (SUBSCRIPTION_NOTICES as readonly string[]).includes(eventType);
}

/**
 * The output item of one delivery: the event fields and the ids in `event`, plus when Dotloop sent
 * it. SUBSCRIPTION_DISABLED / SUBSCRIPTION_REMOVED carry the subscription's configuration, signing
 * key included: the key never reaches the item.
 */
export function toTriggerItem(
	delivery: DotloopDelivery,
	/** The X-DOTLOOP-TIMESTAMP header as sent, and in epoch milliseconds. */
	timestamp: { header: string; ms: number },
): IDataObject {
	const item: IDataObject = {};
	for (const field of DELIVERY_FIELDS) {
		if (delivery[field] !== undefined) item[field] = delivery[field];
	}
	if (isObject(delivery.event)) {
		item.event = Object.fromEntries(
			Object.entries(delivery.event).filter(([key]) => key !== 'signingKey'),
		) as IDataObject;
	}
	item.deliveredAt = new Date(timestamp.ms).toISOString();
	item.deliveryTimestamp = Number(timestamp.header);
	return item;
}
