import { NodeApiError } from 'n8n-workflow';
import type { IHookFunctions } from 'n8n-workflow';

import { dotloopRequest } from '../transport';
import { forget, ownedHere, triggerState, type TriggerState } from './state';

export function isNotFound(error: unknown): boolean {
	return error instanceof NodeApiError && String(error.httpCode) === '404';
}

/**
 * Whether the stored subscription was made for another webhook URL and is this hook's to remove: n8n's
 * WEBHOOK_URL changed since activation. Not in an editor test run, whose static data is a copy of the
 * active workflow's (its stored subscription is the active workflow's, on the production URL), nor
 * when another workflow or n8n created it (static data copied with the workflow).
 */
export function storedForAnotherUrl(
	this: IHookFunctions,
	state: TriggerState,
	url: string | undefined,
) {
	return (
		state.subscriptionId !== undefined &&
		state.webhookUrl !== undefined &&
		url !== undefined &&
		state.webhookUrl !== url &&
		this.getMode() !== 'manual' &&
		ownedHere.call(this, state, url)
	);
}

/**
 * Removes the subscription this trigger created for its old URL (its id came back from this node's
 * own POST, so it is provably ours), so Dotloop stops posting to an address n8n no longer serves. A
 * failure is logged, naming the id, and does not stop the new subscription.
 */
export async function removeForOldUrl(this: IHookFunctions, state: TriggerState): Promise<boolean> {
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
 * delete: best effort, after n8n stopped routing. A 404 means already gone. On any other failure the
 * id and key stay stored, so the next activation's checkExists can still adopt or remove that
 * subscription instead of leaving an orphan nobody can verify. Never throws.
 */
export async function deleteSubscription(this: IHookFunctions): Promise<boolean> {
	const state = triggerState.call(this);
	const subscriptionId = state.subscriptionId;
	if (!subscriptionId) return true;
	const url = this.getNodeWebhookUrl('default');
	// Static data copied from another workflow names that workflow's subscription: not ours to end.
	if (!ownedHere.call(this, state, url)) return true;
	try {
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
