import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';

import { DotloopTrigger } from '../../../nodes/Dotloop/DotloopTrigger.node';
import { TOKEN_URL } from '../helpers/n8n/action';
import { api, BASE_PATH, setupNock } from '../helpers/nock';
import {
	checkExists,
	create,
	OWNER,
	remove,
	TEST_WEBHOOK_URL,
	WEBHOOK_URL,
	WORKFLOW_ID,
} from '../helpers/n8n/trigger';

/** The same trigger after n8n's WEBHOOK_URL changed. */
const MOVED_WEBHOOK_URL =
	'https://hooks.example.org/n8n/webhook/6f1c2b1e-8d0a-4c57-9a51-1f0b7c4d2e10/dotloop';

setupNock();

const SUBSCRIPTION_ID = '4370bfdb-af96-430c-9871-90badf4d5608';
const OTHER_ID = 'd5871d89-c901-4a8f-9b7b-f9f183624edc';
const KEY = 'a'.repeat(64);

const profileParams = {
	targetType: 'PROFILE',
	profileId: { __rl: true, mode: 'list', value: '789' },
	profileEvents: ['LOOP_CREATED', 'LOOP_UPDATED'],
	options: {},
};

const userParams = {
	targetType: 'USER',
	userEvents: ['CONTACT_CREATED', 'CONTACT_DELETED'],
	options: { externalId: 'crm-42' },
};

/** What Dotloop lists for the subscription this trigger created with profileParams. */
const remoteProfileSubscription = {
	id: SUBSCRIPTION_ID,
	targetType: 'PROFILE',
	targetId: 789,
	url: WEBHOOK_URL,
	eventTypes: ['LOOP_UPDATED', 'LOOP_CREATED'],
	signingKey: KEY,
	enabled: true,
};

const storedState = () => ({
	subscriptionId: SUBSCRIPTION_ID,
	signingKey: KEY,
	webhookUrl: WEBHOOK_URL,
	owner: OWNER,
});

/** What versions before owners were recorded kept. */
const legacyState = () => ({
	subscriptionId: SUBSCRIPTION_ID,
	signingKey: KEY,
	webhookUrl: WEBHOOK_URL,
});

