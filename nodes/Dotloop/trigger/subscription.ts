import { randomBytes } from 'crypto';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IHookFunctions, IWebhookFunctions } from 'n8n-workflow';

import { WEBHOOK_EVENTS, type WebhookTargetType } from '../descriptions/constants';
import { assertMaxLength, assertOneOf, toDotloopId } from '../descriptions/validation';
import { dotloopApiRequest, dotloopRequest, getAllByCursor } from '../transport';
import { EVENTS_PARAMETER, MAX_EXTERNAL_ID_LENGTH } from './description';

/**
 * What the trigger keeps in the node's static data: the subscription its own POST created, the key
 * it generated for it, and the webhook URL it was created for (an editor test run has its own URL,
 * and starts from a copy of the active workflow's static data).
 */
export interface TriggerState {
	subscriptionId?: string;
	signingKey?: string;
	webhookUrl?: string;
}

/** The subscription the parameters ask for. */
export interface WantedSubscription {
	targetType: WebhookTargetType;
	targetId: number;
	eventTypes: string[];
	url: string;
	externalId?: string;
}

/** Dotloop only posts to HTTPS, at most 512 characters (docs: "Create a Subscription"). */
const MAX_URL_LENGTH = 512;
/** 32 random bytes as hex: 64 characters, well within Dotloop's 128. */
const SIGNING_KEY_BYTES = 32;

/**
 * Which setting decides the address, checked in n8n's source (UrlService): on 2.x production URLs use
 * N8N_WEBHOOK_URL, else WEBHOOK_URL; test URLs use N8N_WEBHOOK_URL, else N8N_EDITOR_BASE_URL, else
 * WEBHOOK_URL. On 1.x both use WEBHOOK_URL.
 */
const HTTPS_HINTS = {
	activation:
		'Make n8n reachable at a public https:// address and set it as the webhook URL, then activate again: on n8n 2.x N8N_WEBHOOK_URL (or WEBHOOK_URL), on n8n 1.x WEBHOOK_URL, e.g. WEBHOOK_URL=https://n8n.example.com/.',
	testRun:
		'This is the test URL of a test run. On n8n 2.x test URLs come from N8N_WEBHOOK_URL, else N8N_EDITOR_BASE_URL, not from WEBHOOK_URL: set N8N_WEBHOOK_URL=https://n8n.example.com/ (a public https:// address of this n8n). On n8n 1.x set WEBHOOK_URL. Or publish (activate) the workflow and watch its Executions instead of testing it.',
};

const HINTS = {
	account:
		'Reading the connected user (GET /account) was refused: the Dotloop API client needs the account:read scope for a User target.',
	subscription:
		'Dotloop refused the webhook subscription. Webhooks must be enabled for your API client by Dotloop support; the client needs loop:read (Profile target) or contact:read (User target), and for a Profile target the connected user must have access to the profile.',
};

export function triggerState(this: IHookFunctions | IWebhookFunctions): TriggerState {
	return this.getWorkflowStaticData('node') as TriggerState;
}

function forget(state: TriggerState) {
	delete state.subscriptionId;
	delete state.signingKey;
	delete state.webhookUrl;
}

export function isHttpsUrl(url: string | undefined): url is string {
	try {
		return url !== undefined && new URL(url).protocol === 'https:';
	} catch {
		return false;
	}
}

function toEventList(raw: unknown): string[] {
	return [
		...new Set(
			(Array.isArray(raw) ? raw : String(raw ?? '').split(','))
				.map((value) => String(value).trim())
				.filter((value) => value !== ''),
		),
	];
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
		const eventTypes = toEventList(this.getNodeParameter('events', []));
		return { targetType: targetOfEvents.call(this, eventTypes), eventTypes };
	}
	const targetType = String(this.getNodeParameter('targetType', 'PROFILE'));
	const allowed = Object.keys(WEBHOOK_EVENTS);
	if (!allowed.includes(targetType)) {
		throw new NodeOperationError(
			this.getNode(),
			`"Target" must be one of ${allowed.join(', ')}, not "${targetType}"`,
		);
	}
	const raw = this.getNodeParameter(EVENTS_PARAMETER[targetType as WebhookTargetType], []);
	return { targetType: targetType as WebhookTargetType, eventTypes: toEventList(raw) };
}

