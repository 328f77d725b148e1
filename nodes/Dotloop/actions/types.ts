import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { sortedOptions } from '../descriptions/options';
import type { ExecutionScope } from './execution';

/** One Dotloop operation: its parameters and what it does for one input item of an execution. */
export interface DotloopOperation {
	/** Its parameters; dotloopResource() shows them only under its resource and operation. */
	properties: INodeProperties[];
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

/** One operation's entry in the Operation dropdown. */
interface OperationLabel {
	name: string;
	description: string;
	action: string;
}

/**
 * A resource of the node: its Operation dropdown and, below it, every operation's parameters. The
 * dropdown's entries are keyed like the handlers, so an entry without a handler, or a handler without
 * an entry, does not compile.
 */
export function dotloopResource<K extends string>(
	resource: string,
	operations: Record<K, DotloopOperation>,
	labels: Record<NoInfer<K>, OperationLabel>,
	defaultOperation: NoInfer<K>,
): DotloopResource {
	const entries = Object.entries<OperationLabel>(labels);
	return {
		operations,
		description: [
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				displayOptions: { show: { resource: [resource] } },
				options: sortedOptions(entries.map(([value, label]) => ({ ...label, value }))),
				default: defaultOperation,
			},
			...Object.entries<DotloopOperation>(operations).flatMap(([operation, { properties }]) =>
				updateDisplayOptions(
					{ show: { resource: [resource], operation: [operation] } },
					properties,
				),
			),
		],
	};
}
