import type {
	IBinaryData,
	IDataObject,
	IExecuteFunctions,
	INode,
	INodeExecutionData,
	INodeParameters,
} from 'n8n-workflow';

import { Dotloop } from '../../../../nodes/Dotloop/Dotloop.node';
import { CREDENTIAL_TYPE, DotloopCredentialsHelper, type TokenUpdate } from './credentials';
import { binaryDataService, clearLog, fileSizeInWords, logged, startEngine } from './engine';
import { createNodeTypes, NODE_TYPE } from './nodeTypes';
import { withN8nV1Errors } from './v1Errors';
import { executeWorkflow } from './workflow';

export const API = 'https://api.test.dotloop.local/public/v2';
export const TOKEN_URL = 'https://auth.test.dotloop.local/oauth/token';

export interface RunOptions {
	/** Parameters for every item, or per item (sent to n8n as expressions on `$itemIndex`). */
	params: IDataObject | ((itemIndex: number) => IDataObject);
	items?: INodeExecutionData[];
	continueOnFail?: boolean;
	apiBaseUrl?: string;
	timezone?: string;
	/** The connected credential's tokens (default access-1 / refresh-1). */
	oauth?: { accessToken?: string; refreshToken?: string };
	/** The credential's Access Token URL and client (default: the fake auth host nock intercepts). */
	tokenUrl?: string;
	client?: { id: string; secret: string };
	/** The credential as stored, replacing the connected one (e.g. never connected: no token). */
	credential?: IDataObject;
	/** n8n 1.x's error shape (no `cause`), see v1Errors.ts. */
	n8nV1Errors?: boolean;
	/** Files put in n8n's binary data store first; an input binary with that `id` is given the stored one. */
	binaryStore?: Record<string, Buffer>;
}

/** The one store of credentials of this test file, as n8n's database would hold them. */
export const credentialsHelper = new DotloopCredentialsHelper();
let credentialNumber = 1;
let credentialId = 'cred-1';

/**
 * The rate-limit window and token freshness are kept per credential id for the whole process, as in
 * n8n (and so is n8n-core's in-flight refresh): a test on a new credential id starts with none.
 */
export function useNewCredential() {
	credentialNumber++;
	credentialId = `cred-${credentialNumber}`;
}

/** The credential the Dotloop nodes of this test use (n8n's reference: id and name). */
export function currentCredential() {
	return { id: credentialId, name: 'Dotloop account' };
}

export function storeCredential(options: RunOptions) {
	credentialsHelper.set(
		credentialId,
		(options.credential as never) ?? {
			clientId: options.client?.id ?? 'client-id',
			clientSecret: options.client?.secret ?? 'client-secret',
			accessTokenUrl: options.tokenUrl ?? TOKEN_URL,
			apiBaseUrl: options.apiBaseUrl ?? API,
			oauthTokenData: {
				access_token: options.oauth?.accessToken ?? 'access-1',
				refresh_token: options.oauth?.refreshToken ?? 'refresh-1',
				token_type: 'Bearer',
			},
		},
	);
}

const isPlainObject = (value: unknown): value is IDataObject =>
	value !== null && typeof value === 'object' && !Array.isArray(value);

const literal = (value: unknown) => (value === undefined ? 'undefined' : JSON.stringify(value));

/**
 * One set of node parameters for all items: a value that differs between items becomes the
 * expression n8n evaluates per item, `={{ [v0, v1, …][$itemIndex] }}`.
 */
function parametersFor(perItem: IDataObject[]): INodeParameters {
	const merge = (values: unknown[]): unknown => {
		if (values.every(isPlainObject)) {
			const keys = new Set(values.flatMap((value) => Object.keys(value as IDataObject)));
			return Object.fromEntries(
				[...keys].map((key) => [key, merge(values.map((value) => (value as IDataObject)[key]))]),
			);
		}
		const first = JSON.stringify(values[0]);
		if (values.every((value) => JSON.stringify(value) === first)) return values[0];
		return `={{ [${values.map(literal).join(', ')}][$itemIndex] }}`;
	};
	return merge(perItem) as INodeParameters;
}

