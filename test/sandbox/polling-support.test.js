'use strict';

const { start, client, admin } = require('./test-helpers');

// What tests of a polling client need: changes at chosen times, both readings of the *_min filters,
// and webhook events / subscriptions in the states Dotloop puts them in after failures.
describe('sandbox support for polling clients', () => {
	let sb;
	let api;
	beforeAll(async () => {
		sb = await start({ rateLimit: 100000 });
		api = await client(sb);
	});
	afterAll(() => sb.stop());
	afterEach(() => admin(sb, 'PATCH', '/config', { minFilterBound: 'inclusive' }));

	const simulate = async (body) => {
		const res = await admin(sb, 'POST', '/simulate', body);
		expect(res.status).toBe(200);
		return res.body.data;
	};

	test('simulate puts loop and contact changes at the given second', async () => {
		const at = '2030-01-02T03:04:05Z';
		const loop = await simulate({ action: 'createLoop', name: 'Timed loop', at });
		expect(loop).toEqual(expect.objectContaining({ created: at, updated: at }));
		const updated = await simulate({
			action: 'updateLoop',
			loopId: loop.id,
			status: 'SOLD',
			at: '2030-01-02T03:04:06Z',
		});
		expect(updated).toEqual(
			expect.objectContaining({ status: 'SOLD', created: at, updated: '2030-01-02T03:04:06Z' }),
		);
		const contact = await simulate({ action: 'createContact', firstName: 'Tim', at });
		expect(contact.updated).toBe(at);
		const changed = await simulate({
			action: 'updateContact',
			contactId: contact.id,
			lastName: 'Ed',
			at: '2030-01-02T03:04:07+00:00',
		});
		expect(changed).toEqual(
			expect.objectContaining({ lastName: 'Ed', updated: '2030-01-02T03:04:07Z' }),
		);

		const res = await admin(sb, 'POST', '/simulate', {
			action: 'updateLoop',
			loopId: loop.id,
			at: '2030-01-02T03:04:06.500Z',
		});
		expect(res.status).toBe(400);
		expect(res.body.errors[0]).toEqual(
			expect.objectContaining({
				detail: 'at must be a whole-second ISO 8601 timestamp',
				source: { pointer: '/at' },
			}),
		);
	});

	test('minFilterBound decides whether a record stamped exactly at updated_min / created_min is listed', async () => {
		const at = '2031-05-06T07:08:09Z';
		const loop = await simulate({ action: 'createLoop', name: 'Bound loop', at });
		const contact = await simulate({ action: 'createContact', firstName: 'Bound', at });
		const loopIds = async (key) =>
			(await api('GET', `/profile/1001/loop?filter=${key}_min=${at}`)).body.data.map((l) => l.id);
		const contactIds = async () =>
			(await api('GET', `/contact?filter=updated_min=${at}`)).body.data.map((c) => c.id);

		expect(await loopIds('updated')).toEqual([loop.id]);
		expect(await loopIds('created')).toEqual([loop.id]);
		expect(await contactIds()).toEqual([contact.id]);
		expect((await admin(sb, 'PATCH', '/config', { minFilterBound: 'exclusive' })).status).toBe(200);
		expect(await loopIds('updated')).toEqual([]);
		expect(await loopIds('created')).toEqual([]);
		expect(await contactIds()).toEqual([]);
		expect((await admin(sb, 'PATCH', '/config', { minFilterBound: 'sometimes' })).status).toBe(400);
	});

	test('an event can be marked FAILED and a subscription disabled as after repeated failures', async () => {
		const sub = (
			await api('POST', '/subscription', {
				body: {
					targetType: 'PROFILE',
					targetId: 1001,
					eventTypes: ['LOOP_UPDATED'],
					url: 'https://unreachable.example.test/hook',
				},
			})
		).body.data;
		await simulate({ action: 'updateLoop', loopId: 50001, name: 'Renamed for an event' });
		const events = (await api('GET', `/subscription/${sub.id}/event`)).body.data;
		expect(events).toHaveLength(1);
		const failed = await admin(sb, 'POST', `/events/${events[0].id}/fail`);
		expect(failed.body).toEqual({
			id: events[0].id,
			subscriptionId: sub.id,
			deliveryStatus: 'FAILED',
		});
		const listed = (await api('GET', `/subscription/${sub.id}/event?delivery_status=FAILED`)).body
			.data;
		expect(listed.map((e) => [e.id, e.deliveryStatus])).toEqual([[events[0].id, 'FAILED']]);

		const disabled = await admin(sb, 'POST', `/subscriptions/${sub.id}/disable`);
		expect(disabled.body).toEqual({ id: sub.id, enabled: false });
		expect((await api('GET', `/subscription/${sub.id}`)).body.data.enabled).toBe(false);
		const goodbye = (await api('GET', `/subscription/${sub.id}/event`)).body.data[0];
		expect(goodbye.eventType).toBe('SUBSCRIPTION_DISABLED');

		expect(
			(await admin(sb, 'POST', '/events/00000000-0000-0000-0000-000000000000/fail')).status,
		).toBe(404);
		expect(
			(await admin(sb, 'POST', '/subscriptions/00000000-0000-0000-0000-000000000000/disable'))
				.status,
		).toBe(404);
	});
});
