import { NodeApiError } from 'n8n-workflow';
import type { IExecuteFunctions, IHttpRequestOptions } from 'n8n-workflow';

/**
 * Shim for n8n 1.x, which cannot run in the unit tier: its NodeApiError kept no `cause` (neither the
 * HTTP client's error nor its response headers). Applied to a real n8n-core 2.x context, it drops
 * the cause of what httpRequestWithAuthentication throws; the e2e tier runs n8n 1.x itself.
 */
export function withN8nV1Errors(context: IExecuteFunctions) {
	const send = context.helpers.httpRequestWithAuthentication;
	context.helpers.httpRequestWithAuthentication = async function (
		this: IExecuteFunctions,
		credentialType: string,
		request: IHttpRequestOptions,
	) {
		return await send.call(this, credentialType, request).catch(async (error: Error) => {
			if (error instanceof NodeApiError)
				Object.defineProperty(error, 'cause', { value: undefined });
			return await Promise.reject(error);
		});
	};
}
