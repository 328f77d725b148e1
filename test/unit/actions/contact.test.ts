import type { INodeProperties } from 'n8n-workflow';

import { Dotloop } from '../../../nodes/Dotloop/Dotloop.node';
import { runDotloop } from '../helpers/n8n/action';
import { api, BASE_PATH, setupNock } from '../helpers/nock';

setupNock();

const contact = { id: 3603862, firstName: 'Brian', lastName: 'Erwin', email: 'brian@example.com' };

describe('Contact', () => {
	it('Get Many with a limit asks for one batch of that size and filters by whole-second UTC', async () => {
		api()
			.get(`${BASE_PATH}/contact`)
			.query({ batch_size: '2', batch_number: '1', filter: 'updated_min=2024-01-31T09:30:00Z' })
			.reply(200, { meta: { total: 5 }, data: [contact, { ...contact, id: 2 }] });

		const { output } = await runDotloop({
			params: {
				resource: 'contact',
				operation: 'getAll',
				returnAll: false,
				limit: 2,
				filters: { updatedSince: '2024-01-31T09:30:00.789Z' },
			},
		});

		expect(output).toEqual([
			{ json: contact, pairedItem: { item: 0 } },
			{ json: { ...contact, id: 2 }, pairedItem: { item: 0 } },
		]);
	});

	it('Get Many with Return All pages in batches of 100 until meta.total', async () => {
		const page = (from: number, count: number) =>
			Array.from({ length: count }, (_, n) => ({ id: from + n }));
		api()
			.get(`${BASE_PATH}/contact`)
			.query({ batch_size: '100', batch_number: '1' })
			.reply(200, { meta: { total: 150 }, data: page(1, 100) })
			.get(`${BASE_PATH}/contact`)
			.query({ batch_size: '100', batch_number: '2' })
			.reply(200, { meta: { total: 150 }, data: page(101, 50) });

		const { output } = await runDotloop({
			params: { resource: 'contact', operation: 'getAll', returnAll: true, filters: {} },
		});

		expect(output.map((item) => item.json.id)).toEqual(page(1, 150).map((c) => c.id));
	});

	it('Get reads the contact by id', async () => {
		api().get(`${BASE_PATH}/contact/3603862`).reply(200, { data: contact });

		const { output } = await runDotloop({
			params: { resource: 'contact', operation: 'get', contactId: '3603862' },
		});

		expect(output).toEqual([{ json: contact, pairedItem: { item: 0 } }]);
	});

	it('Create sends only the fields that were set', async () => {
		api()
			.post(`${BASE_PATH}/contact`, {
				firstName: 'Brian',
				lastName: 'Erwin',
				email: 'brian@example.com',
				city: 'San Francisco',
			})
			.reply(201, { data: contact });

		const { output } = await runDotloop({
			params: {
				resource: 'contact',
				operation: 'create',
				firstName: 'Brian',
				lastName: 'Erwin',
				email: 'brian@example.com',
				additionalFields: { city: 'San Francisco', state: '' },
			},
		});

		expect(output).toEqual([{ json: contact, pairedItem: { item: 0 } }]);
	});

	it.each([
		['Create', 'additionalFields', 'create'],
		['Create or Update', 'additionalFields', 'upsert'],
		['Update', 'updateFields', 'update'],
	])('%s says which phone field a CRM number goes to', (_, name, operation) => {
		const phones = (
			new Dotloop().description.properties.find(
				(p: INodeProperties) =>
					p.name === name && p.displayOptions?.show?.operation?.includes(operation),
			)?.options as INodeProperties[]
		)
			.filter((option) => ['home', 'office'].includes(option.name))
			.map((option) => [option.displayName, option.hint]);
		expect(phones).toEqual([
			[
				'Home Phone',
				'Personal number: a CRM\'s "mobile" goes here (Dotloop contacts have no mobile field)',
			],
			[
				'Office Phone',
				'Work number: a CRM\'s "phone" or "work phone" goes here, unless it is the person\'s own mobile',
			],
		]);
	});

	it('Create and Update offer Company and Role and send them as `company` and `role`', async () => {
		const optionsOf = (name: string, operation: string) =>
			(
				new Dotloop().description.properties.find(
					(p: INodeProperties) =>
						p.name === name && p.displayOptions?.show?.operation?.includes(operation),
				)?.options as INodeProperties[]
			)
				.filter((option) => ['company', 'role'].includes(option.name))
				.map((option) => [option.displayName, option.name, option.type]);
		const expected = [
			['Company', 'company', 'string'],
			['Role', 'role', 'string'],
		];
		expect(optionsOf('additionalFields', 'create')).toEqual(expected);
		expect(optionsOf('updateFields', 'update')).toEqual(expected);

		const withCompany = { ...contact, company: 'Allen Realty', role: 'Lender' };
		api()
			.post(`${BASE_PATH}/contact`, { firstName: 'Brian', company: 'Allen Realty', role: 'Lender' })
			.reply(201, { data: withCompany });
		api()
			.patch(`${BASE_PATH}/contact/3603862`, { company: 'Erwin Homes', role: 'Inspector' })
			.reply(200, { data: { ...contact, company: 'Erwin Homes', role: 'Inspector' } });

		const { output: created } = await runDotloop({
			params: {
				resource: 'contact',
				operation: 'create',
				firstName: 'Brian',
				additionalFields: { company: 'Allen Realty', role: 'Lender' },
			},
		});
		const { output: updated } = await runDotloop({
			params: {
				resource: 'contact',
				operation: 'update',
				contactId: 3603862,
				updateFields: { company: 'Erwin Homes', role: 'Inspector' },
			},
		});

		expect(created).toEqual([{ json: withCompany, pairedItem: { item: 0 } }]);
		expect(updated).toEqual([
			{ json: { ...contact, company: 'Erwin Homes', role: 'Inspector' }, pairedItem: { item: 0 } },
		]);
	});

	it('Create without a name or email is refused before any request', async () => {
		await expect(
			runDotloop({
				params: { resource: 'contact', operation: 'create', additionalFields: { city: 'Austin' } },
			}),
		).rejects.toThrow('A contact needs at least one of "First Name", "Last Name" or "Email"');
	});

	it('Update patches the chosen fields', async () => {
		api()
			.patch(`${BASE_PATH}/contact/3603862`, { home: '(415) 888 8888' })
			.reply(200, { data: { ...contact, home: '(415) 888 8888' } });

		const { output } = await runDotloop({
			params: {
				resource: 'contact',
				operation: 'update',
				contactId: 3603862,
				updateFields: { home: '(415) 888 8888' },
			},
		});

		expect(output).toEqual([
			{ json: { ...contact, home: '(415) 888 8888' }, pairedItem: { item: 0 } },
		]);
	});

	it('Update with no fields is refused before any request', async () => {
		await expect(
			runDotloop({
				params: { resource: 'contact', operation: 'update', contactId: '1', updateFields: {} },
			}),
		).rejects.toThrow('"Update Fields" is empty: add at least one field to change');
	});

	it('Delete answers { deleted, id }', async () => {
		api().delete(`${BASE_PATH}/contact/3603862`).reply(204);

		const { output } = await runDotloop({
			params: { resource: 'contact', operation: 'delete', contactId: '3603862' },
		});

		expect(output).toEqual([{ json: { deleted: true, id: 3603862 }, pairedItem: { item: 0 } }]);
	});

	it('refuses an ID that is not a positive whole number', async () => {
		await expect(
			runDotloop({ params: { resource: 'contact', operation: 'get', contactId: 'abc' } }),
		).rejects.toThrow('"Contact ID" must be a Dotloop ID (a positive whole number), not "abc"');
	});

	it('continueOnFail: a failing item yields its error paired to it and the rest go on', async () => {
		api()
			.get(`${BASE_PATH}/contact/1`)
			.reply(200, { data: { id: 1 } })
			.get(`${BASE_PATH}/contact/2`)
			.reply(404, { errors: [{ code: '404', detail: 'Contact not found' }] });

		const { output } = await runDotloop({
			items: [{ json: {} }, { json: {} }, { json: {} }],
			continueOnFail: true,
			params: (i) => ({ resource: 'contact', operation: 'get', contactId: ['1', '2', 'x'][i] }),
		});

		expect(output).toEqual([
			{ json: { id: 1 }, pairedItem: { item: 0 } },
			{
				json: {
					error: 'Contact not found',
					httpCode: '404',
					description: expect.stringContaining('does not exist'),
				},
				pairedItem: { item: 1 },
			},
			{
				json: { error: '"Contact ID" must be a Dotloop ID (a positive whole number), not "x"' },
				pairedItem: { item: 2 },
			},
		]);
	});
});
