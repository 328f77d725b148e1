import type { IDataObject } from 'n8n-workflow';

import { second, useSandboxTrigger } from './sandboxTrigger';

/**
 * Contact Created when contacts become visible out of ID order (issue 21, point 3): a contact is new
 * when its `created` falls inside the window read (changelog 05/31/2017); without `created`, when its
 * ID was never seen. Run under both sandbox readings: contacts with `created` and without.
 */
jest.setTimeout(60_000);

const sb = useSandboxTrigger();
const T0 = '2030-03-01T12:00:00Z';
const ids = (items: IDataObject[] | null) => (items ?? []).map((c) => c.id);

describe.each([true, false])('contacts carry created: %s', (contactCreated) => {
	beforeEach(async () => {
		await sb.admin('POST', '/reset', {});
		await sb.admin('PATCH', '/config', { contactCreated, rateLimit: 100000 });
	});
	afterAll(async () => {
		await sb.admin('PATCH', '/config', { contactCreated: true });
	});

	test('a contact that becomes visible after a higher ID is Created, never Updated; one request per poll', async () => {
		const created = sb.trigger({ event: 'contactCreated' });
		const updated = sb.trigger({ event: 'contactUpdated' });
		await sb.simulate({ action: 'updateContact', contactId: 400001, lastName: 'Start', at: T0 });
		expect(await created.run()).toBeNull();
		expect(await updated.run()).toBeNull();

		// 400131 and 400132 are created in the same second; 400132 is visible first.
		const early = await sb.simulate({
			action: 'createContact',
			firstName: 'Early',
			hidden: true,
			at: second(T0, 20),
		});
		const late = await sb.simulate({
			action: 'createContact',
			firstName: 'Late',
			at: second(T0, 20),
		});
		expect([early.id, late.id]).toEqual([400131, 400132]);
		let seq = await sb.lastSeq();
		expect(ids(await created.run())).toEqual([400132]);
		expect(await updated.run()).toBeNull();
		const query = {
			filter: `updated_min=${second(T0, -30)}`,
			batch_size: '100',
			batch_number: '1',
		};
		expect(await sb.requestsSince(seq)).toEqual([
			{ method: 'GET', path: '/public/v2/contact', query },
			{ method: 'GET', path: '/public/v2/contact', query },
		]);

		await sb.simulate({ action: 'revealContact', contactId: 400131 });
		seq = await sb.lastSeq();
		const out = await created.run();
		expect(out).toEqual([
			{
				id: 400131,
				firstName: 'Early',
				...(contactCreated ? { created: second(T0, 20) } : {}),
				updated: second(T0, 20),
			},
		]);
		expect(await updated.run()).toBeNull();
		expect((await sb.requestsSince(seq)).map((r) => (r.query as IDataObject).filter)).toEqual([
			`updated_min=${second(T0, -10)}`,
			`updated_min=${second(T0, -10)}`,
		]);

		// Later changes of either are updates, never a second creation.
		await sb.simulate({
			action: 'updateContact',
			contactId: 400131,
			lastName: 'Changed',
			at: second(T0, 21),
		});
		await sb.simulate({
			action: 'updateContact',
			contactId: 400001,
			lastName: 'Again',
			at: second(T0, 21),
		});
		expect(await created.run()).toBeNull();
		expect(ids(await updated.run())).toEqual([400001, 400131]);
		expect(await created.run()).toBeNull();
		expect(await updated.run()).toBeNull();
	});

	test('two contacts new in one second are both Created, an old one changed is not; the state keeps the 50 highest IDs', async () => {
		const created = sb.trigger({ event: 'contactCreated' });
		await sb.simulate({ action: 'updateContact', contactId: 400001, lastName: 'Start', at: T0 });
		await created.run();
		await sb.simulate({ action: 'createContact', firstName: 'A', at: second(T0, 5) });
		await sb.simulate({ action: 'createContact', firstName: 'B', at: second(T0, 5) });
		await sb.simulate({
			action: 'updateContact',
			contactId: 400090,
			lastName: 'Old',
			at: second(T0, 5),
		});
		expect(ids(await created.run())).toEqual([400131, 400132]);
		const state = created.staticData.dotloopPolling as { contacts: IDataObject };
		expect(state.contacts.maxId).toBe(400132);
		expect((state.contacts.recentIds as number[]).slice(0, 3)).toEqual([400132, 400131, 400130]);
		expect(state.contacts.recentIds).toHaveLength(50);
	});
});