async function connectedUserId(this: IHookFunctions): Promise<number> {
	const account = await dotloopApiRequest.call(this, {
		method: 'GET',
		path: '/account',
		hints: { 403: HINTS.account },
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
	const allowed = WEBHOOK_EVENTS[targetType] as readonly string[];
	if (eventTypes.length === 0) {
		throw new NodeOperationError(this.getNode(), '"Events" is empty: choose at least one event', {
			description: `A ${targetType} target offers ${allowed.join(', ')}.`,
		});
	}
	for (const eventType of eventTypes) assertOneOf(this, eventType, allowed, 'Events', 0);
	const options = this.getNodeParameter('options', {}) as IDataObject;
	const externalId = String(options.externalId ?? '').trim() || undefined;
	assertMaxLength(this, externalId, 'External ID', MAX_EXTERNAL_ID_LENGTH, 0);
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

function sameEvents(a: unknown, b: string[]): boolean {
	if (!Array.isArray(a)) return false;
	const remote = new Set(a.map(String));
	return remote.size === b.length && b.every((eventType) => remote.has(eventType));
}

/**
 * Whether a remote subscription is the one this node created and still is what the parameters ask
 * for: same id and signing key as stored, same URL, target, events and external ID, and enabled
 * (Dotloop never re-enables a subscription it disabled after failed deliveries).
 */
export function fitsWanted(
	remote: IDataObject,
	state: TriggerState,
	wanted: WantedSubscription,
): boolean {
	return (
		remote.id === state.subscriptionId &&
		typeof state.signingKey === 'string' &&
		remote.signingKey === state.signingKey &&
		remote.url === wanted.url &&
		remote.enabled !== false &&
		remote.targetType === wanted.targetType &&
		Number(remote.targetId) === wanted.targetId &&
		sameEvents(remote.eventTypes, wanted.eventTypes) &&
		String(remote.externalId ?? '') === (wanted.externalId ?? '')
	);
}

function isNotFound(error: unknown): boolean {
	return error instanceof NodeApiError && String(error.httpCode) === '404';
}

/**
 * Whether the stored subscription was made for another webhook URL and is this hook's to remove: n8n's
 * WEBHOOK_URL changed since activation. Not in an editor test run, whose static data is a copy of the
 * active workflow's (its stored subscription is the active workflow's, on the production URL).
 */
function storedForAnotherUrl(this: IHookFunctions, state: TriggerState, url: string | undefined) {
	return (
		state.subscriptionId !== undefined &&
		state.webhookUrl !== undefined &&
		url !== undefined &&
		state.webhookUrl !== url &&
		this.getMode() !== 'manual'
	);
}

/**
 * Removes the subscription this trigger created for its old URL (its id came back from this node's
 * own POST, so it is provably ours), so Dotloop stops posting to an address n8n no longer serves. A
 * failure is logged, naming the id, and does not stop the new subscription.
 */
async function removeForOldUrl(this: IHookFunctions, state: TriggerState): Promise<boolean> {
	const { subscriptionId, webhookUrl } = state;
	try {
		await dotloopRequest.call(this, { method: 'DELETE', path: `/subscription/${subscriptionId}` });
	} catch (error) {
		if (!isNotFound(error)) {
			this.logger.warn(
				`Dotloop Trigger "${this.getNode().name}": could not remove webhook subscription ${subscriptionId} it created for its previous URL ${webhookUrl}: ${(error as Error).message}. Delete it with the Dotloop node (Webhook Subscription > Delete).`,
			);
			return false;
		}
	}
	this.logger.info(
		`Dotloop Trigger "${this.getNode().name}": removed webhook subscription ${subscriptionId} of its previous URL ${webhookUrl}`,
	);
	return true;
}

/**
 * checkExists: runs on every activation and n8n start. Every subscription of this API client is
 * listed (all cursor pages) and only those on exactly this node's webhook URL are considered.
 *
 * - Adopted (true): the one whose id and signing key are the ones this node stored, still matching
 *   the parameters. Nothing is created, so restarts and re-activations never add duplicates.
 * - Removed, then false: the one whose id this node stored but which no longer fits (events,
 *   target, external ID or key changed, or Dotloop disabled it). Its id came back from this node's
 *   own POST, so it is provably ours; leaving it would put a second subscription on the same URL
 *   once create() runs. If it cannot be removed, activation stops instead of creating a duplicate.
 * - Never touched: any other subscription on this URL (its key is unknown to this node, e.g. made
 *   with the Dotloop node, or left over from lost static data). It cannot be verified, so its
 *   deliveries are refused; a warning names it so the user can delete it.
 *
 * n8n's own advice is never to delete inside checkExists; removing only what is provably ours
 * reconciles that with not letting stale subscriptions pile up.
 */
export async function subscriptionExists(this: IHookFunctions): Promise<boolean> {
	const url = this.getNodeWebhookUrl('default');
	const state = triggerState.call(this);
	// create() explains the HTTPS requirement; nothing can exist for such a URL.
	if (!isHttpsUrl(url)) return false;
	if (storedForAnotherUrl.call(this, state, url)) {
		await removeForOldUrl.call(this, state);
		forget(state);
	}

	const subscriptions = await getAllByCursor.call(this, '/subscription');
	const onThisUrl = subscriptions.filter((subscription) => subscription.url === url);
	const ours =
		state.subscriptionId !== undefined && state.webhookUrl === url
			? onThisUrl.find((subscription) => subscription.id === state.subscriptionId)
			: undefined;

	const unknown = onThisUrl.filter((subscription) => subscription !== ours);
	if (unknown.length) {
		this.logger.warn(
			`Dotloop Trigger "${this.getNode().name}": ${unknown.length} webhook subscription(s) on this trigger's URL were not created by it and are left alone: ${unknown.map((s) => String(s.id)).join(', ')}. Their deliveries are refused (unknown signing key); delete them with the Dotloop node (Webhook Subscription > Delete) if nobody needs them.`,
		);
	}
	if (!ours) {
		forget(state);
		return false;
	}

	const wanted = await wantedSubscription.call(this, url);
	if (fitsWanted(ours, state, wanted)) return true;

	try {
		await dotloopRequest.call(this, { method: 'DELETE', path: `/subscription/${String(ours.id)}` });
	} catch (error) {
		if (!isNotFound(error)) {
			throw new NodeOperationError(
				this.getNode(),
				`Could not remove this trigger's outdated Dotloop webhook subscription ${String(ours.id)}: ${(error as Error).message}`,
				{
					description:
						'Activation stopped so that no second subscription is created on the same URL. Try again in a moment.',
				},
			);
		}
	}
	forget(state);
	return false;
}

/**
 * create: a fresh random signing key, POST /subscription with this node's webhook URL, and the new
 * id and key kept in static data.
 */
export async function createSubscription(this: IHookFunctions): Promise<boolean> {
	const url = this.getNodeWebhookUrl('default');
	if (!isHttpsUrl(url)) {
		throw new NodeOperationError(
			this.getNode(),
			`Dotloop only delivers webhooks to HTTPS URLs, and this trigger's webhook URL is "${url ?? ''}"`,
			{
				description: this.getMode() === 'manual' ? HTTPS_HINTS.testRun : HTTPS_HINTS.activation,
			},
		);
	}
	if (url.length > MAX_URL_LENGTH) {
		throw new NodeOperationError(
			this.getNode(),
			`This trigger's webhook URL has ${url.length} characters; Dotloop accepts at most ${MAX_URL_LENGTH}`,
			{ description: 'Use a shorter WEBHOOK_URL or webhook path.' },
		);
	}
	const wanted = await wantedSubscription.call(this, url);
	const signingKey = randomBytes(SIGNING_KEY_BYTES).toString('hex');
	const body: IDataObject = {
		targetType: wanted.targetType,
		targetId: wanted.targetId,
		eventTypes: wanted.eventTypes,
		url,
		signingKey,
	};
	if (wanted.externalId) body.externalId = wanted.externalId;

	const created = await dotloopApiRequest.call(this, {
		method: 'POST',
		path: '/subscription',
		body,
		hints: { 403: HINTS.subscription },
	});
	if (typeof created.id !== 'string' || created.id === '') {
		throw new NodeOperationError(
			this.getNode(),
			'Dotloop accepted the webhook subscription but did not return its ID',
		);
	}
	const state = triggerState.call(this);
	state.subscriptionId = created.id;
	state.signingKey = signingKey;
	state.webhookUrl = url;
	return true;
}

/**
 * delete: best effort, after n8n stopped routing. A 404 means already gone. On any other failure the
 * id and key stay stored, so the next activation's checkExists can still adopt or remove that
 * subscription instead of leaving an orphan nobody can verify. Never throws.
 */
export async function deleteSubscription(this: IHookFunctions): Promise<boolean> {
	const state = triggerState.call(this);
	const subscriptionId = state.subscriptionId;
	if (!subscriptionId) return true;
	try {
		const url = this.getNodeWebhookUrl('default');
		if (storedForAnotherUrl.call(this, state, url)) {
			if (!(await removeForOldUrl.call(this, state))) return false;
			forget(state);
			return true;
		}
		// State copied from another URL (an editor test run starts from the active workflow's static
		// data) is not this webhook's to remove.
		if (state.webhookUrl !== undefined && url !== undefined && state.webhookUrl !== url)
			return true;
		await dotloopRequest.call(this, { method: 'DELETE', path: `/subscription/${subscriptionId}` });
	} catch (error) {
		if (!isNotFound(error)) {
			this.logger.warn(
				`Dotloop Trigger "${this.getNode().name}": could not remove webhook subscription ${subscriptionId}: ${(error as Error).message}. It stays on record: the next activation adopts or replaces it.`,
			);
			return false;
		}
	}
	forget(state);
	return true;
}
