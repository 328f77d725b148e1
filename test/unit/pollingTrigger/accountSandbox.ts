import type { IDataObject } from 'n8n-workflow';

import { n8nHttpRequest, startSandbox, type Sandbox } from '../helpers/io';
import { useNewCredential } from '../helpers/n8n/action';
import { pollingTrigger } from '../helpers/n8n/poll';

type TriggerOptions = Partial<Parameters<typeof pollingTrigger>[0]>;

/**
 * The sandbox for a Polling Trigger test file that reads whole accounts: a limit high enough that no
 * poll waits for the rate limit, the seed account back and no faults before each test, a connected
 * credential (reconnect() after a test expired its tokens), and the admin calls the tests use.
 */
export function useAccountSandbox() {
	let sandbox: Sandbox | undefined;
	const tokens = { accessToken: '', refreshToken: '' };

	const started = (): Sandbox => {
		if (!sandbox) throw new Error('The sandbox is not started yet: use it inside a test or hook');
		return sandbox;
	};
	const admin = async (
		method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
		path: string,
		body?: IDataObject,
	) =>
		(await n8nHttpRequest({
			method,
			url: `${started().url}/_sandbox${path}`,
			body,
			json: true,
		})) as IDataObject;
	const reconnect = async () => {
		const issued = await admin('POST', '/tokens');
		tokens.accessToken = String(issued.access_token);
		tokens.refreshToken = String(issued.refresh_token);
	};

	beforeAll(async () => {
		sandbox = await startSandbox({ port: 0, quiet: true, rateLimit: 100000 });
		await reconnect();
	});
	afterAll(async () => {
		await sandbox?.stop();
	});
	beforeEach(async () => {
		await admin('POST', '/reset', {});
		await admin('DELETE', '/faults');
		useNewCredential();
	});

	return {
		sandbox: started,
		tokens,
		admin,
		reconnect,
		async simulate(body: IDataObject) {
			return (await admin('POST', '/simulate', body)).data as IDataObject;
		},
		async lastSeq() {
			return Number((await admin('GET', '/requests')).lastSeq);
		},
		/** The API requests the sandbox logged since `seq`: method, path, query and body. */
		async requestsSince(seq: number) {
			const log = (await admin('GET', `/requests?since=${seq}`)).data as IDataObject[];
			return log
				.filter((entry) => String(entry.path).startsWith('/public/v2'))
				.map((entry) => ({
					method: entry.method,
					path: entry.path,
					query: entry.query,
					body: entry.body,
				}));
		},
		/** A Polling Trigger with the sandbox's credential, polled as n8n polls an active workflow. */
		trigger(params: IDataObject, options: TriggerOptions = {}) {
			const { url, apiBaseUrl, clientId, clientSecret } = started();
			return pollingTrigger({
				params,
				apiBaseUrl,
				tokenUrl: `${url}/oauth/token`,
				client: { id: clientId, secret: clientSecret },
				oauth: { ...tokens },
				...options,
			});
		},
	};
}
