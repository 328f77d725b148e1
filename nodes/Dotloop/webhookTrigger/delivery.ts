import type { IDataObject, INode, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { isSubscriptionNotice, parseDotloopDelivery, toTriggerItem } from '../rules/deliveries';
import { ReplayGuard } from './replay';
import { SIGNATURE_HEADER_PAIRS, verifyDotloopSignature } from './signature';
import { rawHeader, soleHeader } from '../transport/headers';
import { DEFAULT_MAX_EVENT_AGE_MINUTES, MAX_CLOCK_SKEW_MINUTES } from './description';
import { readTargetAndEvents } from './parameters';
import type { TriggerState } from './state';

/** Shared by every Dotloop Trigger in this process; keyed by signature, which includes the key. */
const replays = new ReplayGuard();

/** What an exact redelivery of an accepted delivery is answered with (2xx: Dotloop stops retrying). */
export const ALREADY_RECEIVED = 'Delivery already received';

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

const isExpression = (value: unknown) => typeof value === 'string' && value.startsWith('=');

interface DeliverySettings {
	maxAgeMs: number;
	includeNotices: boolean;
}

/**
 * The options a delivery needs, read from the node as stored. Plain values are used as they are;
 * only an expression goes through getNodeParameter, so a delivery to a trigger set up without
 * expressions costs n8n no parameter resolution.
 */
function deliverySettings(this: IWebhookFunctions, node: INode): DeliverySettings {
	let options = (node.parameters?.options ?? {}) as IDataObject;
	if (isExpression(options) || Object.values(options).some(isExpression)) {
		options = this.getNodeParameter('options', {}) as IDataObject;
	}
	const minutes = Number(options.maxEventAgeMinutes ?? DEFAULT_MAX_EVENT_AGE_MINUTES);
	return {
		maxAgeMs:
			(Number.isFinite(minutes) && minutes > 0 ? minutes : DEFAULT_MAX_EVENT_AGE_MINUTES) * 60_000,
		includeNotices: options.includeSubscriptionNotices !== false,
	};
}

/** The chosen events, as stored unless set by expression. */
function chosenEvents(this: IWebhookFunctions, node: INode): readonly string[] {
	const parameters = node.parameters ?? {};
	const events =
		node.typeVersion >= 2
			? parameters.events
			: parameters[parameters.targetType === 'USER' ? 'userEvents' : 'profileEvents'];
	return Array.isArray(events) && !events.some(isExpression)
		? (events as string[])
		: readTargetAndEvents.call(this).eventTypes;
}

/**
 * The signature and its timestamp, both from one header pair, never one from each: the documented
 * X-DOTLOOP-SIGNATURE / X-DOTLOOP-TIMESTAMP whenever either is present, else X-DOTLOOP-WEBHOOK-SIGNATURE /
 * X-DOTLOOP-WEBHOOK-TIMESTAMP (one public connector reads those). Either way the signature is verified
 * the same way, so the name it comes under opens nothing.
 */
function signatureHeaders(headers: IDataObject): { timestamp?: string; signature?: string } {
	const pair =
		SIGNATURE_HEADER_PAIRS.find(
			(names) =>
				rawHeader(headers, names.signature) !== undefined ||
				rawHeader(headers, names.timestamp) !== undefined,
		) ?? SIGNATURE_HEADER_PAIRS[0];
	return {
		timestamp: soleHeader(headers, pair.timestamp),
		signature: soleHeader(headers, pair.signature),
	};
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
	const node = this.getNode();
	const settings = deliverySettings.call(this, node);
	const state = this.getWorkflowStaticData('node') as TriggerState;
	const { timestamp, signature } = signatureHeaders(headers);
	const now = Date.now();
	const verdict = verifyDotloopSignature({
		rawBody,
		timestamp,
		signature,
		signingKey: state.signingKey,
		now,
		maxAgeMs: settings.maxAgeMs,
		maxSkewMs: Math.min(settings.maxAgeMs, MAX_CLOCK_SKEW_MINUTES * 60_000),
	});
	if (!verdict.ok) return refuse.call(this, 401, verdict.reason);

	const parsed = parseDotloopDelivery(rawBody);
	if (!parsed.ok) return refuse.call(this, 400, parsed.reason);
	const { delivery } = parsed;
	// Signed with our key but for another subscription: not the feed this trigger set up.
	if (delivery.subscriptionId !== state.subscriptionId) {
		return refuse.call(this, 401, 'subscriptionId is not the one this trigger created');
	}
	// The same bytes under the same signature: Dotloop posting again because our answer was lost or
	// late, or someone replaying a capture. Either way it ran once; a 2xx stops the retries, and any
	// other answer would count as a failed delivery towards Dotloop disabling the subscription.
	if (
		replays.isReplay(
			String(signature).trim().toLowerCase(),
			verdict.timestampMs + settings.maxAgeMs,
			now,
		)
	) {
		return { webhookResponse: ALREADY_RECEIVED };
	}

	const wanted = isSubscriptionNotice(delivery.eventType)
		? settings.includeNotices
		: chosenEvents.call(this, node).includes(delivery.eventType);
	if (!wanted) return { webhookResponse: 'Event type not selected in the Dotloop Trigger' };

	const item = toTriggerItem(delivery, { header: String(timestamp), ms: verdict.timestampMs });
	return { workflowData: [[{ json: item }]] };
}
