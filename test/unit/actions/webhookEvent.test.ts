import { runDotloop } from '../helpers/n8n/action';
import { api, BASE_PATH, setupNock } from '../helpers/nock';

setupNock();

const SUBSCRIPTION_ID = '4370bfdb-af96-430c-9871-90badf4d5608';
const EVENT_ID = '5f6667e3-4b65-4025-9d64-f8d695b3ebb5';
const event = {
	id: EVENT_ID,
	subscriptionId: SUBSCRIPTION_ID,
	createdOn: '2023-11-01T20:20:08.186Z',
	eventType: 'LOOP_UPDATED',
	eventData: { id: 6611120 },
	deliveryStatus: 'SUCCESS',
	deliveryAttempts: 1,
	responseData: [
		{
			responseCode: 200,
			responseBody: 'Hello World',
			url: 'https://foobar.com/callbacks/dotloopwebhook',
			requestSentAt: '2023-11-01T20:20:10.186Z',
			durationMs: 5260,
		},
	],
};
const subscription = { __rl: true, mode: 'list', value: SUBSCRIPTION_ID };

describe('Webhook Event', () => {
	it('Get Many follows next_cursor with the delivery status filter', async () => {
		api()
			.get(`${BASE_PATH}/subscription/${SUBSCRIPTION_ID}/event`)
			.query({ delivery_status: 'FAILED' })
			.reply(200, { data: [event], meta: { nextCursor: 'c2' } })
			.get(`${BASE_PATH}/subscription/${SUBSCRIPTION_ID}/event`)
			.query({ delivery_status: 'FAILED', next_cursor: 'c2' })
			.reply(200, { data: [{ ...event, id: 'e2' }], meta: {} });

		const { output } = await runDotloop({
			params: {
				resource: 'webhookEvent',
				operation: 'getAll',
				subscriptionId: subscription,
				returnAll: true,
				filters: { deliveryStatus: 'FAILED' },
			},
		});

		expect(output).toEqual([
			{ json: event, pairedItem: { item: 0 } },
			{ json: { ...event, id: 'e2' }, pairedItem: { item: 0 } },
		]);
	});

	it('Get Many with a limit stops without asking for the next page', async () => {
		api()
			.get(`${BASE_PATH}/subscription/${SUBSCRIPTION_ID}/event`)
			.reply(200, { data: [event, { ...event, id: 'e2' }], meta: { nextCursor: 'c2' } });

		const { output } = await runDotloop({
			params: {
				resource: 'webhookEvent',
				operation: 'getAll',
				subscriptionId: subscription,
				returnAll: false,
				limit: 1,
				filters: {},
			},
		});

		expect(output).toEqual([{ json: event, pairedItem: { item: 0 } }]);
	});

	it('Get Many refuses an unknown delivery status set by expression', async () => {
		await expect(
			runDotloop({
				params: {
					resource: 'webhookEvent',
					operation: 'getAll',
					subscriptionId: subscription,
					returnAll: true,
					filters: { deliveryStatus: 'DELIVERED' },
				},
			}),
		).rejects.toThrow(
			'"Delivery Status" must be one of PENDING, PENDING_RETRY, SCHEDULED, SUCCESS, FAILED, DISABLED, not "DELIVERED"',
		);
	});

	it('Get reads one event of the subscription', async () => {
		api()
			.get(`${BASE_PATH}/subscription/${SUBSCRIPTION_ID}/event/${EVENT_ID}`)
			.reply(200, { data: event });

		const { output } = await runDotloop({
			params: {
				resource: 'webhookEvent',
				operation: 'get',
				subscriptionId: subscription,
				eventId: ` ${EVENT_ID} `,
			},
		});

		expect(output).toEqual([{ json: event, pairedItem: { item: 0 } }]);
	});

	it('Get refuses an event ID that is not a UUID before any request', async () => {
		await expect(
			runDotloop({
				params: {
					resource: 'webhookEvent',
					operation: 'get',
					subscriptionId: subscription,
					eventId: '6611120',
				},
			}),
		).rejects.toThrow('"Event ID" must be a Dotloop UUID such as');
	});

	it('a 404 says the event may have expired', async () => {
		api()
			.get(`${BASE_PATH}/subscription/${SUBSCRIPTION_ID}/event/${EVENT_ID}`)
			.reply(404, { errors: [{ detail: 'Event not found' }] });

		await expect(
			runDotloop({
				params: {
					resource: 'webhookEvent',
					operation: 'get',
					subscriptionId: subscription,
					eventId: EVENT_ID,
				},
			}),
		).rejects.toMatchObject({
			message: 'Event not found',
			description: expect.stringContaining('Dotloop keeps events for 90 days'),
		});
	});
});
