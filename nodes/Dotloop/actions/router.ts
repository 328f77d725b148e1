import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, JsonObject } from 'n8n-workflow';

import { DOTLOOP_API_BASE_URL } from '../../../credentials/DotloopOAuth2Api.credentials';
import { newExecutionScope } from './execution';
import { resources } from './resources';

/**
 * The value of "Custom API Call", which n8n adds to the Resource and Operation lists of every node
 * whose credential is OAuth2; n8n runs the node with it like any other value.
 */
export const CUSTOM_API_CALL = '__CUSTOM_API_CALL__';

const CUSTOM_API_CALL_MESSAGE = `"Custom API Call" is not an operation of the Dotloop node: use the HTTP Request node with Authentication "Predefined Credential Type", Credential Type "Dotloop OAuth2 API" and the full URL, e.g. ${DOTLOOP_API_BASE_URL}/account`;

const CUSTOM_API_CALL_DESCRIPTION = `Every Dotloop API address starts with ${DOTLOOP_API_BASE_URL}. HTTP Request sends the credential's token and refreshes it; it does not pace requests to Dotloop's rate limit, page through lists or report merged loops, which this node does.`;

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
			// With Resource "Custom API Call" there is no Operation parameter to read.
			const operation =
				resource === CUSTOM_API_CALL
					? CUSTOM_API_CALL
					: (this.getNodeParameter('operation', itemIndex) as string);
			if (operation === CUSTOM_API_CALL) {
				throw new NodeOperationError(this.getNode(), CUSTOM_API_CALL_MESSAGE, {
					itemIndex,
					description: CUSTOM_API_CALL_DESCRIPTION,
				});
			}
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
