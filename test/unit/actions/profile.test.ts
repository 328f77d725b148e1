import { expression, runDotloop } from '../helpers/n8n/action';
import { api, BASE_PATH, setupNock } from '../helpers/nock';

setupNock();

const profile = {
	id: 3,
	name: 'My Profile',
	type: 'INDIVIDUAL',
	company: 'MyCompany',
	phone: '+0 (123) 456 7890',
	fax: '+0 (123) 456 7890',
	address: '1234 Wall St',
	city: 'New York',
	state: 'NY',
	zipCode: '10005',
	requiresTemplate: true,
};
const profiles = [profile, { ...profile, id: 4, type: 'OFFICE' }, { ...profile, id: 5 }];
const byId = (id: string) => ({ __rl: true, mode: 'id', value: id });

describe('Profile', () => {
	it('Get Many with Return All outputs every profile of the one response as its own item', async () => {
		api()
			.get(`${BASE_PATH}/profile`)
			.query({})
			.reply(200, { meta: { total: 3 }, data: profiles });

		const { output } = await runDotloop({
			params: { resource: 'profile', operation: 'getAll', returnAll: true },
		});

		expect(output).toEqual(profiles.map((json) => ({ json, pairedItem: { item: 0 } })));
	});

	it('Get Many with a limit keeps only the first profiles', async () => {
		api()
			.get(`${BASE_PATH}/profile`)
			.query({})
			.reply(200, { meta: { total: 3 }, data: profiles });

		const { output } = await runDotloop({
			params: { resource: 'profile', operation: 'getAll', returnAll: false, limit: 2 },
		});

		expect(output).toEqual(profiles.slice(0, 2).map((json) => ({ json, pairedItem: { item: 0 } })));
	});

	it('Get reads the profile from the locator', async () => {
		api().get(`${BASE_PATH}/profile/3`).query({}).reply(200, { data: profile });

		const { output } = await runDotloop({
			params: { resource: 'profile', operation: 'get', profileId: byId('3') },
		});

		expect(output).toEqual([{ json: profile, pairedItem: { item: 0 } }]);
	});

	it('Create posts the name and the fields that were set, never empty ones', async () => {
		const created = { ...profile, requiresTemplate: undefined };
		api()
			.post(`${BASE_PATH}/profile`, {
				name: 'My Profile',
				company: 'MyCompany',
				phone: '+0 (123) 456 7890',
				fax: '+0 (123) 456 7890',
				address: '1234 Wall St',
				city: 'New York',
				state: 'NY',
				zipCode: '10005',
				country: 'US',
			})
			.query({})
			.reply(201, { data: created });

		const { output } = await runDotloop({
			params: {
				resource: 'profile',
				operation: 'create',
				name: ' My Profile ',
				additionalFields: {
					company: 'MyCompany',
					phone: '+0 (123) 456 7890',
					fax: '+0 (123) 456 7890',
					address: '1234 Wall St',
					city: 'New York',
					state: 'NY',
					zipCode: '10005',
					country: 'US',
				},
			},
		});

		expect(output).toEqual([{ json: created, pairedItem: { item: 0 } }]);
	});

	it('Create with only a name posts only the name', async () => {
		api()
			.post(`${BASE_PATH}/profile`, { name: 'Solo' })
			.query({})
			.reply(201, { data: { id: 9, name: 'Solo', type: 'INDIVIDUAL' } });

		const { output } = await runDotloop({
			params: {
				resource: 'profile',
				operation: 'create',
				name: 'Solo',
				additionalFields: { company: '', city: '  ' },
			},
		});

		expect(output).toEqual([
			{ json: { id: 9, name: 'Solo', type: 'INDIVIDUAL' }, pairedItem: { item: 0 } },
		]);
	});

	it('Create without a name is refused before any request', async () => {
		await expect(
			runDotloop({
				params: { resource: 'profile', operation: 'create', name: ' ', additionalFields: {} },
			}),
		).rejects.toThrow('"Name" is required and may not be empty');
	});

	it('Update patches only the chosen fields', async () => {
		const changed = { ...profile, name: 'My Changed Profile Name', company: 'My New Company' };
		api()
			.patch(`${BASE_PATH}/profile/3`, {
				name: 'My Changed Profile Name',
				company: 'My New Company',
			})
			.query({})
			.reply(200, { data: changed });

		const { output } = await runDotloop({
			params: {
				resource: 'profile',
				operation: 'update',
				profileId: byId('3'),
				updateFields: { name: 'My Changed Profile Name', company: 'My New Company', fax: '' },
			},
		});

		expect(output).toEqual([{ json: changed, pairedItem: { item: 0 } }]);
	});

	it('Update with no fields is refused before any request', async () => {
		await expect(
			runDotloop({
				params: {
					resource: 'profile',
					operation: 'update',
					profileId: byId('3'),
					updateFields: { city: '' },
				},
			}),
		).rejects.toThrow('"Update Fields" is empty: add at least one field to change');
	});

	it('refuses a profile ID that is not a positive whole number', async () => {
		await expect(
			runDotloop({
				params: { resource: 'profile', operation: 'get', profileId: byId(expression('3a')) },
			}),
		).rejects.toThrow('"Profile" must be a Dotloop ID (a positive whole number), not "3a"');
	});
});