describe('Dotloop Trigger: create', () => {
	it('subscribes the profile with a fresh 32-byte key and keeps the id and key in static data', async () => {
		let sent: IDataObject = {};
		api()
			.post(`${BASE_PATH}/subscription`, (body: IDataObject) => {
				sent = body;
				return true;
			})
			.reply(200, () => ({ data: { ...sent, id: SUBSCRIPTION_ID, enabled: true } }));

		const { result, staticData } = await create({ params: profileParams });

		expect(result).toBe(true);
		expect(sent).toEqual({
			targetType: 'PROFILE',
			targetId: 789,
			eventTypes: ['LOOP_CREATED', 'LOOP_UPDATED'],
			url: WEBHOOK_URL,
			signingKey: expect.stringMatching(/^[0-9a-f]{64}$/),
		});
		expect(staticData).toEqual({
			subscriptionId: SUBSCRIPTION_ID,
			signingKey: sent.signingKey,
			webhookUrl: WEBHOOK_URL,
			owner: 'wf-original/trigger-1@instance-a',
		});
	});

	it('generates a different key on every create', async () => {
		const keys: string[] = [];
		for (let n = 0; n < 2; n++) {
			api()
				.post(`${BASE_PATH}/subscription`, (body: IDataObject) => {
					keys.push(String(body.signingKey));
					return true;
				})
				.reply(200, { data: { id: SUBSCRIPTION_ID } });
			await create({ params: profileParams });
		}
		expect(keys[0]).not.toEqual(keys[1]);
	});

	it('for the User target reads the connected user id from GET /account and sends the external id', async () => {
		let sent: IDataObject = {};
		api()
			.get(`${BASE_PATH}/account`)
			.reply(200, { data: { id: 100, firstName: 'Brian', defaultProfileId: 42 } })
			.post(`${BASE_PATH}/subscription`, (body: IDataObject) => {
				sent = body;
				return true;
			})
			.reply(200, { data: { id: SUBSCRIPTION_ID } });

		const { result } = await create({ params: userParams });

		expect(result).toBe(true);
		expect(sent).toEqual({
			targetType: 'USER',
			targetId: 100,
			eventTypes: ['CONTACT_CREATED', 'CONTACT_DELETED'],
			url: WEBHOOK_URL,
			signingKey: expect.stringMatching(/^[0-9a-f]{64}$/),
			externalId: 'crm-42',
		});
	});

	it('refuses a webhook URL that is not HTTPS, before any request, and says to set WEBHOOK_URL', async () => {
		const attempt = create({
			params: profileParams,
			webhookUrl: 'http://localhost:5678/webhook/6f1c2b1e/dotloop',
		});
		await expect(attempt).rejects.toThrow(
			'Dotloop only delivers webhooks to HTTPS URLs, and this trigger\'s webhook URL is "http://localhost:5678/webhook/6f1c2b1e/dotloop"',
		);
		await expect(
			create({ params: profileParams, webhookUrl: 'http://localhost:5678/webhook/x/dotloop' }),
		).rejects.toMatchObject({
			description:
				'Make n8n reachable at a public https:// address and set it as the webhook URL, then activate again: on n8n 2.x N8N_WEBHOOK_URL (or WEBHOOK_URL), on n8n 1.x WEBHOOK_URL, e.g. WEBHOOK_URL=https://n8n.example.com/.',
		});
	});

	it('in a test run, says which variable n8n 2.x and 1.x take test URLs from, or to publish and watch Executions', async () => {
		await expect(
			create({
				params: profileParams,
				webhookUrl: 'http://localhost:5678/webhook-test/6f1c2b1e/dotloop',
			}),
		).rejects.toMatchObject({
			message:
				'Dotloop only delivers webhooks to HTTPS URLs, and this trigger\'s webhook URL is "http://localhost:5678/webhook-test/6f1c2b1e/dotloop"',
			description:
				'This is the test URL of a test run. On n8n 2.x test URLs come from N8N_WEBHOOK_URL, else N8N_EDITOR_BASE_URL, not from WEBHOOK_URL: set N8N_WEBHOOK_URL=https://n8n.example.com/ (a public https:// address of this n8n). On n8n 1.x set WEBHOOK_URL. Or publish (activate) the workflow and watch its Executions instead of testing it.',
		});
	});

	it("the trigger's notice names the variable for n8n 2.x and 1.x, and the alternative of publishing", () => {
		const notice = new DotloopTrigger().description.properties.find((p) => p.type === 'notice');
		expect(notice?.displayName).toBe(
			'Dotloop only delivers to HTTPS addresses: n8n must be reachable at a public https:// URL. On n8n 2.x set N8N_WEBHOOK_URL (test URLs do not follow WEBHOOK_URL), on n8n 1.x WEBHOOK_URL; or publish the workflow and watch its Executions instead of testing it. Webhooks must also be enabled for your Dotloop API client by Dotloop support.',
		);
	});

	it('refuses an empty event list and events of the other target before any request', async () => {
		await expect(create({ params: { ...profileParams, profileEvents: [] } })).rejects.toMatchObject(
			{
				message: '"Events" is empty: choose at least one event type',
				description:
					'A PROFILE subscription can receive LOOP_CREATED, LOOP_UPDATED, LOOP_MERGED, LOOP_PARTICIPANT_CREATED, LOOP_PARTICIPANT_UPDATED, LOOP_PARTICIPANT_DELETED.',
			},
		);
		await expect(
			create({ params: { ...profileParams, profileEvents: ['LOOP_CREATED', 'CONTACT_CREATED'] } }),
		).rejects.toMatchObject({
			message:
				'"Events" has event types a PROFILE subscription cannot receive: CONTACT_CREATED. Allowed: LOOP_CREATED, LOOP_UPDATED, LOOP_MERGED, LOOP_PARTICIPANT_CREATED, LOOP_PARTICIPANT_UPDATED, LOOP_PARTICIPANT_DELETED',
		});
	});

	it('refuses an external id longer than 128 characters', async () => {
		await expect(
			create({ params: { ...profileParams, options: { externalId: 'x'.repeat(129) } } }),
		).rejects.toThrow('"External ID" may be at most 128 characters long; it has 129');
	});

	it("shows Dotloop's error when the subscription is refused and stores nothing", async () => {
		api()
			.post(`${BASE_PATH}/subscription`)
			.reply(400, {
				errors: [{ detail: 'targetId 789 is not a profile the authorized user has access to' }],
			});

		const staticData: IDataObject = {};
		await expect(create({ params: profileParams, staticData })).rejects.toThrow(
			'targetId 789 is not a profile the authorized user has access to',
		);
		expect(staticData).toEqual({});
	});
});

