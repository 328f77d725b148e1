import type { IHookFunctions, IWebhookFunctions } from 'n8n-workflow';

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

export function triggerState(this: IHookFunctions | IWebhookFunctions): TriggerState {
	return this.getWorkflowStaticData('node') as TriggerState;
}

export function forget(state: TriggerState) {
	delete state.subscriptionId;
	delete state.signingKey;
	delete state.webhookUrl;
}
