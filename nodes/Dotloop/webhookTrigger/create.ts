import { randomBytes } from 'crypto';
import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IHookFunctions } from 'n8n-workflow';

import { isHttpsUrl, MAX_SUBSCRIPTION_URL_LENGTH } from '../rules/subscriptions';
import { dotloopApiRequest } from '../transport';
import { wantedSubscription } from './parameters';
import { ownerHere, triggerState } from './state';

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

const SUBSCRIPTION_HINT =
	'Dotloop refused the webhook subscription. Webhooks must be enabled for your API client by Dotloop support; the client needs loop:read (Profile target) or contact:read (User target), and for a Profile target the connected user must have access to the profile.';

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
	if (url.length > MAX_SUBSCRIPTION_URL_LENGTH) {
		throw new NodeOperationError(
			this.getNode(),
			`This trigger's webhook URL has ${url.length} characters; Dotloop accepts at most ${MAX_SUBSCRIPTION_URL_LENGTH}`,
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
		hints: { 403: SUBSCRIPTION_HINT },
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
	state.owner = ownerHere.call(this);
	return true;
}
