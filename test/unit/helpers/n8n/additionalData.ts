import { ExecutionLifecycleHooks } from 'n8n-core';
import type {
	INodeParameters,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';

import type { DotloopCredentialsHelper } from './credentials';

export interface AdditionalDataOptions {
	credentialsHelper: DotloopCredentialsHelper;
	mode?: WorkflowExecuteMode;
	workflowData?: IWorkflowBase;
	/** The node's parameters as the editor holds them (what load-options methods read). */
	currentNodeParameters?: INodeParameters;
	executionId?: string;
}

const unavailable = (what: string) => () => {
	throw new Error(`${what} is not available in the unit tests`);
};

/**
 * What n8n's server hands the engine for one execution (IWorkflowExecuteAdditionalData): the
 * credentials, the lifecycle hooks and the instance's URLs. Sub-workflows, task runners and AI
 * logging are not part of this package's nodes and fail loudly if reached.
 */
export function createAdditionalData(
	options: AdditionalDataOptions,
): IWorkflowExecuteAdditionalData {
	const executionId = options.executionId ?? '1';
	const workflowData =
		options.workflowData ??
		({
			id: 'test',
			name: 'test',
			nodes: [],
			connections: {},
			active: false,
		} as unknown as IWorkflowBase);
	const base = 'http://localhost:5678/';
	return {
		credentialsHelper: options.credentialsHelper,
		hooks: new ExecutionLifecycleHooks(options.mode ?? 'manual', executionId, workflowData),
		executionId,
		currentNodeExecutionIndex: 0,
		currentNodeParameters: options.currentNodeParameters,
		restApiUrl: `${base}rest`,
		instanceBaseUrl: base,
		formBaseUrl: `${base}form`,
		formWaitingBaseUrl: `${base}form-waiting`,
		formTestBaseUrl: `${base}form-test`,
		webhookBaseUrl: `${base}webhook`,
		webhookWaitingBaseUrl: `${base}webhook-waiting`,
		webhookTestBaseUrl: `${base}webhook-test`,
		mcpBaseUrl: `${base}mcp`,
		mcpTestBaseUrl: `${base}mcp-test`,
		variables: {},
		executeWorkflow: unavailable('executeWorkflow'),
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		logAiEvent: unavailable('logAiEvent'),
		startRunnerTask: unavailable('startRunnerTask'),
	} as unknown as IWorkflowExecuteAdditionalData;
}
