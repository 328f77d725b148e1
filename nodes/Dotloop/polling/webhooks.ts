import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { dotloopApiRequest } from '../transport';
import { toTriggerItem, type DotloopDelivery } from '../webhook';
import { readCursorPages } from './fetch';
import { advanceWindow, isoSeconds, toSeconds, windowStart, type ChangeWindow } from './window';

/**
 * An event fails only after its last retry, about 16 hours after it was created (section 14.3.4), and
 * events fail roughly in the order they were created. Failures are listed newest first by creation;
 * an hour of lookback absorbs the reordering of failures created close together.
 */
const FAILED_LOOKBACK_SECONDS = 3600;

/** Every subscription of this API client (section 15.1: subscriptions are scoped to the client). */
export async function listSubscriptions(
	this: IPollFunctions,
): Promise<{ subscriptions: IDataObject[]; requests: number }> {
	const read = await readCursorPages.call(this, '/subscription', {});
	return { subscriptions: read.records, requests: read.requests };
}

const eventOnce = () => 'f';

/**
 * The subscription's FAILED events since its window, newest first, stopping at the first page that
 * reaches back before the window. Without a window: every FAILED event still kept (90 days).
 */
export async function pollFailedEvents(
	this: IPollFunctions,
	subscriptionId: string,
	window: ChangeWindow | undefined,
): Promise<{ changes: IDataObject[]; next: ChangeWindow; requests: number }> {
	const start = window ?? { at: isoSeconds(0), seen: {} };
	const from = toSeconds(windowStart(start, FAILED_LOOKBACK_SECONDS)) ?? 0;
	const read = await readCursorPages.call(
		this,
		`/subscription/${subscriptionId}/event`,
		{ delivery_status: 'FAILED' },
		{
			stopWhen: (page) =>
				window !== undefined &&
				page.some((event) => (toSeconds(String(event.createdOn ?? '')) ?? 0) < from),
		},
	);
	const failed = read.records.filter(
		(event) => event.deliveryStatus === undefined || event.deliveryStatus === 'FAILED',
	);
	const result = advanceWindow(start, failed, 'createdOn', {
		lookbackSeconds: FAILED_LOOKBACK_SECONDS,
		fingerprintOf: eventOnce,
	});
	return { ...result, requests: read.requests };
}

/**
 * A FAILED event as the Dotloop Trigger would have delivered it, plus how its delivery ended. The
 * delivery time is the last attempt's. For USER subscriptions the webhook payload's profileId (the
 * user's default profile) is not in the event record, so it is left out.
 */
export function failedEventItem(event: IDataObject, subscription: IDataObject): IDataObject {
	const attempts = Array.isArray(event.responseData) ? (event.responseData as IDataObject[]) : [];
	const last = attempts[attempts.length - 1];
	const sentMs = Date.parse(String(last?.requestSentAt ?? event.createdOn ?? ''));
	const ms = Number.isFinite(sentMs) ? sentMs : 0;
	const delivery: DotloopDelivery = {
		eventId: String(event.id),
		eventType: String(event.eventType),
		createdOn: event.createdOn as string | undefined,
		subscriptionId: String(event.subscriptionId ?? subscription.id),
		subscriptionExternalId: subscription.externalId as string | undefined,
		profileId: subscription.targetType === 'PROFILE' ? String(subscription.targetId) : undefined,
		event: event.eventData as IDataObject | undefined,
	};
	return {
		...toTriggerItem(delivery, { header: String(ms), ms }),
		deliveryStatus: 'FAILED',
		deliveryAttempts: event.deliveryAttempts,
		lastResponse: last
			? {
					responseCode: last.responseCode,
					responseBody: last.responseBody,
					requestSentAt: last.requestSentAt,
					durationMs: last.durationMs,
				}
			: null,
	};
}

/** A subscription as an item: never its signing key. */
export function subscriptionItem(subscription: IDataObject): IDataObject {
	return Object.fromEntries(Object.entries(subscription).filter(([key]) => key !== 'signingKey'));
}

/** Section 15.4: PATCH `enabled: true`. Answers the error message instead of throwing. */
export async function reEnable(
	this: IPollFunctions,
	subscriptionId: string,
): Promise<{ ok: true } | { ok: false; error: string }> {
	try {
		await dotloopApiRequest.call(this, {
			method: 'PATCH',
			path: `/subscription/${subscriptionId}`,
			body: { enabled: true },
		});
		return { ok: true };
	} catch (error) {
		this.logger.warn(`Dotloop Polling Trigger: re-enabling subscription ${subscriptionId} failed`);
		return { ok: false, error: (error as Error).message };
	}
}
