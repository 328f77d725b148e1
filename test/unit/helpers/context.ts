import { constructExecutionMetaData, returnJsonArray } from 'n8n-core';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type {
	IBinaryData,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	INode,
	INodeExecutionData,
	INodeProperties,
	JsonObject,
} from 'n8n-workflow';

import { Dotloop } from '../../../nodes/Dotloop/Dotloop.node';
import { isReadableStream, n8nHttpRequest, readableFrom, streamToBuffer } from './io';

export const API = 'https://api.test.dotloop.local/public/v2';
export const TOKEN_URL = 'https://auth.test.dotloop.local/oauth/token';

export interface OAuthState {
	accessToken: string;
	refreshToken: string;
	refreshCount: number;
}

export interface ContextOptions {
	/** Parameters for every item, or per item. */
	params: IDataObject | ((itemIndex: number) => IDataObject);
	items?: INodeExecutionData[];
	continueOnFail?: boolean;
	apiBaseUrl?: string;
	timezone?: string;
	oauth?: Partial<OAuthState>;
	/** Token endpoint and client for refreshes (default: the fake auth host nock intercepts). */
	tokenUrl?: string;
	client?: { id: string; secret: string };
	/** Throw errors as n8n 1.x does: its NodeApiError loses the HTTP error (and so the headers). */
	n8nV1Errors?: boolean;
	nodeType?: string;
	/** What n8n's request helper throws before any request (e.g. a credential to reconnect). */
	n8nFailure?: (node: INode) => Error;
	/** Files in n8n's binary data store (filesystem mode), by binary id. */
	binaryStore?: Record<string, Buffer>;
}

const dotloopProperties = new Dotloop().description.properties;

function locatorRegex(name: string, mode: string): string | undefined {
	const property = dotloopProperties.find(
		(p: INodeProperties) => p.name === name && p.type === 'resourceLocator',
	);
	const extract = property?.modes?.find((m) => m.name === mode)?.extractValue;
	return extract?.type === 'regex' ? String(extract.regex) : undefined;
}

const httpRequest = n8nHttpRequest;

function pick(source: IDataObject, path: string): unknown {
	return path
		.split('.')
		.reduce<unknown>((value, key) => (value as IDataObject | undefined)?.[key], source);
}

export const testNode: INode = {
	id: 'node-1',
	name: 'Dotloop',
	type: 'n8n-nodes-dotloop.dotloop',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
	credentials: { dotloopOAuth2Api: { id: 'cred-1', name: 'Dotloop account' } },
};

let credentialNumber = 1;

/**
 * The rate-limit window and token freshness are kept per credential id for the whole process, as in
 * n8n: a test that starts on a new credential id starts with neither.
 */
export function useNewCredential() {
	credentialNumber++;
}

/**
 * An IExecuteFunctions whose HTTP goes through n8n's real request layer (@n8n/backend-network), signed
 * the way n8n-core's requestOAuth2 does: Bearer token, one refresh (form body, Basic client auth) on a
 * 401, then one retry; failures wrapped in NodeApiError like httpRequestWithAuthentication.
 */
