import { returnJsonArray } from 'n8n-core';
import type {
	IDataObject,
	IHookFunctions,
	INode,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { DotloopTrigger } from '../../../nodes/Dotloop/DotloopTrigger.node';
import { createExecuteContext, testNode } from '../helpers/context';

export const WEBHOOK_URL =
	'https://n8n.example.com/webhook/6f1c2b1e-8d0a-4c57-9a51-1f0b7c4d2e10/dotloop';
export const TEST_WEBHOOK_URL =
	'https://n8n.example.com/webhook-test/6f1c2b1e-8d0a-4c57-9a51-1f0b7c4d2e10/dotloop';

export const triggerNode: INode = {
	...testNode,
	id: 'trigger-1',
	name: 'Dotloop Trigger',
	type: 'n8n-nodes-dotloop.dotloopTrigger',
	webhookId: '6f1c2b1e-8d0a-4c57-9a51-1f0b7c4d2e10',
};

export interface TriggerOptions {
	params: IDataObject;
	staticData?: IDataObject;
	webhookUrl?: string;
	/** n8n's execution mode: 'manual' for an editor test run (its /webhook-test/ URL), else 'trigger'. */
	mode?: string;
	typeVersion?: number;
	/** The workflow the hook runs in (default WORKFLOW_ID) and the n8n instance (default INSTANCE_ID). */
	workflowId?: string;
	instanceId?: string;
}

export const WORKFLOW_ID = 'wf-original';
export const INSTANCE_ID = 'instance-a';
/** The owner create() records for triggerNode in WORKFLOW_ID on INSTANCE_ID. */
export const OWNER = `${WORKFLOW_ID}/trigger-1@${INSTANCE_ID}`;

function parameterReader(params: IDataObject) {
	return (name: string, fallback?: unknown, options?: { extractValue?: boolean }) => {
		let value: unknown = params[name];
		if (value === undefined) value = fallback;
		if (value === undefined) throw new Error(`Could not get parameter "${name}"`);
		if (options?.extractValue && value && typeof value === 'object' && '__rl' in value) {
			return (value as unknown as { value: unknown }).value;
		}
		return value;
	};
}

function recordingLogger() {
	const logs: string[] = [];
	const log = (message: string) => logs.push(message);
	return { logs, logger: { warn: log, error: log, info: log, debug: log } };
}

/**
 * A hand-built IHookFunctions: parameters, the node's static data and webhook URL, and HTTP through
 * the same n8n request layer and OAuth2 emulation as the action-node tests.
 */
export function createHookContext(options: TriggerOptions) {
	const staticData = options.staticData ?? {};
	const { context: execute } = createExecuteContext({ params: {}, nodeType: triggerNode.type });
	const { logs, logger } = recordingLogger();
	const context = {
		getNode: () => ({
			...triggerNode,
			typeVersion: options.typeVersion ?? triggerNode.typeVersion,
		}),
		getWorkflow: () => ({
			id: options.workflowId ?? WORKFLOW_ID,
			name: 'Dotloop events',
			active: true,
		}),
		getInstanceId: () => options.instanceId ?? INSTANCE_ID,
		getMode: () =>
			options.mode ?? (options.webhookUrl?.includes('/webhook-test/') ? 'manual' : 'trigger'),
		getActivationMode: () => 'activate',
		getNodeWebhookUrl: (name: string) =>
			name === 'default' ? (options.webhookUrl ?? WEBHOOK_URL) : undefined,
		getWorkflowStaticData: () => staticData,
		getNodeParameter: parameterReader(options.params),
		getCredentials: execute.getCredentials,
		logger,
		helpers: { httpRequestWithAuthentication: execute.helpers.httpRequestWithAuthentication },
	};
	return { context: context as unknown as IHookFunctions, staticData, logs };
}

const hooks = new DotloopTrigger().webhookMethods.default;

export async function checkExists(options: TriggerOptions) {
	const hook = createHookContext(options);
	return { ...hook, result: await hooks.checkExists.call(hook.context) };
}

export async function create(options: TriggerOptions) {
	const hook = createHookContext(options);
	return { ...hook, result: await hooks.create.call(hook.context) };
}

export async function remove(options: TriggerOptions) {
	const hook = createHookContext(options);
	return { ...hook, result: await hooks.delete.call(hook.context) };
}

export interface DeliveryOptions {
	params: IDataObject;
	staticData: IDataObject;
	body: string | Buffer;
	headers: Record<string, string>;
	/** Whether n8n already read the raw body before webhook() (it does not always). */
	rawBodyRead?: boolean;
	/** What getNodeParameter answers when it differs from the stored parameters (expressions). */
	evaluated?: IDataObject;
	typeVersion?: number;
}

export interface DeliveryResult {
	response: IWebhookResponseData;
	/** What webhook() answered itself through the response object, if it did. */
	status?: number;
	sent?: unknown;
	ended: boolean;
	readRawBodyCalls: number;
	/** The parameters webhook() asked n8n to resolve. */
	parameterReads: string[];
	logs: string[];
}

/** A hand-built IWebhookFunctions around one POST, with the express request/response it needs. */
export async function deliver(options: DeliveryOptions): Promise<DeliveryResult> {
	const bytes = Buffer.isBuffer(options.body) ? options.body : Buffer.from(options.body, 'utf8');
	let readRawBodyCalls = 0;
	const request: { rawBody?: Buffer; readRawBody(): Promise<void> } = {
		rawBody: options.rawBodyRead ? bytes : undefined,
		async readRawBody() {
			readRawBodyCalls++;
			request.rawBody = bytes;
		},
	};
	const answer: { status?: number; sent?: unknown; ended: boolean } = { ended: false };
	const response = {
		status(code: number) {
			answer.status = code;
			return response;
		},
		send(body: unknown) {
			answer.sent = body;
			return response;
		},
		end() {
			answer.ended = true;
			return response;
		},
	};
	const headers = Object.fromEntries(
		Object.entries(options.headers).map(([name, value]) => [name.toLowerCase(), value]),
	);
	const { logs, logger } = recordingLogger();
	const parameterReads: string[] = [];
	const readParameter = parameterReader({ ...options.params, ...options.evaluated });
	const context = {
		getNode: () => ({
			...triggerNode,
			typeVersion: options.typeVersion ?? triggerNode.typeVersion,
			parameters: options.params,
		}),
		getMode: () => 'trigger',
		getWorkflowStaticData: () => options.staticData,
		getNodeParameter: (name: string, fallback?: unknown, extra?: { extractValue?: boolean }) => {
			parameterReads.push(name);
			return readParameter(name, fallback, extra);
		},
		getRequestObject: () => request,
		getResponseObject: () => response,
		getHeaderData: () => headers,
		getBodyData: () => {
			throw new Error('webhook() must verify the raw bytes, not the parsed body');
		},
		logger,
		helpers: {
			returnJsonArray,
			httpRequestWithAuthentication: () => {
				throw new Error('webhook() must not call the Dotloop API');
			},
		},
	};
	const result = await new DotloopTrigger().webhook.call(context as unknown as IWebhookFunctions);
	return { response: result, ...answer, readRawBodyCalls, parameterReads, logs };
}
