import type {
	IConnections,
	IDataObject,
	INode,
	INodeCredentials,
	INodeExecutionData,
	INodeType,
	IRun,
	IWorkflowBase,
} from 'n8n-workflow';

import { readRepoFile } from '../io';
import { credentialsHelper } from './action';
import { createNodeTypes } from './nodeTypes';
import { executeWorkflow } from './workflow';

const DOTLOOP = 'n8n-nodes-dotloop.';

/**
 * A node type of n8n-nodes-base (not installed in the unit tier) that only gives the node a place in
 * the workflow: it runs only with pinned data, which the engine uses instead of running it.
 */
function notInstalled(type: string, node: INode): INodeType {
	return {
		description: {
			displayName: node.name,
			name: type,
			group: ['transform'],
			version: node.typeVersion,
			description: `${type} (not installed in the unit tier)`,
			defaults: { name: node.name },
			inputs: ['main'],
			outputs: ['main'],
			properties: [],
		},
		async execute() {
			throw new Error(`${type} is not installed in the unit tier: pin its output`);
		},
	};
}

export interface ExampleRun {
	/** The nodes before the Dotloop part (triggers, n8n-nodes-base) and the items each outputs. */
	pinned: Record<string, INodeExecutionData[]>;
	/** The node the execution starts at (a pinned trigger). */
	start: string;
	/** Nodes after the Dotloop part, left out: they need n8n-nodes-base to run. */
	leaveOut: string[];
	credentials: INodeCredentials;
}

/**
 * Runs an example workflow of test/examples as written, through n8n-core's WorkflowExecute: its
 * Dotloop nodes with their parameters and expressions unchanged, the nodes before them pinned (n8n
 * uses pinned data instead of running a node), the nodes after them left out.
 */
export async function runExample(slug: string, options: ExampleRun): Promise<IRun> {
	const workflow = JSON.parse(readRepoFile(`test/examples/${slug}.json`)) as IWorkflowBase;
	const nodes = workflow.nodes
		.filter((node) => !node.type.endsWith('.stickyNote') && !options.leaveOut.includes(node.name))
		.map((node) =>
			node.type.startsWith(DOTLOOP) ? { ...node, credentials: options.credentials } : node,
		);
	const connections: IConnections = Object.fromEntries(
		Object.entries(workflow.connections)
			.filter(([from]) => nodes.some((node) => node.name === from))
			.map(([from, outputs]) => [
				from,
				{
					main: (outputs.main ?? []).map((targets) =>
						(targets ?? []).filter((target) => !options.leaveOut.includes(target.node)),
					),
				},
			]),
	);
	const standIns = Object.fromEntries(
		nodes
			.filter((node) => !node.type.startsWith(DOTLOOP))
			.map((node) => [node.type, notInstalled(node.type, node)]),
	);
	return await executeWorkflow({
		nodes,
		connections,
		nodeTypes: createNodeTypes(standIns),
		credentialsHelper,
		startNode: options.start,
		input: options.pinned[options.start],
		pinData: options.pinned,
	});
}

/** The items a node output in the run (its first run, main output). */
export function outputOf(run: IRun, node: string): IDataObject[] {
	const task = run.data.resultData.runData[node]?.[0];
	if (task?.error) throw new Error(`${node} failed: ${task.error.message}`);
	return (task?.data?.main?.[0] ?? []).map((item) => item.json);
}
