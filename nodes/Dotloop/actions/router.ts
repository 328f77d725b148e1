import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, JsonObject } from 'n8n-workflow';

import { newExecutionScope } from './execution';
import { resources } from './resources';

/**
 * The item loop: each input item picks its own resource and operation, its output items are paired
 * to it, and with "Continue On Fail" a failing item yields an error item while the rest go on. The
 * items run one after another and share one ExecutionScope.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const returnData: INodeExecutionData[] = [];
	const scope = newExecutionScope();

	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const resource = this.getNodeParameter('resource', itemIndex) as string;
			const operation = this.getNodeParameter('operation', itemIndex) as string;
			const handler = resources[resource]?.operations[operation];
			if (!handler) {
				throw new NodeOperationError(
					this.getNode(),
					`The operation "${operation}" is not supported for resource "${resource}"`,
					{ itemIndex },
				);
			}
			const output = await handler.execute.call(this, itemIndex, scope);
			returnData.push(
				...this.helpers.constructExecutionMetaData(output, { itemData: { item: itemIndex } }),
			);
		} catch (error) {
			if (this.continueOnFail()) {
				const json: Record<string, string | null> = { error: error.message };
				if (error instanceof NodeApiError) json.httpCode = error.httpCode;
				if (error.description) json.description = error.description;
				returnData.push({ json, pairedItem: { item: itemIndex } });
				continue;
			}
			// n8n's error constructors hand back an error of their own kind unchanged and ignore the
			// options, so the item index is set on it directly; the constructor is only the rethrow.
			if (error instanceof NodeApiError) {
				error.context.itemIndex = itemIndex;
				throw new NodeApiError(this.getNode(), error as unknown as JsonObject, { itemIndex });
			}
			if (error instanceof NodeOperationError) error.context.itemIndex = itemIndex;
			throw new NodeOperationError(this.getNode(), error, { itemIndex });
		}
	}
	return [returnData];
}
