import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { ExecutionScope } from './execution';

/** One Dotloop operation: its parameters and what it does for one input item of an execution. */
interface DotloopOperation {
	description: INodeProperties[];
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