describe('Dotloop Trigger: activation on an expired token (n8n-core requestOAuth2)', () => {
	it('create() refreshes once with the client as HTTP Basic auth, stores the token and subscribes with it', async () => {
		let sent: IDataObject = {};
		// Twice: the node asks a 401 again without ignoreHttpStatusErrors, the way n8n-core refreshes.
		api('access-1')
			.post(`${BASE_PATH}/subscription`)
			.times(2)
			.reply(401, { error: 'invalid_token' });
		nock(new URL(TOKEN_URL).origin)
			.post(new URL(TOKEN_URL).pathname, {
				grant_type: 'refresh_token',
				refresh_token: 'refresh-1',
			})
			.basicAuth({ user: 'client-id', pass: 'client-secret' })
			.reply(200, { access_token: 'access-2', refresh_token: 'refresh-2', expires_in: 43199 });
		api('access-2')
			.post(`${BASE_PATH}/subscription`, (body: IDataObject) => {
				sent = body;
				return true;
			})
			.reply(200, { data: { id: SUBSCRIPTION_ID } });

		const { result, staticData, tokenUpdates } = await create({ params: profileParams });

		expect(result).toBe(true);
		expect(sent).toEqual({
			targetType: 'PROFILE',
			targetId: 789,
			eventTypes: ['LOOP_CREATED', 'LOOP_UPDATED'],
			url: WEBHOOK_URL,
			signingKey: expect.stringMatching(/^[0-9a-f]{64}$/),
		});
		expect(staticData).toEqual({ ...storedState(), signingKey: sent.signingKey });
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
	});
});