export function dotloopNode(options: RunOptions, itemCount: number): INode {
	const perItem =
		typeof options.params === 'function'
			? Array.from({ length: itemCount }, (_, i) =>
					(options.params as (i: number) => IDataObject)(i),
				)
			: [options.params];
	return {
		id: 'node-1',
		name: 'Dotloop',
		type: NODE_TYPE.action,
		typeVersion: 1,
		position: [0, 0],
		parameters: parametersFor(perItem),
		credentials: { [CREDENTIAL_TYPE]: { id: credentialId, name: 'Dotloop account' } },
		...(options.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
	};
}

/** Puts the given files in n8n's binary data store and points the items' binaries at them. */
export async function withStoredBinaries(options: RunOptions, items: INodeExecutionData[]) {
	if (!options.binaryStore) return items;
	const stored = new Map<string, string>();
	for (const [id, file] of Object.entries(options.binaryStore)) {
		const binary = await binaryDataService().store(
			{ type: 'execution', workflowId: 'test', executionId: '1' },
			file,
			{ data: '', mimeType: 'application/octet-stream' } as IBinaryData,
		);
		stored.set(id, binary.id!);
	}
	return items.map((item) => ({
		...item,
		binary:
			item.binary &&
			Object.fromEntries(
				Object.entries(item.binary).map(([key, binary]) => [
					key,
					binary.id && stored.has(binary.id) ? { ...binary, id: stored.get(binary.id) } : binary,
				]),
			),
	}));
}

/** The content of every output binary, read back from n8n's binary data store, per item. */
async function readFiles(output: INodeExecutionData[]) {
	return await Promise.all(
		output.map(async (item) => {
			const files: Record<string, Buffer> = {};
			for (const [key, binary] of Object.entries(item.binary ?? {})) {
				files[key] = await binaryDataService().getAsBuffer(binary);
			}
			return files;
		}),
	);
}

/** An output binary as n8n stores a file of this content (filesystem mode); the bytes are in `files`. */
export function storedBinary(
	content: Buffer,
	fields: Pick<IBinaryData, 'fileName' | 'mimeType' | 'fileExtension' | 'fileType'>,
) {
	return {
		id: expect.stringMatching(/^filesystem-v2:workflows\/test\/executions\/1\/binary_data\//),
		data: 'filesystem-v2',
		bytes: content.length,
		fileSize: fileSizeInWords(content.length),
		...fields,
	};
}

/** What a run left in the credential store and the log. */
function afterRun(updatesBefore: number) {
	const tokenUpdates: TokenUpdate[] = credentialsHelper.tokenUpdates
		.slice(updatesBefore)
		.filter((update) => update.credentialId === credentialId);
	const stored = credentialsHelper.get(credentialId).oauthTokenData as IDataObject | undefined;
	return {
		tokenUpdates,
		oauth: {
			accessToken: String(stored?.access_token),
			refreshToken: String(stored?.refresh_token),
			refreshCount: tokenUpdates.length,
		},
		warnings: [...logged.warn, ...logged.error],
	};
}

/**
 * Runs the Dotloop node in n8n-core's WorkflowExecute, as the only node of a manual execution that
 * receives `items`: parameters completed with their defaults by n8n, OAuth2 through n8n-core's
 * requestOAuth2 on the stored credential, binaries in n8n's store. Answers the node's output, or
 * throws the error the node threw (n8n records a copy of it in the run).
 */
export async function runDotloop(options: RunOptions) {
	await startEngine();
	storeCredential(options);
	clearLog();
	const updatesBefore = credentialsHelper.tokenUpdates.length;
	const inputItems = options.items ?? [{ json: {} }];
	const items = await withStoredBinaries(options, inputItems);

	const node = new Dotloop();
	const thrown: unknown[] = [];
	const execute = node.execute;
	node.execute = async function (this: IExecuteFunctions) {
		if (options.n8nV1Errors) withN8nV1Errors(this);
		// Kept as thrown: n8n records only a copy (own fields, no class, no cause) in the run.
		return await execute.call(this).catch(async (error: Error) => {
			thrown.push(error);
			return await Promise.reject(error);
		});
	};
	const service = binaryDataService();
	const binaryReads = { streamsOpened: 0, buffers: 0 };
	const getAsStream = jest.spyOn(service, 'getAsStream');
	const getAsBuffer = jest.spyOn(service, 'getAsBuffer');
	try {
		const run = await executeWorkflow({
			nodes: [dotloopNode(options, items.length)],
			nodeTypes: createNodeTypes({ [NODE_TYPE.action]: node }),
			credentialsHelper,
			input: items,
			settings: options.timezone ? { timezone: options.timezone } : undefined,
		});
		binaryReads.streamsOpened = getAsStream.mock.calls.length;
		binaryReads.buffers = getAsBuffer.mock.calls.length;
		if (thrown.length) throw thrown[0];
		const task = run.data.resultData.runData.Dotloop?.[0];
		if (task?.error) throw task.error;
		const output = task?.data?.main?.[0] ?? [];
		const files = await readFiles(output);
		return { output, files, run, binaryReads, ...afterRun(updatesBefore) };
	} finally {
		getAsStream.mockRestore();
		getAsBuffer.mockRestore();
	}
}

/**
 * A value as an n8n expression gives it. n8n checks a literal parameter against the node's
 * description before the run (the node "has issues"); a value from an expression reaches the node,
 * whose own check then speaks.
 */
export const expression = (value: unknown) => `={{ ${JSON.stringify(value)} }}`;
