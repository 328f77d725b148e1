import { ApplicationError, NodeApiError, NodeOperationError, UserError } from 'n8n-workflow';
import type { INode, JsonObject } from 'n8n-workflow';

import { runDotloop } from '../helpers/context';
import { setupNock } from '../helpers/nock';

setupNock();

const RECONNECT_DESCRIPTION =
	'Access could not be refreshed because the connected account has revoked access, the refresh token expired, or the account password or permissions changed. Open the credential and reconnect it to continue.';

/** What n8n 2.x's httpRequestWithAuthentication throws when it cannot refresh a revoked grant. */
const reconnect = (node: INode) =>
	new NodeApiError(
		node,
		new NodeOperationError(node, 'The credential "Dotloop account" needs to be reconnected.', {
			description: RECONNECT_DESCRIPTION,
			level: 'warning',
		}) as unknown as JsonObject,
	);
/** A credential that was never connected: n8n 2.x (UserError) and 1.x (ApplicationError, cause dropped). */
const notConnected = (node: INode) =>
	new NodeApiError(node, new UserError('OAuth credentials not connected') as unknown as JsonObject);
const notConnectedV1 = (node: INode) => {
	const error = new NodeApiError(
		node,
		new ApplicationError('OAuth credentials not connected') as unknown as JsonObject,
	);
	Object.defineProperty(error, 'cause', { value: undefined });
	return error;
};

/**
 * n8n 1.x when the token endpoint refuses the refresh: its OAuth2 client's AuthError (code EAUTH)
 * wrapped in a NodeApiError whose cause is dropped and whose httpCode is that code (as seen in n8n 1.123).
 */
const refreshRefusedV1 = (node: INode) => {
	const authError = Object.assign(new Error('invalid_grant: Refresh token revoked'), {
		code: 'EAUTH',
	});
	const error = new NodeApiError(node, authError as unknown as JsonObject);
	Object.defineProperty(error, 'cause', { value: undefined });
	error.httpCode = 'EAUTH';
	return error;
};

const account = { resource: 'account', operation: 'get' };

describe("n8n's own errors reach the user as n8n words them", () => {
	it('a credential to reconnect', async () => {
		await expect(runDotloop({ params: account, n8nFailure: reconnect })).rejects.toMatchObject({
			message: 'The credential "Dotloop account" needs to be reconnected.',
			description: RECONNECT_DESCRIPTION,
		});
	});

	it('a credential to reconnect, with Continue On Fail', async () => {
		const { output } = await runDotloop({
			params: account,
			n8nFailure: reconnect,
			continueOnFail: true,
		});
		expect(output).toEqual([
			{
				json: {
					error: 'The credential "Dotloop account" needs to be reconnected.',
					httpCode: null,
					description: RECONNECT_DESCRIPTION,
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	it.each([
		['n8n 2.x', notConnected],
		['n8n 1.x', notConnectedV1],
	])(
		'a credential never connected (%s), with and without Continue On Fail',
		async (_version, n8nFailure) => {
			const thrown = await runDotloop({ params: account, n8nFailure }).catch(
				(error: Error) => error,
			);
			expect(thrown).toMatchObject({ message: 'OAuth credentials not connected' });
			expect((thrown as NodeApiError).description ?? '').not.toContain('Dotloop');

			const { output } = await runDotloop({ params: account, n8nFailure, continueOnFail: true });
			expect(output).toHaveLength(1);
			expect(output[0].json).toMatchObject({
				error: 'OAuth credentials not connected',
				httpCode: null,
			});
			expect(String(output[0].json.description ?? '')).not.toContain('Dotloop');
		},
	);

	it('a refresh the token endpoint refused (n8n 1.x), with Continue On Fail', async () => {
		const { output } = await runDotloop({
			params: account,
			n8nFailure: refreshRefusedV1,
			continueOnFail: true,
		});
		expect(output).toHaveLength(1);
		expect(output[0].json.error).toBe('invalid_grant: Refresh token revoked');
		expect(String(output[0].json.description ?? '')).not.toContain('Dotloop');
	});

	it('a connection failure with a system code stays a Dotloop connection error, without the request', async () => {
		const tls = (node: INode) => {
			const cause = Object.assign(new Error('certificate has expired'), {
				code: 'CERT_HAS_EXPIRED',
				config: { headers: { Authorization: 'Bearer access-1' } },
			});
			return new NodeApiError(node, cause as unknown as JsonObject);
		};
		const { output } = await runDotloop({ params: account, n8nFailure: tls, continueOnFail: true });
		expect(output).toEqual([
			{
				json: {
					error: 'Could not reach Dotloop (CERT_HAS_EXPIRED)',
					httpCode: 'CERT_HAS_EXPIRED',
					description: 'Dotloop did not answer successfully. Try again later.',
				},
				pairedItem: { item: 0 },
			},
		]);
	});
});