describe('Dotloop Trigger: checkExists', () => {
	it('adopts the subscription on this URL whose id, key, target and events match', async () => {
		api()
			.get(`${BASE_PATH}/subscription`)
			.reply(200, {
				data: [
					{ ...remoteProfileSubscription, id: OTHER_ID, url: 'https://elsewhere.example.com/hook' },
					remoteProfileSubscription,
				],
				meta: {},
			});

		const { result, staticData, staticDataSaved, logs } = await checkExists({
			params: profileParams,
			staticData: storedState(),
		});

		expect(result).toBe(true);
		expect(staticData).toEqual(storedState());
		// Adopting changes nothing, so n8n has nothing to save on activation or restart.
		expect(staticDataSaved).toBe(false);
		expect(logs).toEqual([]);
	});

	it('follows every cursor page to find it', async () => {
		api()
			.get(`${BASE_PATH}/subscription`)
			.reply(200, {
				data: [{ ...remoteProfileSubscription, id: OTHER_ID, url: 'https://a.example.com/1' }],
				meta: { nextCursor: 'cursor-2' },
			})
			.get(`${BASE_PATH}/subscription`)
			.query({ next_cursor: 'cursor-2' })
			.reply(200, { data: [], meta: { nextCursor: 'cursor-3' } })
			.get(`${BASE_PATH}/subscription`)
			.query({ next_cursor: 'cursor-3' })
			.reply(200, { data: [remoteProfileSubscription], meta: {} });

		const { result } = await checkExists({ params: profileParams, staticData: storedState() });

		expect(result).toBe(true);
	});

	it('for the User target compares with the connected user from GET /account', async () => {
		api()
			.get(`${BASE_PATH}/subscription`)
			.reply(200, {
				data: [
					{
						id: SUBSCRIPTION_ID,
						targetType: 'USER',
						targetId: 100,
						url: WEBHOOK_URL,
						eventTypes: ['CONTACT_DELETED', 'CONTACT_CREATED'],
						externalId: 'crm-42',
						signingKey: KEY,
						enabled: true,
					},
				],
			})
			.get(`${BASE_PATH}/account`)
			.reply(200, { data: { id: 100 } });

		const { result } = await checkExists({ params: userParams, staticData: storedState() });

		expect(result).toBe(true);
	});

	it('replaces its own subscription when the chosen events changed: deletes it, forgets it, reports missing', async () => {
		api()
			.get(`${BASE_PATH}/subscription`)
			.reply(200, { data: [{ ...remoteProfileSubscription, eventTypes: ['LOOP_CREATED'] }] })
			.delete(`${BASE_PATH}/subscription/${SUBSCRIPTION_ID}`)
			.reply(204);

		const { result, staticData } = await checkExists({
			params: profileParams,
			staticData: storedState(),
		});

		expect(result).toBe(false);
		expect(staticData).toEqual({});
	});

	it.each([
		['the profile changed', { targetId: 790 }],
		['the external id changed', { externalId: 'old' }],
		['Dotloop disabled it', { enabled: false }],
		['its signing key was changed', { signingKey: 'b'.repeat(64) }],
	])('replaces its own subscription when %s', async (_case, change) => {
		api()
			.get(`${BASE_PATH}/subscription`)
			.reply(200, { data: [{ ...remoteProfileSubscription, ...change }] })
			.delete(`${BASE_PATH}/subscription/${SUBSCRIPTION_ID}`)
			.reply(204);

		const { result } = await checkExists({ params: profileParams, staticData: storedState() });

		expect(result).toBe(false);
	});

	it('never adopts nor touches a subscription on its URL whose id and key it does not know', async () => {
		api()
			.get(`${BASE_PATH}/subscription`)
			.reply(200, {
				data: [{ ...remoteProfileSubscription, id: OTHER_ID, signingKey: 'someone-elses-key' }],
			});

		const { result, staticData, logs } = await checkExists({
			params: profileParams,
			staticData: {},
		});

		expect(result).toBe(false);
		expect(staticData).toEqual({});
		expect(logs).toEqual([expect.stringContaining(`are left alone: ${OTHER_ID}`)]);
		expect(logs.join(' ')).not.toContain('someone-elses-key');
	});

	it('does not adopt a subscription with a known key but another id', async () => {
		api()
			.get(`${BASE_PATH}/subscription`)
			.reply(200, { data: [{ ...remoteProfileSubscription, id: OTHER_ID }] });

		const { result } = await checkExists({ params: profileParams, staticData: storedState() });

		expect(result).toBe(false);
	});

	it('reports missing when its stored subscription is gone (deleted in Dotloop)', async () => {
		api().get(`${BASE_PATH}/subscription`).reply(200, { data: [], meta: {} });

		const { result, staticData } = await checkExists({
			params: profileParams,
			staticData: storedState(),
		});

		expect(result).toBe(false);
		expect(staticData).toEqual({});
	});

	it('a 404 while replacing counts as already gone', async () => {
		api()
			.get(`${BASE_PATH}/subscription`)
			.reply(200, { data: [{ ...remoteProfileSubscription, enabled: false }] })
			.delete(`${BASE_PATH}/subscription/${SUBSCRIPTION_ID}`)
			.reply(404, { errors: [{ detail: 'Subscription not found' }] });

		const { result } = await checkExists({ params: profileParams, staticData: storedState() });

		expect(result).toBe(false);
	});

	it('stops activation rather than create a second subscription when the outdated one cannot be removed', async () => {
		api()
			.get(`${BASE_PATH}/subscription`)
			.reply(200, { data: [{ ...remoteProfileSubscription, enabled: false }] })
			.delete(`${BASE_PATH}/subscription/${SUBSCRIPTION_ID}`)
			.reply(500, { errors: [{ detail: 'Internal error' }] });
		const staticData = storedState();

		await expect(checkExists({ params: profileParams, staticData })).rejects.toThrow(
			`Could not remove this trigger's outdated Dotloop webhook subscription ${SUBSCRIPTION_ID}: Internal error`,
		);
		expect(staticData).toEqual(storedState());
	});

	it("after n8n's webhook URL changed, deletes the subscription it created for the old URL, then reports missing", async () => {
		api()
			.delete(`${BASE_PATH}/subscription/${SUBSCRIPTION_ID}`)
			.reply(204)
			.get(`${BASE_PATH}/subscription`)
			.reply(200, { data: [], meta: {} });

		const { result, staticData } = await checkExists({
			params: profileParams,
			staticData: storedState(),
			webhookUrl: MOVED_WEBHOOK_URL,
		});

		expect(result).toBe(false);
		expect(staticData).toEqual({});
	});

	it("when the old URL's subscription cannot be removed, names it in a warning and still lets a new one be created", async () => {
		api()
			.delete(`${BASE_PATH}/subscription/${SUBSCRIPTION_ID}`)
			.reply(500, { errors: [{ detail: 'boom' }] })
			.get(`${BASE_PATH}/subscription`)
			.reply(200, { data: [], meta: {} });

		const { result, staticData, logs } = await checkExists({
			params: profileParams,
			staticData: storedState(),
			webhookUrl: MOVED_WEBHOOK_URL,
		});

		expect(result).toBe(false);
		expect(staticData).toEqual({});
		expect(logs.join('\n')).toContain(
			`could not remove webhook subscription ${SUBSCRIPTION_ID} it created for its previous URL ${WEBHOOK_URL}`,
		);
	});

	it('reports missing without any request when the webhook URL is not HTTPS (create explains)', async () => {
		const { result } = await checkExists({
			params: profileParams,
			staticData: {},
			webhookUrl: 'http://localhost:5678/webhook/x/dotloop',
		});
		expect(result).toBe(false);
	});
});

