import { expression, runDotloop } from '../helpers/n8n/action';
import { api, BASE_PATH, setupNock } from '../helpers/nock';

setupNock();

const PARTICIPANTS = `${BASE_PATH}/profile/4711/loop/34308/participant`;
const parents = {
	profileId: { __rl: true, mode: 'list', value: '4711' },
	loopId: { __rl: true, mode: 'list', value: '34308' },
};
const buyer = {
	id: 2355,
	fullName: 'Brian Erwin',
	email: 'brianerwin@newkyhome.com',
	role: 'BUYER',
	Phone: '(555) 555-5555',
};
const agent = {
	id: 57567,
	fullName: 'Allen Agent',
	email: 'allen.agent@gmail.com',
	role: 'LISTING_AGENT',
	Phone: '(555) 555-1234',
	'Company Name': 'Allen Realty',
};

function createParams(extra: object) {
	return {
		resource: 'participant',
		operation: 'create',
		...parents,
		fullName: 'Brian Erwin',
		email: '',
		role: 'BUYER',
		customRole: '',
		additionalFields: {},
		...extra,
	};
}

describe('Participant', () => {
	it('Get Many with Return All lists every participant of the loop', async () => {
		api()
			.get(PARTICIPANTS)
			.reply(200, { meta: { total: 2 }, data: [buyer, agent] });

		const { output } = await runDotloop({
			params: { resource: 'participant', operation: 'getAll', ...parents, returnAll: true },
		});

		expect(output).toEqual([
			{ json: buyer, pairedItem: { item: 0 } },
			{ json: agent, pairedItem: { item: 0 } },
		]);
	});

	it('Get Many with a limit keeps that many', async () => {
		api()
			.get(PARTICIPANTS)
			.reply(200, { meta: { total: 2 }, data: [buyer, agent] });

		const { output } = await runDotloop({
			params: {
				resource: 'participant',
				operation: 'getAll',
				...parents,
				returnAll: false,
				limit: 1,
			},
		});

		expect(output).toEqual([{ json: buyer, pairedItem: { item: 0 } }]);
	});

	it('Get reads one participant', async () => {
		api().get(`${PARTICIPANTS}/2355`).reply(200, { data: buyer });

		const { output } = await runDotloop({
			params: { resource: 'participant', operation: 'get', ...parents, participantId: '2355' },
		});

		expect(output).toEqual([{ json: buyer, pairedItem: { item: 0 } }]);
	});

	it("Create sends every field under Dotloop's own keys, spaces and slashes included", async () => {
		const body = {
			fullName: 'Brian Erwin',
			email: 'brian@gmail.com',
			role: 'BUYER',
			'Street Name': 'Main St.',
			'Street Number': '123',
			'Unit Number': '4B',
			City: 'Cincinnati',
			'State/Prov': 'OH',
			'Zip/Postal Code': '45123',
			Country: 'USA',
			Phone: '(555) 555-5555',
			'Cell Phone': '(555) 555-4444',
			'Company Name': "Buyer's Company",
			'Marital Status': 'Married',
		};
		api()
			.post(PARTICIPANTS, body)
			.reply(201, { data: { id: 2355, ...body } });

		const { output } = await runDotloop({
			params: createParams({
				fullName: ' Brian Erwin ',
				email: 'brian@gmail.com',
				additionalFields: {
					streetName: 'Main St.',
					streetNumber: '123',
					unitNumber: '4B',
					city: 'Cincinnati',
					stateProv: 'OH',
					zipPostalCode: '45123',
					country: 'USA',
					phone: '(555) 555-5555',
					cellPhone: '(555) 555-4444',
					companyName: "Buyer's Company",
					maritalStatus: 'Married',
				},
			}),
		});

		expect(output).toEqual([{ json: { id: 2355, ...body }, pairedItem: { item: 0 } }]);
	});

	it("Create sends an agent's role-specific fields and leaves out empty ones", async () => {
		const body = {
			fullName: 'Allen Agent',
			role: 'LISTING_AGENT',
			ID: 'A-17',
			'License #': 'SL-3345',
			Fax: '(555) 555-0000',
		};
		api()
			.post(PARTICIPANTS, body)
			.reply(201, { data: { id: 57567, ...body } });

		const { output } = await runDotloop({
			params: createParams({
				fullName: 'Allen Agent',
				role: 'LISTING_AGENT',
				additionalFields: {
					roleId: 'A-17',
					licenseNumber: 'SL-3345',
					fax: '(555) 555-0000',
					city: ' ',
				},
			}),
		});

		expect(output).toEqual([{ json: { id: 57567, ...body }, pairedItem: { item: 0 } }]);
	});

	it('Create with Custom Role sends the role name as typed', async () => {
		api()
			.post(PARTICIPANTS, { fullName: 'Sam Stager', role: 'Home Stager', Fax: '(555) 555-0101' })
			.reply(201, { data: { id: 9, fullName: 'Sam Stager', role: 'Home Stager' } });

		const { output } = await runDotloop({
			params: createParams({
				fullName: 'Sam Stager',
				role: 'customRole',
				customRole: ' Home Stager ',
				additionalFields: { fax: '(555) 555-0101' },
			}),
		});

		expect(output).toEqual([
			{ json: { id: 9, fullName: 'Sam Stager', role: 'Home Stager' }, pairedItem: { item: 0 } },
		]);
	});

	it('Create takes a built-in role from an expression, Custom Role left empty', async () => {
		// n8n shows every field that depends on a Role set by an expression; a required Custom Role
		// then made n8n refuse the whole run ("Parameter \"Custom Role\" is required").
		api()
			.post(PARTICIPANTS, { fullName: 'Brian Erwin', role: 'BUYER' })
			.reply(201, { data: { id: 2355, fullName: 'Brian Erwin', role: 'BUYER' } });

		const { output } = await runDotloop({
			items: [{ json: { role: 'BUYER' } }],
			params: createParams({ role: '={{ $json.role }}' }),
		});

		expect(output).toEqual([
			{ json: { id: 2355, fullName: 'Brian Erwin', role: 'BUYER' }, pairedItem: { item: 0 } },
		]);
	});

	it('Create takes the Custom Role value Loop-It stored before both shared one (custom)', async () => {
		api()
			.post(PARTICIPANTS, { fullName: 'Sam Stager', role: 'Home Stager' })
			.reply(201, { data: { id: 9, fullName: 'Sam Stager', role: 'Home Stager' } });

		const { output } = await runDotloop({
			params: createParams({ fullName: 'Sam Stager', role: 'custom', customRole: ' Home Stager ' }),
		});

		expect(output).toEqual([
			{ json: { id: 9, fullName: 'Sam Stager', role: 'Home Stager' }, pairedItem: { item: 0 } },
		]);
	});

	it('Create refuses a missing role before any request', async () => {
		await expect(
			runDotloop({ params: createParams({ role: expression('') }) }),
		).rejects.toMatchObject({
			message: '"Role" is required: Dotloop adds no participant without a role',
			description:
				'Choose one of the built-in roles, or Custom Role and the name of your own role.',
		});
		await expect(
			runDotloop({ params: createParams({ role: 'customRole', customRole: expression('  ') }) }),
		).rejects.toThrow('"Custom Role" is required and may not be empty');
	});

	it('Create refuses a missing full name before any request', async () => {
		await expect(
			runDotloop({ params: createParams({ fullName: expression('') }) }),
		).rejects.toThrow('"Full Name" is required and may not be empty');
	});

	it('Create refuses role-specific fields the built-in role does not take', async () => {
		await expect(
			runDotloop({
				params: createParams({
					role: 'SELLER',
					additionalFields: { fax: '1', licenseNumber: '2' },
				}),
			}),
		).rejects.toThrow(
			'"Fax", "License #" does not apply to role SELLER, which takes Marital Status',
		);
	});

	it('Update patches only the chosen fields', async () => {
		const updated = { ...buyer, email: 'brian@gmail.com', 'Cell Phone': '(555) 555-4444' };
		api()
			.patch(`${PARTICIPANTS}/2355`, { email: 'brian@gmail.com', 'Cell Phone': '(555) 555-4444' })
			.reply(200, { data: updated });

		const { output } = await runDotloop({
			params: {
				resource: 'participant',
				operation: 'update',
				...parents,
				participantId: 2355,
				updateFields: { email: 'brian@gmail.com', cellPhone: '(555) 555-4444', city: '' },
			},
		});

		expect(output).toEqual([{ json: updated, pairedItem: { item: 0 } }]);
	});

	it('Update changes the role to a built-in or a custom one', async () => {
		api()
			.patch(`${PARTICIPANTS}/2355`, { role: 'TENANT', 'Marital Status': 'Single' })
			.reply(200, { data: { ...buyer, role: 'TENANT' } })
			.patch(`${PARTICIPANTS}/2355`, { role: 'Home Stager' })
			.reply(200, { data: { ...buyer, role: 'Home Stager' } });

		const { output } = await runDotloop({
			items: [{ json: {} }, { json: {} }],
			params: (i) => ({
				resource: 'participant',
				operation: 'update',
				...parents,
				participantId: '2355',
				updateFields: [{ role: 'TENANT', maritalStatus: 'Single' }, { customRole: 'Home Stager' }][
					i
				],
			}),
		});

		expect(output.map((item) => item.json.role)).toEqual(['TENANT', 'Home Stager']);
	});

	it('Update refuses no fields, or a custom role next to a built-in role', async () => {
		const params = {
			resource: 'participant',
			operation: 'update',
			...parents,
			participantId: '2355',
		};
		await expect(
			runDotloop({ params: { ...params, updateFields: { email: ' ' } } }),
		).rejects.toThrow('"Update Fields" is empty: add at least one field to change');
		await expect(
			runDotloop({
				params: { ...params, updateFields: { role: 'BUYER', customRole: 'Home Stager' } },
			}),
		).rejects.toThrow(
			'"Custom Role" is set but "Role" is BUYER: choose Custom Role as the Role, or clear "Custom Role"',
		);
	});

	it('Delete answers { deleted, id }', async () => {
		api().delete(`${PARTICIPANTS}/2355`).reply(204);

		const { output } = await runDotloop({
			params: { resource: 'participant', operation: 'delete', ...parents, participantId: '2355' },
		});

		expect(output).toEqual([{ json: { deleted: true, id: 2355 }, pairedItem: { item: 0 } }]);
	});

	it.each(['get', 'update', 'delete'])(
		'%s refuses a participant ID that is not a Dotloop ID',
		async (operation) => {
			await expect(
				runDotloop({
					params: {
						resource: 'participant',
						operation,
						...parents,
						participantId: 'Brian Erwin',
						updateFields: { email: 'b@example.com' },
					},
				}),
			).rejects.toThrow(
				'"Participant ID" must be a Dotloop ID (a positive whole number), not "Brian Erwin"',
			);
		},
	);

	it('continueOnFail: deletes the good items and reports the failing ones paired to them', async () => {
		api()
			.delete(`${PARTICIPANTS}/1`)
			.reply(204)
			.delete(`${PARTICIPANTS}/2`)
			.reply(404, { errors: [{ code: '404', detail: 'Participant not found' }] })
			.delete(`${PARTICIPANTS}/4`)
			.reply(204);

		const { output } = await runDotloop({
			items: [{ json: {} }, { json: {} }, { json: {} }, { json: {} }],
			continueOnFail: true,
			params: (i) => ({
				resource: 'participant',
				operation: 'delete',
				...parents,
				participantId: ['1', '2', '', '4'][i],
			}),
		});

		expect(output).toEqual([
			{ json: { deleted: true, id: 1 }, pairedItem: { item: 0 } },
			{
				json: {
					error: 'Participant not found',
					httpCode: '404',
					description: expect.stringContaining('does not exist'),
				},
				pairedItem: { item: 1 },
			},
			{
				json: {
					error: '"Participant ID" must be a Dotloop ID (a positive whole number), not ""',
					description: 'Set "Participant ID" to the ID of the record in Dotloop.',
				},
				pairedItem: { item: 2 },
			},
			{ json: { deleted: true, id: 4 }, pairedItem: { item: 3 } },
		]);
	});
});
