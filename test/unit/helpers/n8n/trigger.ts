import { HookContext, WebhookContext } from 'n8n-core';
import { Workflow } from 'n8n-workflow';
import type {
	IDataObject,
	INode,
	IWebhookData,
	IWebhookDescription,
	IWebhookResponseData,
	IWorkflowExecuteAdditionalData,
	WorkflowActivateMode,
	WorkflowExecuteMode,
} from 'n8n-workflow';

import { DotloopTrigger } from '../../../../nodes/Dotloop/DotloopTrigger.node';
import { credentialsHelper, dotloopNode, storeCredential } from './action';
import { createAdditionalData } from './additionalData';
import { startEngine } from './engine';
import { setInstanceId } from './instance';
import { recordLogs } from './logs';
import { createNodeTypes, NODE_TYPE } from './nodeTypes';

export const WEBHOOK_ID = '6f1c2b1e-8d0a-4c57-9a51-1f0b7c4d2e10';
export const WEBHOOK_URL = `https://n8n.example.com/webhook/${WEBHOOK_ID}/dotloop`;
export const TEST_WEBHOOK_URL = `https://n8n.example.com/webhook-test/${WEBHOOK_ID}/dotloop`;

export const WORKFLOW_ID = 'wf-original';
export const INSTANCE_ID = 'instance-a';
/** The owner create() records for triggerNode in WORKFLOW_ID on INSTANCE_ID. */
export const OWNER = `${WORKFLOW_ID}/trigger-1@${INSTANCE_ID}`;

/** The Dotloop Trigger node as a workflow holds it (its credential is set per run). */
export const triggerNode: INode = {
	id: 'trigger-1',
	name: 'Dotloop Trigger',
	type: NODE_TYPE.trigger,
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
	webhookId: WEBHOOK_ID,
};

const webhookDescription = new DotloopTrigger().description.webhooks![0] as IWebhookDescription;

/**
 * Where n8n serves a trigger, taken apart: the instance's webhook base (WEBHOOK_URL or
 * N8N_WEBHOOK_URL + /webhook or /webhook-test), the node's webhook id, and whether it is the test URL
 * of an editor test run. n8n-core builds the URL back from these (getNodeWebhookUrl).
 */
function servedAt(url: string) {
	const match = /^(.+)\/(webhook|webhook-test)\/([^/]+)\/dotloop$/.exec(url);
	if (!match) throw new Error(`Not a webhook URL n8n serves this trigger at: ${url}`);
	const [, origin, endpoint, webhookId] = match;
	return { base: `${origin}/${endpoint}`, isTest: endpoint === 'webhook-test', webhookId };
}

interface NodeRunOptions {
	params: IDataObject;
	/**
	 * The node's static data as n8n's database holds it: each call starts from a copy of it, and it is
	 * overwritten only when n8n would save (the workflow's static data marked `__dataChanged`).
	 */
	staticData?: IDataObject;
	typeVersion?: number;
	/** The workflow the trigger is in (default WORKFLOW_ID) and the n8n instance (default INSTANCE_ID). */
	workflowId?: string;
	instanceId?: string;
	/** Use the credential the test stored (the sandbox's, through connect()), not the default one. */
	storedCredential?: boolean;
}

/** The workflow n8n builds for the trigger, with its static data, and what n8n hands the context. */
async function triggerWorkflow(options: NodeRunOptions, webhookId: string) {
	await startEngine();
	setInstanceId(options.instanceId ?? INSTANCE_ID);
	if (!options.storedCredential) storeCredential({ params: {} });
	const stored = options.staticData ?? {};
	const node: INode = {
		...triggerNode,
		webhookId,
		typeVersion: options.typeVersion ?? triggerNode.typeVersion,
		parameters: options.params as INode['parameters'],
		credentials: dotloopNode({ params: {} }, 1).credentials,
	};
	const workflow = new Workflow({
		id: options.workflowId ?? WORKFLOW_ID,
		name: 'Dotloop events',
		nodes: [node],
		connections: {},
		nodeTypes: createNodeTypes(),
		active: true,
		staticData: { [`node:${node.name}`]: JSON.parse(JSON.stringify(stored)) as IDataObject },
	});
	/** What n8n does after a webhook method or a delivery: saves the static data if it changed. */
	const save = () => {
		const changed = (workflow.staticData as { __dataChanged?: boolean }).__dataChanged === true;
		if (changed) {
			const saved = JSON.parse(JSON.stringify(workflow.getStaticData('node', node))) as IDataObject;
			for (const key of Object.keys(stored)) delete stored[key];
			Object.assign(stored, saved);
		}
		return changed;
	};
	return { workflow, node: workflow.getNode(node.name)!, staticData: stored, save };
}

function webhookData(
	node: INode,
	workflow: Workflow,
	additionalData: IWorkflowExecuteAdditionalData,
	isTest: boolean,
): IWebhookData {
	return {
		httpMethod: webhookDescription.httpMethod as IWebhookData['httpMethod'],
		node: node.name,
		path: `${node.webhookId}/${String(webhookDescription.path)}`,
		webhookDescription,
		workflowId: workflow.id,
		workflowExecuteAdditionalData: additionalData,
		webhookId: node.webhookId,
		isTest,
	};
}

