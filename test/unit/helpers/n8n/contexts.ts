import { ExecuteContext, LoadOptionsContext } from 'n8n-core';
import { Workflow } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	ILoadOptionsFunctions,
	INodeExecutionData,
	INode,
	INodeParameters,
	IRunExecutionData,
} from 'n8n-workflow';

import { createAdditionalData } from './additionalData';
import { CREDENTIAL_TYPE } from './credentials';
import { credentialsHelper, dotloopNode, storeCredential, type RunOptions } from './action';
import { startEngine } from './engine';
import { createNodeTypes } from './nodeTypes';
import { withN8nV1Errors } from './v1Errors';

export type ContextOptions = RunOptions;

/** The stored credential's tokens as they are now, and how often n8n-core refreshed them since. */
function storedTokens(node: INode) {
	const id = String(node.credentials?.[CREDENTIAL_TYPE]?.id);
	const updatesBefore = credentialsHelper.tokenUpdates.length;
	const tokens = () => credentialsHelper.get(id).oauthTokenData as IDataObject;
	return {
		get accessToken() {
			return String(tokens().access_token);
		},
		get refreshToken() {
			return String(tokens().refresh_token);
		},
		get refreshCount() {
			return credentialsHelper.tokenUpdates
				.slice(updatesBefore)
				.filter((update) => update.credentialId === id).length;
		},
	};
}

/**
 * n8n-core's real ExecuteContext for the Dotloop node over `items`, as WorkflowExecute builds it,
 * for tests that call one transport function or operation directly.
 */
export async function createExecuteContext(options: ContextOptions) {
	await startEngine();
	storeCredential(options);
	const items: INodeExecutionData[] = options.items ?? [{ json: {} }];
	const node = dotloopNode(options, items.length);
	const workflow = new Workflow({
		id: 'test',
		nodes: [node],
		connections: {},
		nodeTypes: createNodeTypes(),
		settings: options.timezone ? { timezone: options.timezone } : undefined,
		active: false,
	});
	const workflowNode = workflow.getNode(node.name)!;
	const additionalData = createAdditionalData({ credentialsHelper });
	const runExecutionData = { resultData: { runData: {} } } as unknown as IRunExecutionData;
	const inputData = { main: [items] };
	const context = new ExecuteContext(
		workflow,
		workflowNode,
		additionalData,
		'manual',
		runExecutionData,
		0,
		items,
		inputData,
		{ node: workflowNode, data: inputData, source: null },
		[],
	);
	if (options.n8nV1Errors) withN8nV1Errors(context);
	return { context: context as IExecuteFunctions, node: workflowNode, oauth: storedTokens(node) };
}

/**
 * n8n-core's real LoadOptionsContext for the Dotloop node, as the editor asks a picker or a
 * load-options method: `parameters` are the node's current parameters in the form.
 */
export async function createLoadOptionsContext(
	parameters: IDataObject,
	options: Partial<RunOptions> = {},
): Promise<ILoadOptionsFunctions> {
	await startEngine();
	storeCredential({ params: {}, ...options });
	const node = dotloopNode({ params: parameters, ...options }, 1);
	const workflow = new Workflow({
		id: 'test',
		nodes: [node],
		connections: {},
		nodeTypes: createNodeTypes(),
		active: false,
	});
	const additionalData = createAdditionalData({
		credentialsHelper,
		currentNodeParameters: parameters as INodeParameters,
	});
	return new LoadOptionsContext(
		workflow,
		workflow.getNode(node.name)!,
		additionalData,
		'parameters',
	);
}
