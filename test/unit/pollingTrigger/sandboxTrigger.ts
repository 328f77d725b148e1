import type { IDataObject } from 'n8n-workflow';

import { pollingTrigger } from '../helpers/n8n/poll';
import { useSandbox, type SandboxRun } from '../helpers/n8n/sandbox';

/** A request as the sandbox logged it, reduced to what a test asserts. */
export interface LoggedRequest {
	method: unknown;
	path: unknown;
	query: unknown;
}

/**
 * The Polling Trigger against the local sandbox (test/sandbox) for one test file: triggers with the
 * sandbox's credential, `simulate` for app activity, and the API requests a poll sent.
 */
export function useSandboxTrigger(): SandboxRun & {
	trigger(params: IDataObject, options?: { timezone?: string }): ReturnType<typeof pollingTrigger>;
	simulate(body: IDataObject): Promise<IDataObject>;
	requestsSince(seq: number): Promise<LoggedRequest[]>;
} {
	const run = useSandbox();
	return {
		...run,
		trigger(params, { timezone } = {}) {
			const { url, apiBaseUrl, clientId, clientSecret } = run.sandbox();
			return pollingTrigger({
				params,
				timezone,
				apiBaseUrl,
				tokenUrl: `${url}/oauth/token`,
				client: { id: clientId, secret: clientSecret },
				oauth: { accessToken: run.accessToken() },
			});
		},
		async simulate(body) {
			return (await run.admin('POST', '/simulate', body)).data as IDataObject;
		},
		async requestsSince(seq) {
			return (await run.apiRequestsSince(seq)).map((r) => ({
				method: r.method,
				path: r.path,
				query: r.query,
			}));
		},
	};
}

export const second = (base: string, plus: number) =>
	new Date(Date.parse(base) + plus * 1000).toISOString().replace('.000Z', 'Z');