export interface HookOptions extends NodeRunOptions {
	/** The URL n8n serves the trigger at (default WEBHOOK_URL); a /webhook-test/ one is a test run. */
	webhookUrl?: string;
}

type HookMethod = 'checkExists' | 'create' | 'delete';

/**
 * Runs one of the trigger's webhook methods as n8n does on activation, deactivation or an editor test
 * run: n8n-core's HookContext on a Workflow holding the node's static data, mode 'trigger' (or
 * 'manual' for a test URL), HTTP through n8n-core's requestOAuth2 on the stored credential.
 */
async function runHook(method: HookMethod, options: HookOptions) {
	const url = options.webhookUrl ?? WEBHOOK_URL;
	const { base, isTest, webhookId } = servedAt(url);
	const { workflow, node, staticData, save } = await triggerWorkflow(options, webhookId);
	const mode: WorkflowExecuteMode = isTest ? 'manual' : 'trigger';
	const activation: WorkflowActivateMode = isTest ? 'manual' : 'activate';
	const additionalData = createAdditionalData({ credentialsHelper, mode });
	if (isTest) additionalData.webhookTestBaseUrl = base;
	else additionalData.webhookBaseUrl = base;
	const data = webhookData(node, workflow, additionalData, isTest);
	const context = new HookContext(workflow, node, additionalData, mode, activation, data);
	if (context.getNodeWebhookUrl('default') !== url) {
		throw new Error(
			`n8n serves the trigger at ${context.getNodeWebhookUrl('default')}, not ${url}`,
		);
	}
	const type = workflow.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
	const updatesBefore = credentialsHelper.tokenUpdates.length;
	const logs = recordLogs(context.logger);
	try {
		const result = await type.webhookMethods!.default![method].call(context);
		/** Whether n8n saved the workflow's static data after this call. */
		const staticDataSaved = save();
		/** The tokens n8n-core stored after refreshing during this call. */
		const tokenUpdates = credentialsHelper.tokenUpdates.slice(updatesBefore);
		return { result, staticData, staticDataSaved, tokenUpdates, logs: logs() };
	} finally {
		logs();
	}
}

export const checkExists = async (options: HookOptions) => await runHook('checkExists', options);
export const create = async (options: HookOptions) => await runHook('create', options);
export const remove = async (options: HookOptions) => await runHook('delete', options);

export interface DeliveryOptions extends NodeRunOptions {
	staticData: IDataObject;
	body: string | Buffer;
	headers: Record<string, string>;
	/** Whether n8n's raw-body middleware already read the body before webhook() (not always). */
	rawBodyRead?: boolean;
}

export interface DeliveryResult {
	response: IWebhookResponseData;
	/** What webhook() answered itself through the response object, if it did. */
	status?: number;
	sent?: unknown;
	ended: boolean;
	readRawBodyCalls: number;
	/** The parameters webhook() asked n8n to resolve (getNodeParameter). */
	parameterReads: string[];
	/** Whether n8n saved the workflow's static data after the delivery. */
	staticDataSaved: boolean;
	logs: string[];
}

/**
 * One POST delivered to the active trigger as n8n's webhook server hands it over: n8n-core's
 * WebhookContext with the express request (headers lower-cased, the JSON body parsed, the raw bytes
 * behind readRawBody) and response in the additional data.
 */
export async function deliver(options: DeliveryOptions): Promise<DeliveryResult> {
	const { workflow, node, save } = await triggerWorkflow(options, WEBHOOK_ID);
	const bytes = Buffer.isBuffer(options.body) ? options.body : Buffer.from(options.body, 'utf8');
	let parsed: unknown = {};
	try {
		parsed = JSON.parse(bytes.toString('utf8'));
	} catch {
		// Left empty: the node verifies and parses the raw bytes, never this parsed body.
	}
	let readRawBodyCalls = 0;
	const request = {
		method: 'POST',
		url: `/webhook/${WEBHOOK_ID}/dotloop`,
		headers: Object.fromEntries(
			Object.entries(options.headers).map(([name, value]) => [name.toLowerCase(), value]),
		),
		params: {},
		query: {},
		body: parsed,
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
	const additionalData = createAdditionalData({ credentialsHelper, mode: 'webhook' });
	Object.assign(additionalData, { httpRequest: request, httpResponse: response });
	const context = new WebhookContext(
		workflow,
		node,
		additionalData,
		'webhook',
		webhookData(node, workflow, additionalData, false),
		[],
		null,
	);
	const parameterReads = jest.spyOn(context, 'getNodeParameter');
	const type = workflow.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
	const logs = recordLogs(context.logger);
	try {
		const result = await type.webhook!.call(context);
		const staticDataSaved = save();
		return {
			response: result,
			...answer,
			readRawBodyCalls,
			parameterReads: parameterReads.mock.calls.map(([name]) => name),
			staticDataSaved,
			logs: logs(),
		};
	} finally {
		logs();
	}
}
