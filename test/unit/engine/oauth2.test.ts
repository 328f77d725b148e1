import nock from 'nock';

import {
	API,
	credentialsHelper,
	currentCredential,
	runDotloop,
	TOKEN_URL,
} from '../helpers/n8n/action';
import { api, BASE_PATH, setupNock } from '../helpers/nock';

setupNock();

const account = { resource: 'account', operation: 'get' };
const tokenHost = () => nock(new URL(TOKEN_URL).origin);
const refreshOf = (refreshToken: string) => ({
	grant_type: 'refresh_token',
	refresh_token: refreshToken,
});

describe('OAuth2 through n8n-core (requestOAuth2)', () => {
	it('refreshes on a 401 with the client as HTTP Basic auth, stores the new token and retries', async () => {
		api('access-1').get(`${BASE_PATH}/account`).times(2).reply(401, { error: 'invalid_token' });
		tokenHost()
			.post(new URL(TOKEN_URL).pathname, refreshOf('refresh-1'))
			.basicAuth({ user: 'client-id', pass: 'client-secret' })
			.reply(200, { access_token: 'access-2', refresh_token: 'refresh-2', expires_in: 43199 });
		api('access-2')
			.get(`${BASE_PATH}/account`)
			.reply(200, { data: { id: 1 } });

		const { output, tokenUpdates, oauth } = await runDotloop({ params: account });

		expect(output).toEqual([{ json: { id: 1 }, pairedItem: { item: 0 } }]);
		expect(tokenUpdates).toEqual([
			{
				credentialId: expect.any(String),
				oauthTokenData: {
					access_token: 'access-2',
					refresh_token: 'refresh-2',
					token_type: 'Bearer',
					expires_in: 43199,
					n8n_expires_at: expect.stringMatching(/^\d+$/),
				},
			},
		]);
		expect(oauth).toEqual({ accessToken: 'access-2', refreshToken: 'refresh-2', refreshCount: 1 });
	});

	it('sends the stored access token and no refresh while Dotloop accepts it', async () => {
		api('access-7')
			.get(`${BASE_PATH}/account`)
			.reply(200, { data: { id: 7 } });

		const { output, tokenUpdates } = await runDotloop({
			params: account,
			oauth: { accessToken: 'access-7' },
			apiBaseUrl: API,
		});

		expect(output).toEqual([{ json: { id: 7 }, pairedItem: { item: 0 } }]);
		expect(tokenUpdates).toEqual([]);
	});

	it('refreshes once for executions that meet the expired token at the same time', async () => {
		api('access-1').get(`${BASE_PATH}/account`).times(4).reply(401, { error: 'invalid_token' });
		tokenHost()
			.post(new URL(TOKEN_URL).pathname, refreshOf('refresh-1'))
			.reply(200, { access_token: 'access-2', refresh_token: 'refresh-2', expires_in: 43199 });
		api('access-2')
			.get(`${BASE_PATH}/account`)
			.times(2)
			.reply(200, { data: { id: 1 } });

		const runs = await Promise.all([
			runDotloop({ params: account }),
			runDotloop({ params: account }),
		]);

		expect(runs.map(({ output }) => output)).toEqual([
			[{ json: { id: 1 }, pairedItem: { item: 0 } }],
			[{ json: { id: 1 }, pairedItem: { item: 0 } }],
		]);
		expect(
			credentialsHelper.tokenUpdates.filter((u) => u.credentialId === currentCredential().id),
		).toHaveLength(1);
	});

	it('takes the token another execution stored meanwhile instead of refreshing', async () => {
		let refused = 0;
		api('access-1')
			.get(`${BASE_PATH}/account`)
			.times(2)
			.reply(401, () => {
				// The node asks twice (see n8nWorkarounds.ts); while the second 401 is on its way, another
				// execution refreshes this credential. n8n-core then finds the stored token changed.
				if (++refused === 2) {
					const stored = credentialsHelper.get(currentCredential().id);
					credentialsHelper.set(currentCredential().id, {
						...stored,
						oauthTokenData: { access_token: 'access-9', refresh_token: 'refresh-9' },
					});
				}
				return { error: 'invalid_token' };
			});
		api('access-9')
			.get(`${BASE_PATH}/account`)
			.reply(200, { data: { id: 9 } });

		const { output, tokenUpdates } = await runDotloop({ params: account });

		expect(output).toEqual([{ json: { id: 9 }, pairedItem: { item: 0 } }]);
		expect(tokenUpdates).toEqual([]);
	});
});
