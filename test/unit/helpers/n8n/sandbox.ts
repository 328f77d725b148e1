import type { IDataObject, INodeCredentials } from 'n8n-workflow';

import { n8nHttpRequest, startSandbox, type Sandbox } from '../io';
import {
	currentCredential,
	runDotloop,
	storeCredential,
	useNewCredential,
	type RunOptions,
} from './action';
import { CREDENTIAL_TYPE } from './credentials';

export interface SandboxRun {
	/** The running sandbox (set once the suite's beforeAll has run). */
	sandbox(): Sandbox;
	/** The access token stored last (it changes when n8n-core refreshes it). */
	accessToken(): string;
	/** A call to the sandbox's admin API (`/_sandbox/...`). */
	admin(
		method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
		path: string,
		body?: IDataObject,
	): Promise<IDataObject>;
	/** The node run in n8n-core with the sandbox's credential; keeps the token n8n-core refreshed to. */
	run(params: IDataObject, extra?: Partial<RunOptions>): ReturnType<typeof runDotloop>;
	/** Stores the sandbox's connected credential for this test; answers a node's reference to it. */
	connect(): INodeCredentials;
	/** The sequence number of the last request the sandbox logged. */
	lastSeq(): Promise<number>;
	/** The sandbox's log entries of every API request (under /public/v2) since `seq`, in order. */
	apiRequestsSince(seq: number): Promise<IDataObject[]>;
}

/**
 * Starts the local Dotloop sandbox (test/sandbox) for the calling test file with a connected
 * credential, and stops it after the file; each test gets a new credential and short backoffs.
 */
export function useSandbox(): SandboxRun {
	let sandbox: Sandbox | undefined;
	let accessToken = '';
	let refreshToken = '';

	const started = (): Sandbox => {
		if (!sandbox) throw new Error('The sandbox is not started yet: use it inside a test or hook');
		return sandbox;
	};

	const admin: SandboxRun['admin'] = async (method, path, body) =>
		await n8nHttpRequest({ method, url: `${started().url}/_sandbox${path}`, body, json: true });

	beforeAll(async () => {
		sandbox = await startSandbox({ port: 0, quiet: true });
		const tokens = await admin('POST', '/tokens');
		accessToken = String(tokens.access_token);
		refreshToken = String(tokens.refresh_token);
	});

	afterAll(async () => {
		await sandbox?.stop();
	});

	beforeEach(() => {
		useNewCredential();
	});

	return {
		sandbox: started,
		accessToken: () => accessToken,
		admin,
		async run(params, extra = {}) {
			const { url, apiBaseUrl, clientId, clientSecret } = started();
			const result = await runDotloop({
				params,
				apiBaseUrl,
				tokenUrl: `${url}/oauth/token`,
				client: { id: clientId, secret: clientSecret },
				oauth: { accessToken, refreshToken },
				...extra,
			});
			accessToken = result.oauth.accessToken;
			refreshToken = result.oauth.refreshToken;
			return result;
		},
		connect() {
			const { url, apiBaseUrl, clientId, clientSecret } = started();
			storeCredential({
				params: {},
				apiBaseUrl,
				tokenUrl: `${url}/oauth/token`,
				client: { id: clientId, secret: clientSecret },
				oauth: { accessToken, refreshToken },
			});
			return { [CREDENTIAL_TYPE]: currentCredential() };
		},
		async lastSeq() {
			return Number((await admin('GET', '/requests')).lastSeq);
		},
		async apiRequestsSince(seq) {
			const log = (await admin('GET', `/requests?since=${seq}`)) as { data: IDataObject[] };
			return log.data.filter((entry) => String(entry.path).startsWith('/public/v2'));
		},
	};
}