describe('Dotloop Trigger: delete', () => {
	it('deletes the stored subscription (204) and forgets id and key', async () => {
		api().delete(`${BASE_PATH}/subscription/${SUBSCRIPTION_ID}`).reply(204);

		const { result, staticData } = await remove({
			params: profileParams,
			staticData: storedState(),
		});

		expect(result).toBe(true);
		expect(staticData).toEqual({});
	});

	it('counts a 404 as already gone', async () => {
		api()
			.delete(`${BASE_PATH}/subscription/${SUBSCRIPTION_ID}`)
			.reply(404, { errors: [{ detail: 'Subscription not found' }] });

		const { result, staticData } = await remove({
			params: profileParams,
			staticData: storedState(),
		});

		expect(result).toBe(true);
		expect(staticData).toEqual({});
	});

	it('on a 500 logs, returns false without throwing, and keeps id and key for the next activation', async () => {
		api()
			.delete(`${BASE_PATH}/subscription/${SUBSCRIPTION_ID}`)
			.reply(500, { errors: [{ detail: 'Internal error' }] });

		const { result, staticData, logs } = await remove({
			params: profileParams,
			staticData: storedState(),
		});

		expect(result).toBe(false);
		expect(staticData).toEqual(storedState());
		expect(logs).toEqual([
			expect.stringContaining(
				`could not remove webhook subscription ${SUBSCRIPTION_ID}: Internal error`,
			),
		]);
		expect(logs.join(' ')).not.toContain(KEY);
	});

	it('never throws, even when Dotloop cannot be reached', async () => {
		api().delete(`${BASE_PATH}/subscription/${SUBSCRIPTION_ID}`).replyWithError('socket hang up');

		const { result } = await remove({ params: profileParams, staticData: storedState() });

		expect(result).toBe(false);
	});

	it("after n8n's webhook URL changed, deletes the subscription it created for the old URL", async () => {
		api().delete(`${BASE_PATH}/subscription/${SUBSCRIPTION_ID}`).reply(204);

		const { result, staticData, logs } = await remove({
			params: profileParams,
			staticData: storedState(),
			webhookUrl: MOVED_WEBHOOK_URL,
		});

		expect(result).toBe(true);
		expect(staticData).toEqual({});
		expect(logs).toEqual([
			`Dotloop Trigger "Dotloop Trigger": removed webhook subscription ${SUBSCRIPTION_ID} of its previous URL ${WEBHOOK_URL}`,
		]);
	});

	it('does nothing when nothing is stored', async () => {
		const { result } = await remove({ params: profileParams, staticData: {} });
		expect(result).toBe(true);
	});

	it("never removes a subscription stored for another URL (an editor test run's copy of the active state)", async () => {
		const staticData = storedState();
		const { result } = await remove({
			params: profileParams,
			staticData,
			webhookUrl: TEST_WEBHOOK_URL,
		});
		expect(result).toBe(true);
		expect(staticData).toEqual(storedState());
	});
});

