import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { ExecutionScope } from './execution';

/** One Dotloop operation: its parameters and what it does for one input item of an execution. */
interface DotloopOperation {
	description: INodeProperties[];
	/**
	 * What an AI agent is told the operation does when the node runs as a tool: what it does, whether
	 * it changes data, and what it costs in requests.
	 */
	toolDescription: string;
	execute(
		this: IExecuteFunctions,
		itemIndex: number,
		scope: ExecutionScope,
	): Promise<INodeExecutionData[]>;
}

export interface DotloopResource {
	description: INodeProperties[];
	operations: Record<string, DotloopOperation>;
}