export function createExecuteContext(options: ContextOptions) {
	const items: INodeExecutionData[] = options.items ?? [{ json: {} }];
	const oauth: OAuthState = {
		accessToken: 'access-1',
		refreshToken: 'refresh-1',
		refreshCount: 0,
		...options.oauth,
	};
	const node: INode = {
		...testNode,
		type: options.nodeType ?? testNode.type,
		credentials: { dotloopOAuth2Api: { id: `cred-${credentialNumber}`, name: 'Dotloop account' } },
	};
	const paramsFor = (i: number) =>
		typeof options.params === 'function' ? options.params(i) : options.params;
	const warnings: string[] = [];
	/** What the node read from the binary store: every stream it opened, and whole buffers. */
	const binaryReads = { streamsOpened: 0, buffers: 0 };

	const apiError = (error: Error) => {
		const wrapped = new NodeApiError(node, error as unknown as JsonObject);
		if (options.n8nV1Errors) Object.defineProperty(wrapped, 'cause', { value: undefined });
		return wrapped;
	};
	const send = async (request: IHttpRequestOptions, token: string) =>
		await httpRequest({
			...request,
			headers: { ...(request.headers ?? {}), Authorization: `Bearer ${token}` },
		});

	const storedFile = (id: string) => {
		const file = options.binaryStore?.[id];
		if (!file) throw new Error(`no binary data with id ${id}`);
		return file;
	};

	const context = {
		getInputData: () => items,
		getNode: () => node,
		continueOnFail: () => options.continueOnFail ?? false,
		getTimezone: () => options.timezone ?? 'UTC',
		getCredentials: async () => ({
			apiBaseUrl: options.apiBaseUrl ?? API,
			clientId: 'client-id',
			clientSecret: 'client-secret',
			accessTokenUrl: TOKEN_URL,
		}),
		getNodeParameter(
			name: string,
			itemIndex: number,
			fallback?: unknown,
			opts?: { extractValue?: boolean },
		) {
			let value = pick(paramsFor(itemIndex), name);
			if (value === undefined) value = fallback;
			if (value === undefined) throw new Error(`Could not get parameter "${name}"`);
			if (opts?.extractValue && value && typeof value === 'object' && '__rl' in value) {
				const locator = value as unknown as { mode: string; value: unknown };
				const regex = locatorRegex(name, locator.mode);
				if (regex) {
					const match = new RegExp(regex).exec(String(locator.value));
					if (!match) {
						throw new NodeOperationError(node, `ERROR: ${name} value is not a valid URL`, {
							itemIndex,
						});
					}
					return match[1];
				}
				return locator.value;
			}
			return value;
		},
		logger: {
			warn: (message: string) => warnings.push(message),
			debug: () => undefined,
			info: () => undefined,
			error: (message: string) => warnings.push(message),
		},
		helpers: {
			returnJsonArray,
			constructExecutionMetaData,
			async httpRequestWithAuthentication(_credentialName: string, request: IHttpRequestOptions) {
				if (options.n8nFailure) throw options.n8nFailure(node);
				try {
					return await send({ ...request }, oauth.accessToken);
				} catch (error) {
					if (error.response?.status !== 401) throw apiError(error);
					const refreshed = (await httpRequest({
						method: 'POST',
						url: options.tokenUrl ?? TOKEN_URL,
						body: `grant_type=refresh_token&refresh_token=${encodeURIComponent(oauth.refreshToken)}`,
						headers: {
							'Content-Type': 'application/x-www-form-urlencoded',
							Authorization: `Basic ${Buffer.from(`${options.client?.id ?? 'client-id'}:${options.client?.secret ?? 'client-secret'}`).toString('base64')}`,
						},
						json: true,
					})) as IDataObject;
					oauth.accessToken = String(refreshed.access_token);
					oauth.refreshCount++;
					try {
						return await send({ ...request }, oauth.accessToken);
					} catch (retryError) {
						throw apiError(retryError);
					}
				}
			},
			assertBinaryData(itemIndex: number, property: string): IBinaryData {
				const binary = items[itemIndex]?.binary?.[property];
				if (!binary) {
					throw new NodeOperationError(
						node,
						`This operation expects the node's input data to contain a binary file '${property}', but none was found [item ${itemIndex}]`,
						{ itemIndex },
					);
				}
				return binary;
			},
			async getBinaryDataBuffer(itemIndex: number, property: string): Promise<Buffer> {
				binaryReads.buffers++;
				const binary = items[itemIndex].binary![property];
				if (binary.id) return storedFile(binary.id);
				return Buffer.from(binary.data, 'base64');
			},
			async getBinaryStream(id: string) {
				const file = storedFile(id);
				binaryReads.streamsOpened++;
				// In 64 KiB chunks, as n8n's file system store reads.
				const chunks: Buffer[] = [];
				for (let at = 0; at < file.length; at += 65_536)
					chunks.push(file.subarray(at, at + 65_536));
				return readableFrom(chunks);
			},
			async getBinaryMetadata(id: string) {
				return { fileSize: storedFile(id).length };
			},
			async prepareBinaryData(
				data: Buffer | AsyncIterable<Uint8Array>,
				fileName?: string,
				mimeType?: string,
			): Promise<IBinaryData> {
				const buffer = isReadableStream(data) ? await streamToBuffer(data) : (data as Buffer);
				return {
					data: buffer.toString('base64'),
					fileName,
					mimeType: mimeType ?? 'application/octet-stream',
					fileSize: String(buffer.length),
					fileExtension: fileName?.split('.').pop(),
				};
			},
		},
	};
	return { context: context as unknown as IExecuteFunctions, oauth, warnings, node, binaryReads };
}

/** Runs the Dotloop node's execute() for the given parameters and items. */
export async function runDotloop(options: ContextOptions) {
	const { context, oauth, warnings, binaryReads } = createExecuteContext(options);
	const output = await new Dotloop().execute.call(context);
	return { output: output[0], oauth, warnings, binaryReads };
}