describe('Dotloop Trigger: no duplicates over activations, restarts and editor test runs', () => {
	/** Dotloop's subscriptions, as a tiny in-memory fake behind nock. */
	const remote: IDataObject[] = [];
	let created = 0;

	function expectList() {
		api()
			.get(`${BASE_PATH}/subscription`)
			.reply(200, () => ({ data: remote.map((s) => ({ ...s })), meta: {} }));
	}
	function expectCreate() {
		api()
			.post(`${BASE_PATH}/subscription`)
			.reply(200, (_uri, body) => {
				created++;
				const subscription = {
					...(body as IDataObject),
					id: `00000000-0000-4000-8000-00000000000${created}`,
					enabled: true,
				};
				remote.push(subscription);
				return { data: subscription };
			});
	}
	function expectDelete(id: () => string) {
		api()
			.delete((path) => path === `${BASE_PATH}/subscription/${id()}`)
			.reply(204, () => {
				remote.splice(
					remote.findIndex((s) => s.id === id()),
					1,
				);
				return '';
			});
	}
	/** What n8n does on activation: checkExists, then create only if it answered false. */
	async function activate(staticData: IDataObject, webhookUrl = WEBHOOK_URL) {
		expectList();
		const exists = await checkExists({ params: profileParams, staticData, webhookUrl });
		if (!exists.result) {
			expectCreate();
			await create({ params: profileParams, staticData, webhookUrl });
		}
		return exists.result;
	}
	const onUrl = (url: string) => remote.filter((s) => s.url === url);

	it('keeps exactly one subscription per webhook URL', async () => {
		const production: IDataObject = {};

		expect(await activate(production)).toBe(false); // first activation creates
		expect(await activate(production)).toBe(true); // n8n restart adopts
		expect(await activate(production)).toBe(true); // and again
		expect(onUrl(WEBHOOK_URL)).toHaveLength(1);

		// Editor test run: its own /webhook-test/ URL, starting from a copy of the active static data.
		const testRun: IDataObject = JSON.parse(JSON.stringify(production));
		expect(await activate(testRun, TEST_WEBHOOK_URL)).toBe(false);
		expect(onUrl(TEST_WEBHOOK_URL)).toHaveLength(1);
		expect(onUrl(WEBHOOK_URL)).toHaveLength(1);
		expectDelete(() => String(testRun.subscriptionId));
		await remove({ params: profileParams, staticData: testRun, webhookUrl: TEST_WEBHOOK_URL });
		expect(onUrl(TEST_WEBHOOK_URL)).toHaveLength(0);

		// Production is untouched by the test run and still adopted.
		expect(await activate(production)).toBe(true);

		// Deactivate, then activate again: one subscription, a new key.
		const oldKey = production.signingKey;
		expectDelete(() => String(production.subscriptionId));
		await remove({ params: profileParams, staticData: production });
		expect(remote).toHaveLength(0);
		expect(await activate(production)).toBe(false);
		expect(onUrl(WEBHOOK_URL)).toHaveLength(1);
		expect(production.signingKey).not.toEqual(oldKey);

		// Events changed while inactive: the old one is replaced, not joined by a second one.
		expectList();
		expectDelete(() => String(remote[0].id));
		const changed = { ...profileParams, profileEvents: ['LOOP_MERGED'] };
		const exists = await checkExists({ params: changed, staticData: production });
		expect(exists.result).toBe(false);
		expectCreate();
		await create({ params: changed, staticData: production });
		expect(onUrl(WEBHOOK_URL)).toEqual([
			expect.objectContaining({ eventTypes: ['LOOP_MERGED'], id: production.subscriptionId }),
		]);
		expect(created).toBe(4);
	});
});

