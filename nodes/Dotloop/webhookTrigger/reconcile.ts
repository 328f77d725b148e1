import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IHookFunctions } from 'n8n-workflow';

import { isHttpsUrl } from '../rules/subscriptions';
import { dotloopRequest, getAllByCursor } from '../transport';
import { isNotFound, removeForOldUrl, storedForAnotherUrl } from './delete';
import { wantedSubscription, type WantedSubscription } from './parameters';
import { forget, ownedHere, ownerHere, triggerState, type TriggerState } from './state';

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
function fitsWanted(remote: IDataObject, state: TriggerState, wanted: WantedSubscription): boolean {
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
 * - Forgotten, never touched: the one named by static data that another workflow or n8n recorded
 *   (the workflow was copied with its static data: n8n's public API, CLI export and import).
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
	if (state.subscriptionId !== undefined && !ownedHere.call(this, state, url)) {
		this.logger.info(
			`Dotloop Trigger "${this.getNode().name}": its static data names webhook subscription ${state.subscriptionId}, which another workflow or n8n created (this workflow is a copy); it is left alone and this trigger creates its own`,
		);
		forget(state);
	}
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
	if (fitsWanted(ours, state, wanted)) {
		// State from before owners were recorded is stamped the first time it is adopted.
		state.owner ??= ownerHere.call(this);
		return true;
	}

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
