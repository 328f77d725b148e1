import nock from 'nock';
import type { NodeApiError } from 'n8n-workflow';

import { API, runDotloop, TOKEN_URL } from '../helpers/n8n/action';
import { api, BASE_PATH, setupNock } from '../helpers/nock';

setupNock();

const RECONNECT_DESCRIPTION =
	'Access could not be refreshed because the connected account has revoked access, the refresh token expired, or the account password or permissions changed. Open the credential and reconnect it to continue.';
const CLIENT_REFUSED =
	'Client authentication failed (e.g., unknown client, no client authentication included, or unsupported authentication method).';

const account = { resource: 'account', operation: 'get' };

/** The token expired; the token endpoint then answers the refresh with `status` and `body`. */
function refreshAnswered(status: number, body: object) {
	api('access-1').get(`${BASE_PATH}/account`).times(2).reply(401, { error: 'invalid_token' });
	nock(new URL(TOKEN_URL).origin)
		.post(new URL(TOKEN_URL).pathname, { grant_type: 'refresh_token', refresh_token: 'refresh-1' })
		.reply(status, body);
}

/** A credential saved but never connected: no token data. */
const neverConnected = {
	clientId: 'client-id',
	clientSecret: 'client-secret',
	accessTokenUrl: TOKEN_URL,
	apiBaseUrl: API,
};

describe("n8n's own errors reach the user as n8n words them (n8n-core's requestOAuth2)", () => {
	it('a revoked grant: the credential to reconnect', async () => {
		refreshAnswered(400, { error: 'invalid_grant', error_description: 'Refresh token revoked' });

		await expect(runDotloop({ params: account })).rejects.toMatchObject({
			message: 'The credential "Dotloop account" needs to be reconnected.',
			description: RECONNECT_DESCRIPTION,
		});
	});

	it('a revoked grant, with Continue On Fail', async () => {
		refreshAnswered(400, { error: 'invalid_grant', error_description: 'Refresh token revoked' });

		const { output, tokenUpdates } = await runDotloop({ params: account, continueOnFail: true });

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
		expect(tokenUpdates).toEqual([]);
	});

	it.each([
		['n8n 2.x', false],
		['n8n 1.x shape', true],
	])(
		'a credential never connected (%s), with and without Continue On Fail',
		async (_version, n8nV1Errors) => {
			const thrown = await runDotloop({
				params: account,
				credential: neverConnected,
				n8nV1Errors,
			}).catch((error: Error) => error);
			expect(thrown).toMatchObject({ message: 'OAuth credentials not connected' });
			expect((thrown as NodeApiError).description ?? '').not.toContain('Dotloop');

			const { output } = await runDotloop({
				params: account,
				credential: neverConnected,
				n8nV1Errors,
				continueOnFail: true,
			});
			expect(output).toHaveLength(1);
			expect(output[0].json).toMatchObject({
				error: 'OAuth credentials not connected',
				httpCode: null,
			});
			expect(String(output[0].json.description ?? '')).not.toContain('Dotloop');
		},
	);

	it.each([
		['n8n 2.x', false],
		['n8n 1.x shape', true],
	])(
		'a refresh the token endpoint refused otherwise (%s), with Continue On Fail',
		async (_version, n8nV1Errors) => {
			refreshAnswered(401, { error: 'invalid_client', error_description: 'Client unknown' });

			const { output } = await runDotloop({ params: account, n8nV1Errors, continueOnFail: true });

			expect(output).toEqual([
				{ json: { error: CLIENT_REFUSED, httpCode: 'EAUTH' }, pairedItem: { item: 0 } },
			]);
		},
	);

	it('a connection failure with a system code stays a Dotloop connection error, without the request', async () => {
		api('access-1')
			.get(`${BASE_PATH}/account`)
			.replyWithError(
				Object.assign(new Error('certificate has expired'), { code: 'CERT_HAS_EXPIRED' }),
			);

		const { output } = await runDotloop({ params: account, continueOnFail: true });

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
		expect(JSON.stringify(output)).not.toContain('access-1');
	});
});
