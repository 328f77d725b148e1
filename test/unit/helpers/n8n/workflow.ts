import { WorkflowExecute } from 'n8n-core';
import { Workflow } from 'n8n-workflow';
import type {
	IConnections,
	INode,
	INodeExecutionData,
	INodeTypes,
	IRun,
	IPinData,
	IRunExecutionData,
	IWorkflowBase,
	IWorkflowSettings,
	WorkflowExecuteMode,
} from 'n8n-workflow';

import { createAdditionalData } from './additionalData';
import type { DotloopCredentialsHelper } from './credentials';
import { startEngine } from './engine';

export interface WorkflowRunOptions {
	nodes: INode[];
	connections?: IConnections;
	nodeTypes: INodeTypes;
	credentialsHelper: DotloopCredentialsHelper;
	/** The node the execution starts at (default: the first) and the items it receives. */
	startNode?: string;
	input?: INodeExecutionData[];
	settings?: IWorkflowSettings;
	mode?: WorkflowExecuteMode;
	/** Nodes whose output is given: the engine uses it instead of running them. */
	pinData?: IPinData;
}

/**
 * Runs a workflow the way n8n runs a manual execution: n8n-workflow's Workflow (which fills in
 * every parameter's default) executed by n8n-core's WorkflowExecute from the start node, with the
 * start node's input on its execution stack; answers the finished run.
 */
export async function executeWorkflow(options: WorkflowRunOptions): Promise<IRun> {
	await startEngine();
	const mode = options.mode ?? 'manual';
	const workflow = new Workflow({
		id: 'test',
		nodes: options.nodes,
		connections: options.connections ?? {},
		nodeTypes: options.nodeTypes,
		settings: options.settings,
		active: false,
	});
	const workflowData = {
		id: 'test',
		name: 'test',
		nodes: options.nodes,
		connections: options.connections ?? {},
		active: false,
		settings: options.settings,
	} as unknown as IWorkflowBase;
	const additionalData = createAdditionalData({
		credentialsHelper: options.credentialsHelper,
		mode,
		workflowData,
	});
	let finished: IRun | undefined;
	additionalData.hooks!.addHandler('workflowExecuteAfter', (run) => {
		finished = run;
	});

	const startNode = options.startNode
		? workflow.getNode(options.startNode)
		: workflow.getNode(options.nodes[0].name);
	const runExecutionData = {
		resultData: { runData: {}, pinData: options.pinData },
		executionData: {
			metadata: {},
			contextData: {},
			waitingExecution: {},
			waitingExecutionSource: null,
			nodeExecutionStack: [
				{ node: startNode!, data: { main: [options.input ?? [{ json: {} }]] }, source: null },
			],
		},
	} as unknown as IRunExecutionData;
	await new WorkflowExecute(additionalData, mode, runExecutionData).processRunExecutionData(
		workflow,
	);
	if (!finished) throw new Error('The execution ended without its workflowExecuteAfter hook');
	return finished;
}
