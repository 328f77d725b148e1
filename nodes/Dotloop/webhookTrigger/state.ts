import type { IHookFunctions, IWebhookFunctions } from 'n8n-workflow';

/**
 * What the trigger keeps in the node's static data: the subscription its own POST created, the key
 * it generated for it, the webhook URL it was created for (an editor test run has its own URL, and
 * starts from a copy of the active workflow's static data), and who created it.
 */
export interface TriggerState {
	subscriptionId?: string;
	signingKey?: string;
	webhookUrl?: string;
	/** The creating node as `<workflow id>/<node id>@<n8n instance id>` (see ownerHere). */
	owner?: string;
}

export function triggerState(this: IHookFunctions | IWebhookFunctions): TriggerState {
	return this.getWorkflowStaticData('node') as TriggerState;
}

export function forget(state: TriggerState) {
	delete state.subscriptionId;
	delete state.signingKey;
	delete state.webhookUrl;
	delete state.owner;
}

/**
 * This node, in words no copy shares: static data travels with a workflow copied through n8n's
 * public API or exported and imported (same node id, another workflow id), and into another n8n
 * (same ids, another instance id).
 */
export function ownerHere(this: IHookFunctions): string {
	const node = this.getNode();
	return `${this.getWorkflow().id ?? ''}/${node.id ?? node.name}@${this.getInstanceId()}`;
}

/** The last path segments of a webhook URL: n8n's `<webhook id>/dotloop` (or `<workflow id>/<node>/dotloop`). */
function webhookTail(url: string, segments: number): string | undefined {
	try {
		return new URL(url).pathname.split('/').filter(Boolean).slice(-segments).join('/');
	} catch {
		return undefined;
	}
}

/**
 * Whether the stored subscription is this node's to adopt or remove. With an owner recorded: only
 * when it is this node of this workflow on this n8n. State written before owners were recorded is
 * this node's when it names this node's webhook path (only n8n's base URL may differ): a copy made
 * in the editor, or with a new webhook ID, has another path. A copy that kept the webhook ID into
 * another n8n cannot be told apart there; the owner is recorded from the first activation on.
 */
export function ownedHere(this: IHookFunctions, state: TriggerState, url: string | undefined) {
	if (state.owner !== undefined) return state.owner === ownerHere.call(this);
	if (state.webhookUrl === undefined || url === undefined) return true;
	const segments = this.getNode().webhookId ? 2 : 3;
	const stored = webhookTail(state.webhookUrl, segments);
	return stored !== undefined && stored === webhookTail(url, segments);
}
