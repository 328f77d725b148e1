import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IHookFunctions, IWebhookFunctions } from 'n8n-workflow';

import {
	MAX_SUBSCRIPTION_KEY_LENGTH,
	toEventList,
	WEBHOOK_EVENTS,
	WEBHOOK_TARGET_TYPES,
	type WebhookTargetType,
} from '../rules/subscriptions';
import { assertEventTypes, assertMaxLength, toDotloopId } from '../parameters/validation';
import { dotloopApiRequest } from '../transport';
import { EVENTS_PARAMETER } from './description';

/** The subscription the parameters ask for. */
export interface WantedSubscription {
	targetType: WebhookTargetType;
	targetId: number;
	eventTypes: string[];
	url: string;
	externalId?: string;
}

const ACCOUNT_HINT =
	'Reading the connected user (GET /account) was refused: the Dotloop API client needs the account:read scope for a User target.';

function uniqueEventList(raw: unknown): string[] {
	return [...new Set(toEventList(raw))];
}

/**
 * Version 2: the target follows from the events. A subscription has one target, so profile and user
 * events cannot be mixed in one trigger.
 */
function targetOfEvents(this: IHookFunctions | IWebhookFunctions, eventTypes: string[]) {
	const of = (targetType: WebhookTargetType) =>
		eventTypes.filter((eventType) =>
			(WEBHOOK_EVENTS[targetType] as readonly string[]).includes(eventType),
		);
	const profile = of('PROFILE');
	const user = of('USER');
	if (profile.length && user.length) {
		throw new NodeOperationError(
			this.getNode(),
			`"Events" mixes loop events of a profile (${profile.join(', ')}) with events of the connected user (${user.join(', ')})`,
			{
				description:
					'One Dotloop subscription watches either a profile or the user: use one Dotloop Trigger for each.',
			},
		);
	}
	return user.length ? 'USER' : 'PROFILE';
}

/** The chosen target type and events, read and checked without any request (also used by webhook()). */
export function readTargetAndEvents(this: IHookFunctions | IWebhookFunctions): {
	targetType: WebhookTargetType;
	eventTypes: string[];
} {
	if (this.getNode().typeVersion >= 2) {
		const eventTypes = uniqueEventList(this.getNodeParameter('events', []));
		return { targetType: targetOfEvents.call(this, eventTypes), eventTypes };
	}
	const targetType = String(this.getNodeParameter('targetType', 'PROFILE'));
	const allowed: readonly string[] = WEBHOOK_TARGET_TYPES;
	if (!allowed.includes(targetType)) {
		throw new NodeOperationError(
			this.getNode(),
			`"Target" must be one of ${allowed.join(', ')}, not "${targetType}"`,
		);
	}
	const raw = this.getNodeParameter(EVENTS_PARAMETER[targetType as WebhookTargetType], []);
	return { targetType: targetType as WebhookTargetType, eventTypes: uniqueEventList(raw) };
}

async function connectedUserId(this: IHookFunctions): Promise<number> {
	const account = await dotloopApiRequest.call(this, {
		method: 'GET',
		path: '/account',
		hints: { 403: ACCOUNT_HINT },
	});
	return toDotloopId(this, account.id, 'Connected User ID', 0);
}

/**
 * Everything the subscription should be, from the parameters. A User target needs the connected
 * user's ID, which GET /account tells (in the hook, never in webhook()).
 */
export async function wantedSubscription(
	this: IHookFunctions,
	url: string,
): Promise<WantedSubscription> {
	const { targetType, eventTypes } = readTargetAndEvents.call(this);
	assertEventTypes(this, eventTypes, targetType, 'Events', 0);
	const options = this.getNodeParameter('options', {}) as IDataObject;
	const externalId = String(options.externalId ?? '').trim() || undefined;
	assertMaxLength(this, externalId, 'External ID', MAX_SUBSCRIPTION_KEY_LENGTH, 0);
	const targetId =
		targetType === 'PROFILE'
			? toDotloopId(
					this,
					this.getNodeParameter('profileId', '', { extractValue: true }),
					'Profile',
					0,
				)
			: await connectedUserId.call(this);
	return { targetType, targetId, eventTypes, url, externalId };
}
