import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { dotloopApiRequest } from '../transport';
import { toTriggerItem, type DotloopDelivery } from '../rules/deliveries';
import { readCursorPages } from './fetch';
import { advanceWindow, isoSeconds, toSeconds, windowStart, type ChangeWindow } from './window';

/**
 * Section 14.3.4: a delivery that fails is retried after 30 s, 1 min, 15 min, 30 min, 1 h, 2 h, 4 h and
 * 8 h, and only then is the event FAILED. So no event is FAILED sooner than this after its creation.
 */
const RETRY_SPAN_SECONDS = 30 + 60 + 15 * 60 + 30 * 60 + 3600 + 2 * 3600 + 4 * 3600 + 8 * 3600;
/**
 * How late after the retry span an event can still turn FAILED: nine attempts of up to 5 s each
 * (section 14.3.5) and Dotloop's own scheduling.
 */
const LATE_FAILURE_SECONDS = 15 * 60;

/** Every subscription of this API client (section 15.1: subscriptions are scoped to the client). */
export async function listSubscriptions(
	this: IPollFunctions,
): Promise<{ subscriptions: IDataObject[]; requests: number }> {
	const read = await readCursorPages.call(this, '/subscription', {});
	return { subscriptions: read.records, requests: read.requests };
}

const eventOnce = () => 'f';

/**
 * The subscription's FAILED events the last poll could not have seen, newest first. The list is
 * ordered by creation (createdOn), but an event joins it only when its retries end, about 15 h 47 min
 * after it was created, and not always in creation order: one whose attempts took longer joins after
 * a newer one. At Dotloop's time T (the Date header) every event created before T − span − margin has
 * its final status; only those created later can still become FAILED. So a poll keeps T − span as the
 * window's `checked` and the next one reads back to the events created a margin before it: the late
 * ones are inside, everything older was read when it was already final. The window moves on with
 * Dotloop's clock, not with the newest failure, so once a burst of failures is older than the margin
 * a quiet poll is one page per subscription. (Started from the newest failure, as before, a burst was
 * read again on every poll until a newer failure came.) Without a Date header the window starts a
 * margin before the newest failure. Without a window: every FAILED event still kept (90 days).
 */
export async function pollFailedEvents(
	this: IPollFunctions,
	subscriptionId: string,
	window: ChangeWindow | undefined,
): Promise<{ changes: IDataObject[]; next: ChangeWindow; requests: number }> {
	const start = window ?? { at: isoSeconds(0), seen: {} };
	const from = toSeconds(windowStart(start, LATE_FAILURE_SECONDS)) ?? 0;
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
	const now = read.checked === undefined ? undefined : toSeconds(read.checked);
	const result = advanceWindow(start, failed, 'createdOn', {
		lookbackSeconds: LATE_FAILURE_SECONDS,
		fingerprintOf: eventOnce,
		checked: now === undefined ? undefined : isoSeconds(now - RETRY_SPAN_SECONDS),
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
