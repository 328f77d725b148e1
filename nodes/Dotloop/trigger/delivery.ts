import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import {
	isSubscriptionNotice,
	parseDotloopDelivery,
	ReplayGuard,
	toTriggerItem,
	verifyDotloopSignature,
} from '../webhook';
import { DEFAULT_MAX_EVENT_AGE_MINUTES } from './description';
import { readTargetAndEvents, triggerState } from './subscription';

/** Shared by every Dotloop Trigger in this process; keyed by signature, which includes the key. */
const replays = new ReplayGuard();

function header(headers: IDataObject, name: string): string | undefined {
	const value = headers[name];
	if (Array.isArray(value)) return value.length === 1 ? String(value[0]) : undefined;
	return typeof value === 'string' ? value : undefined;
}

function refuse(this: IWebhookFunctions, status: 400 | 401, reason: string): IWebhookResponseData {
	this.logger.debug(
		`Dotloop Trigger "${this.getNode().name}" refused a delivery (${status}): ${reason}`,
	);
	this.getResponseObject()
		.status(status)
		.send(status === 401 ? 'Unauthorized' : 'Bad Request')
		.end();
	return { noWebhookResponse: true };
}

/**
 * One delivery: verified from the raw bytes before anything else, then parsed, then filtered by the
 * chosen events. No API calls: Dotloop gives up after 5 seconds and sends the event again.
 */
export async function receiveDelivery(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const request = this.getRequestObject();
	if (!request.rawBody) await request.readRawBody();
	const rawBody = request.rawBody ?? Buffer.alloc(0);
	const headers = this.getHeaderData() as IDataObject;
	const state = triggerState.call(this);
	const options = this.getNodeParameter('options', {}) as IDataObject;
	const maxAgeMinutes = Number(options.maxEventAgeMinutes ?? DEFAULT_MAX_EVENT_AGE_MINUTES);
	const timestamp = header(headers, 'x-dotloop-timestamp');

	const signature = header(headers, 'x-dotloop-signature');
	const now = Date.now();
	const maxAgeMs =
		(Number.isFinite(maxAgeMinutes) && maxAgeMinutes > 0
			? maxAgeMinutes
			: DEFAULT_MAX_EVENT_AGE_MINUTES) * 60_000;
	const verdict = verifyDotloopSignature({
		rawBody,
		timestamp,
		signature,
		signingKey: state.signingKey,
		now,
		maxAgeMs,
	});
	if (!verdict.ok) return refuse.call(this, 401, verdict.reason);
	if (replays.isReplay(String(signature).toLowerCase(), verdict.timestampMs + maxAgeMs, now)) {
		return refuse.call(this, 401, 'the same delivery was already received (replay)');
	}

	const parsed = parseDotloopDelivery(rawBody);
	if (!parsed.ok) return refuse.call(this, 400, parsed.reason);
	const { delivery } = parsed;
	// Signed with our key but for another subscription: not the feed this trigger set up.
	if (delivery.subscriptionId !== state.subscriptionId) {
		return refuse.call(this, 401, 'subscriptionId is not the one this trigger created');
	}

	const wanted = isSubscriptionNotice(delivery.eventType)
		? options.includeSubscriptionNotices !== false
		: readTargetAndEvents.call(this).eventTypes.includes(delivery.eventType);
	if (!wanted) return { webhookResponse: 'Event type not selected in the Dotloop Trigger' };

	const item = toTriggerItem(delivery, { header: String(timestamp), ms: verdict.timestampMs });
	return { workflowData: [this.helpers.returnJsonArray([item])] };
}
