import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

/** One Dotloop operation: its parameters and what it does for one input item. */
interface DotloopOperation {
	description: INodeProperties[];
	execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]>;
}

export interface DotloopResource {
	description: INodeProperties[];
	operations: Record<string, DotloopOperation>;
}
