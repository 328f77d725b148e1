import { expression, runDotloop } from '../helpers/n8n/action';
import { api, BASE_PATH, setupNock } from '../helpers/nock';

setupNock();

const ID = '4370bfdb-af96-430c-9871-90badf4d5608';
/** A subscription as Dotloop answers it, without and with its signing key. */
const withoutKey = {
	id: ID,
	targetType: 'PROFILE',
	targetId: 789,
	externalId: 'some_external_id',
	url: 'https://foobar.com/callbacks/dotloopwebhook',
	eventTypes: ['LOOP_CREATED', 'LOOP_UPDATED'],
	enabled: true,
};
const subscription = { ...withoutKey, signingKey: 'super_secret_key' };
/** What the node outputs for it: never the signing key, only whether one is set. */
const shown = { ...withoutKey, signingKeySet: true };
const locator = (value: string, mode = 'id') => ({ __rl: true, mode, value });

describe('Webhook Subscription', () => {
	it('no operation outputs the signing key: only whether one is set', async () => {
		api()
			.get(`${BASE_PATH}/subscription`)
			.reply(200, {
				data: [
					subscription,
					{ ...withoutKey, id: 'b' },
					{ ...subscription, id: 'c', signingKey: '' },
				],
				meta: {},
			})
			.get(`${BASE_PATH}/subscription/${ID}`)
			.reply(200, { data: subscription });

		const many = await runDotloop({
			params: {
				resource: 'webhookSubscription',
				operation: 'getAll',
				returnAll: true,
				filters: {},
			},
		});
		const one = await runDotloop({
			params: { resource: 'webhookSubscription', operation: 'get', subscriptionId: locator(ID) },
		});

		expect(many.output).toEqual([
			{ json: shown, pairedItem: { item: 0 } },
			{ json: { ...withoutKey, id: 'b', signingKeySet: false }, pairedItem: { item: 0 } },
			{ json: { ...withoutKey, id: 'c', signingKeySet: false }, pairedItem: { item: 0 } },
		]);
		expect(one.output).toEqual([{ json: shown, pairedItem: { item: 0 } }]);
		expect(JSON.stringify([many, one])).not.toContain('super_secret_key');
	});

	it('Get Many with Return All follows next_cursor and outputs each subscription', async () => {
		api()
			.get(`${BASE_PATH}/subscription`)
			.reply(200, { data: [subscription], meta: { nextCursor: 'YmF0Y2gy' } })
			.get(`${BASE_PATH}/subscription`)
			.query({ next_cursor: 'YmF0Y2gy' })
			.reply(200, { data: [{ ...subscription, id: 'b' }], meta: {} });

		const { output } = await runDotloop({
			params: {
				resource: 'webhookSubscription',
				operation: 'getAll',
				returnAll: true,
				filters: {},
			},
		});

		expect(output).toEqual([
			{ json: shown, pairedItem: { item: 0 } },
			{ json: { ...shown, id: 'b' }, pairedItem: { item: 0 } },
		]);
	});

	it('Get Many with Enabled Only sends enabled=true and stops at the limit', async () => {
		api()
			.get(`${BASE_PATH}/subscription`)
			.query({ enabled: 'true' })
			.reply(200, {
				data: [subscription, { ...subscription, id: 'b' }],
				meta: { nextCursor: 'more' },
			});

		const { output } = await runDotloop({
			params: {
				resource: 'webhookSubscription',
				operation: 'getAll',
				returnAll: false,
				limit: 1,
				filters: { enabledOnly: true },
			},
		});

		expect(output).toEqual([{ json: shown, pairedItem: { item: 0 } }]);
	});

	it('Get reads one subscription by its UUID (From List mode too)', async () => {
		api().get(`${BASE_PATH}/subscription/${ID}`).reply(200, { data: subscription });

		const { output } = await runDotloop({
			params: {
				resource: 'webhookSubscription',
				operation: 'get',
				subscriptionId: locator(ID, 'list'),
			},
		});

		expect(output).toEqual([{ json: shown, pairedItem: { item: 0 } }]);
	});

	it('refuses a subscription ID that is not a UUID before any request', async () => {
		await expect(
			runDotloop({
				params: {
					resource: 'webhookSubscription',
					operation: 'get',
					subscriptionId: locator(expression('1234')),
				},
			}),
		).rejects.toThrow('"Webhook Subscription" must be a Dotloop UUID');
	});

	it('Create posts target, events, URL, signing key and external ID', async () => {
		api()
			.post(`${BASE_PATH}/subscription`, {
				targetType: 'USER',
				targetId: 7083432,
				eventTypes: ['CONTACT_CREATED', 'CONTACT_UPDATED'],
				url: 'https://foobar.com/callbacks/dotloopwebhook',
				signingKey: 'super_secret_key',
				externalId: 'user_id_in_db',
			})
			.reply(200, { data: { ...subscription, targetType: 'USER', targetId: 7083432 } });

		const { output } = await runDotloop({
			params: {
				resource: 'webhookSubscription',
				operation: 'create',
				targetType: 'USER',
				targetId: '7083432',
				userEventTypes: ['CONTACT_CREATED', 'CONTACT_UPDATED'],
				profileEventTypes: ['LOOP_CREATED'],
				url: 'https://foobar.com/callbacks/dotloopwebhook',
				additionalFields: { signingKey: 'super_secret_key', externalId: 'user_id_in_db' },
			},
		});

		expect(output).toEqual([
			{
				json: { ...shown, targetType: 'USER', targetId: 7083432 },
				pairedItem: { item: 0 },
			},
		]);
	});

	it('Create sends no empty optional fields', async () => {
		api()
			.post(`${BASE_PATH}/subscription`, {
				targetType: 'PROFILE',
				targetId: 789,
				eventTypes: ['LOOP_MERGED'],
				url: 'https://foobar.com/hook',
			})
			.reply(200, { data: subscription });

		await runDotloop({
			params: {
				resource: 'webhookSubscription',
				operation: 'create',
				targetType: 'PROFILE',
				targetId: 789,
				profileEventTypes: ['LOOP_MERGED'],
				url: 'https://foobar.com/hook',
				additionalFields: { signingKey: '', externalId: '' },
			},
		});
	});

	it.each([
		[
			'an event of the other target (set by expression)',
			{ profileEventTypes: ['LOOP_CREATED', 'CONTACT_CREATED'] },
			'"Profile Event Types" has event types a PROFILE subscription cannot receive: CONTACT_CREATED. Allowed: LOOP_CREATED, LOOP_UPDATED, LOOP_MERGED, LOOP_PARTICIPANT_CREATED, LOOP_PARTICIPANT_UPDATED, LOOP_PARTICIPANT_DELETED',
		],
		[
			'no event',
			{ profileEventTypes: expression([]) },
			'"Profile Event Types" is empty: choose at least one event type',
		],
		['an HTTP URL', { url: 'http://foobar.com/hook' }, '"URL" must be an https:// URL'],
		[
			'a URL over 512 characters',
			{ url: `https://foobar.com/${'a'.repeat(500)}` },
			'"URL" may be at most 512 characters long',
		],
		['a target ID of 0', { targetId: '0' }, '"Target ID" must be a Dotloop ID'],
		[
			'an unknown target type',
			{ targetType: 'LOOP' },
			'"Target Type" must be one of PROFILE, USER',
		],
		[
			'a signing key over 128 characters',
			{ additionalFields: { signingKey: 'k'.repeat(129) } },
			'"Signing Key" may be at most 128 characters long; it has 129',
		],
		[
			'an external ID over 128 characters',
			{ additionalFields: { externalId: 'x'.repeat(129) } },
			'"External ID" may be at most 128 characters long; it has 129',
		],
	])('Create refuses %s before any request', async (_case, change, message) => {
		await expect(
			runDotloop({
				params: {
					resource: 'webhookSubscription',
					operation: 'create',
					targetType: 'PROFILE',
					targetId: '789',
					profileEventTypes: ['LOOP_CREATED'],
					url: 'https://foobar.com/hook',
					additionalFields: {},
					...change,
				},
			}),
		).rejects.toThrow(message);
	});

	it('Create accepts events given by an expression as comma-separated text', async () => {
		api()
			.post(`${BASE_PATH}/subscription`, {
				targetType: 'PROFILE',
				targetId: 789,
				eventTypes: ['LOOP_CREATED', 'LOOP_UPDATED'],
				url: 'https://foobar.com/hook',
			})
			.reply(200, { data: subscription });

		await runDotloop({
			params: {
				resource: 'webhookSubscription',
				operation: 'create',
				targetType: 'PROFILE',
				targetId: '789',
				profileEventTypes: 'LOOP_CREATED, LOOP_UPDATED',
				url: 'https://foobar.com/hook',
				additionalFields: {},
			},
		});
	});

	it('Update patches only the fields set, disabling included', async () => {
		api()
			.patch(`${BASE_PATH}/subscription/${ID}`, {
				enabled: false,
				externalId: 'user-guuid-abcd-123efg',
				eventTypes: ['LOOP_PARTICIPANT_CREATED'],
			})
			.reply(200, { data: { ...subscription, enabled: false } });

		const { output } = await runDotloop({
			params: {
				resource: 'webhookSubscription',
				operation: 'update',
				subscriptionId: locator(ID),
				updateFields: {
					enabled: false,
					externalId: 'user-guuid-abcd-123efg',
					profileEventTypes: ['LOOP_PARTICIPANT_CREATED'],
					userEventTypes: [],
					url: '',
				},
			},
		});

		expect(output).toEqual([{ json: { ...shown, enabled: false }, pairedItem: { item: 0 } }]);
	});

	it('Update sends a new URL and signing key', async () => {
		api()
			.patch(`${BASE_PATH}/subscription/${ID}`, {
				url: 'https://new.example.com/hook',
				signingKey: 'new_key',
				eventTypes: ['USER_ADDED_TO_PROFILE'],
			})
			.reply(200, { data: subscription });

		await runDotloop({
			params: {
				resource: 'webhookSubscription',
				operation: 'update',
				subscriptionId: locator(ID),
				updateFields: {
					url: 'https://new.example.com/hook',
					signingKey: 'new_key',
					userEventTypes: ['USER_ADDED_TO_PROFILE'],
				},
			},
		});
	});

	it.each([
		[{}, '"Update Fields" is empty: add at least one field to change'],
		[
			{ profileEventTypes: ['LOOP_CREATED'], userEventTypes: ['CONTACT_CREATED'] },
			'Set either "Profile Event Types" or "User Event Types", not both',
		],
		[
			{ userEventTypes: ['LOOP_CREATED'] },
			'"User Event Types" has event types a USER subscription cannot receive: LOOP_CREATED. Allowed: CONTACT_CREATED, CONTACT_UPDATED, CONTACT_DELETED, PROFILE_UPDATED, USER_PROFILE_ACTIVATED, USER_PROFILE_DEACTIVATED, USER_ADDED_TO_PROFILE, USER_REMOVED_FROM_PROFILE',
		],
		[{ url: 'ftp://foobar.com' }, '"URL" must be an https:// URL'],
	])('Update refuses %p before any request', async (updateFields, message) => {
		await expect(
			runDotloop({
				params: {
					resource: 'webhookSubscription',
					operation: 'update',
					subscriptionId: locator(ID),
					updateFields,
				},
			}),
		).rejects.toThrow(message);
	});

	it('Delete answers { deleted, id }', async () => {
		api().delete(`${BASE_PATH}/subscription/${ID}`).reply(204);

		const { output } = await runDotloop({
			params: { resource: 'webhookSubscription', operation: 'delete', subscriptionId: locator(ID) },
		});

		expect(output).toEqual([{ json: { deleted: true, id: ID }, pairedItem: { item: 0 } }]);
	});

	it('a 404 explains that subscriptions are visible only to the API client that made them', async () => {
		api()
			.delete(`${BASE_PATH}/subscription/${ID}`)
			.reply(404, { errors: [{ detail: 'Subscription not found' }] });

		await expect(
			runDotloop({
				params: {
					resource: 'webhookSubscription',
					operation: 'delete',
					subscriptionId: locator(ID),
				},
			}),
		).rejects.toMatchObject({
			message: 'Subscription not found',
			description: expect.stringContaining('visible only to the client that created them'),
		});
	});

	it("shows Dotloop's own error detail", async () => {
		api()
			.post(`${BASE_PATH}/subscription`)
			.reply(400, { errors: [{ detail: 'url must be HTTPS', source: { pointer: '/url' } }] });

		await expect(
			runDotloop({
				params: {
					resource: 'webhookSubscription',
					operation: 'create',
					targetType: 'PROFILE',
					targetId: '789',
					profileEventTypes: ['LOOP_CREATED'],
					url: 'https://foobar.com/hook',
					additionalFields: {},
				},
			}),
		).rejects.toThrow('url must be HTTPS');
	});
});