/**
 * n8n's public API and CLI import store a workflow's static data with it (n8n 1.x's REST API too), so
 * a copy can start out naming the original's subscription.
 */
describe('Dotloop Trigger: a copied workflow never touches the subscription it did not create', () => {
	const COPY_ID = 'wf-copy';
	/** The copy's own webhook: n8n's editor and import give copied trigger nodes a new webhook ID. */
	const COPY_WEBHOOK_URL =
		'https://n8n.example.com/webhook/0b6c1f3e-2a7d-4e0f-8c1b-5d9e7a3f4c21/dotloop';
	const COPY_OWNER = `${COPY_ID}/trigger-1@instance-a`;
	const copiedLog = `Dotloop Trigger "Dotloop Trigger": its static data names webhook subscription ${SUBSCRIPTION_ID}, which another workflow or n8n created (this workflow is a copy); it is left alone and this trigger creates its own`;

	/** Requests no interceptor was declared for (a DELETE of the original's subscription would land here). */
	let unmatched: string[] = [];
	const onNoMatch = (req: { method?: string; path?: string }) =>
		unmatched.push(`${req.method} ${req.path}`);
	beforeEach(() => {
		unmatched = [];
		nock.emitter.on('no match', onNoMatch);
	});
	afterEach(() => {
		nock.emitter.removeListener('no match', onNoMatch);
	});

	it.each([
		['with the owner recorded', storedState],
		['written before owners were recorded', legacyState],
	])(
		'activating the copy (static data %s) deletes nothing, creates its own subscription and records it as its own',
		async (_label, state) => {
			let sent: IDataObject = {};
			api()
				.get(`${BASE_PATH}/subscription`)
				.reply(200, { data: [remoteProfileSubscription], meta: {} })
				.post(`${BASE_PATH}/subscription`, (body: IDataObject) => {
					sent = body;
					return true;
				})
				.reply(200, { data: { id: OTHER_ID } });
			const staticData: IDataObject = state();
			const copy = { params: profileParams, staticData, webhookUrl: COPY_WEBHOOK_URL };

			const exists = await checkExists({ ...copy, workflowId: COPY_ID });
			expect(exists.result).toBe(false);
			expect(exists.logs).toEqual([copiedLog]);
			expect(staticData).toEqual({});
			await create({ ...copy, workflowId: COPY_ID });

			expect(unmatched).toEqual([]);
			expect(sent).toEqual({
				targetType: 'PROFILE',
				targetId: 789,
				eventTypes: ['LOOP_CREATED', 'LOOP_UPDATED'],
				url: COPY_WEBHOOK_URL,
				signingKey: expect.stringMatching(/^[0-9a-f]{64}$/),
			});
			expect(staticData).toEqual({
				subscriptionId: OTHER_ID,
				signingKey: sent.signingKey,
				webhookUrl: COPY_WEBHOOK_URL,
				owner: COPY_OWNER,
			});
		},
	);

	it('the original still adopts its subscription afterwards: same id and key, nothing created', async () => {
		api()
			.get(`${BASE_PATH}/subscription`)
			.reply(200, {
				data: [
					remoteProfileSubscription,
					{
						...remoteProfileSubscription,
						id: OTHER_ID,
						url: COPY_WEBHOOK_URL,
						signingKey: 'b'.repeat(64),
					},
				],
				meta: {},
			});
		const { result, staticData } = await checkExists({
			params: profileParams,
			staticData: storedState(),
		});
		expect(result).toBe(true);
		expect(staticData).toEqual(storedState());
		expect(unmatched).toEqual([]);
	});

	it("deactivating the copy before it made its own subscription deletes nothing (n8n 1.x runs delete() when a copy's webhook path is taken)", async () => {
		for (const webhookUrl of [COPY_WEBHOOK_URL, WEBHOOK_URL]) {
			const staticData = storedState();
			const { result, logs } = await remove({
				params: profileParams,
				staticData,
				webhookUrl,
				workflowId: COPY_ID,
			});
			expect(result).toBe(true);
			expect(staticData).toEqual(storedState());
			expect(logs).toEqual([]);
		}
		expect(unmatched).toEqual([]);
	});

	it('a copy that kept the webhook ID (same URL) neither adopts nor deletes the original subscription', async () => {
		api()
			.get(`${BASE_PATH}/subscription`)
			.reply(200, { data: [remoteProfileSubscription], meta: {} });
		const staticData: IDataObject = storedState();

		const { result, logs } = await checkExists({
			params: profileParams,
			staticData,
			workflowId: COPY_ID,
		});

		expect(result).toBe(false);
		expect(staticData).toEqual({});
		expect(logs).toEqual([
			copiedLog,
			`Dotloop Trigger "Dotloop Trigger": 1 webhook subscription(s) on this trigger's URL were not created by it and are left alone: ${SUBSCRIPTION_ID}. Their deliveries are refused (unknown signing key); delete them with the Dotloop node (Webhook Subscription > Delete) if nobody needs them.`,
		]);
		expect(unmatched).toEqual([]);
	});

	it('the same workflow imported into another n8n (same workflow and node ids, another instance and URL) deletes nothing', async () => {
		api()
			.get(`${BASE_PATH}/subscription`)
			.reply(200, { data: [remoteProfileSubscription], meta: {} });
		const staticData: IDataObject = storedState();

		const { result } = await checkExists({
			params: profileParams,
			staticData,
			webhookUrl: MOVED_WEBHOOK_URL,
			workflowId: WORKFLOW_ID,
			instanceId: 'instance-b',
		});
		const removed = await remove({
			params: profileParams,
			staticData: storedState(),
			webhookUrl: MOVED_WEBHOOK_URL,
			instanceId: 'instance-b',
		});

		expect(result).toBe(false);
		expect(staticData).toEqual({});
		expect(removed.result).toBe(true);
		expect(unmatched).toEqual([]);
	});

	describe('static data written before owners were recorded, in the workflow that created it', () => {
		it('on the same URL: adopted and stamped with this node as owner', async () => {
			api()
				.get(`${BASE_PATH}/subscription`)
				.reply(200, { data: [remoteProfileSubscription], meta: {} });
			const staticData: IDataObject = legacyState();

			const { result } = await checkExists({ params: profileParams, staticData });

			expect(result).toBe(true);
			expect(staticData).toEqual(storedState());
		});

		it("after n8n's base URL changed (same webhook path): the old URL's subscription is deleted, as before", async () => {
			api()
				.delete(`${BASE_PATH}/subscription/${SUBSCRIPTION_ID}`)
				.reply(204)
				.get(`${BASE_PATH}/subscription`)
				.reply(200, { data: [], meta: {} });
			const staticData: IDataObject = legacyState();

			const { result } = await checkExists({
				params: profileParams,
				staticData,
				webhookUrl: MOVED_WEBHOOK_URL,
			});

			expect(result).toBe(false);
			expect(staticData).toEqual({});
		});

		it('deactivation deletes it, as before', async () => {
			api().delete(`${BASE_PATH}/subscription/${SUBSCRIPTION_ID}`).reply(204);
			const staticData: IDataObject = legacyState();

			const { result } = await remove({ params: profileParams, staticData });

			expect(result).toBe(true);
			expect(staticData).toEqual({});
		});
	});
});
