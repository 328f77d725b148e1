import type { INodeProperties, INodePropertyCollection } from 'n8n-workflow';

import { Dotloop } from '../../../nodes/Dotloop/Dotloop.node';
import { expression, runDotloop } from '../helpers/n8n/action';
import { api, BASE_PATH, setupNock } from '../helpers/nock';

setupNock();

const byId = (id: string) => ({ __rl: true, mode: 'id', value: id });
const noTemplate = { __rl: true, mode: 'list', value: '' };

const created = {
	id: 34308,
	profileId: 4711,
	name: 'Brian Erwin',
	transactionType: 'PURCHASE_OFFER',
	status: 'PRE_OFFER',
	created: '2017-05-30T21:42:17Z',
	updated: '2017-05-31T23:27:11Z',
	loopUrl: 'https://www.dotloop.com/m/loop?viewId=34308',
};

const base = {
	resource: 'loopIt',
	operation: 'create',
	profileId: byId('4711'),
	name: 'Brian Erwin',
	transactionType: 'PURCHASE_OFFER',
	status: 'PRE_OFFER',
	templateId: noTemplate,
};

describe('Loop-It', () => {
	it('Create sends the documented example: profile_id in the query, everything else in the body', async () => {
		api()
			.post(`${BASE_PATH}/loop-it`, {
				name: 'Brian Erwin',
				transactionType: 'PURCHASE_OFFER',
				status: 'PRE_OFFER',
				streetName: 'Waterview Dr',
				streetNumber: '2100',
				unit: '12',
				city: 'San Francisco',
				zipCode: '94114',
				state: 'CA',
				country: 'US',
				county: 'San Francisco',
				participants: [
					{ fullName: 'Brian Erwin', email: 'brianerwin@newkyhome.com', role: 'BUYER' },
					{ fullName: 'Allen Agent', email: 'allen.agent@gmail.com', role: 'LISTING_AGENT' },
					{ fullName: 'Sean Seller', email: 'sean.seller@yahoo.com', role: 'SELLER' },
				],
				templateId: 1424,
				mlsPropertyId: '43FSB8',
				mlsId: '789',
				mlsAgentId: '123456789',
				nrdsId: '000123456',
			})
			.query({ profile_id: '4711' })
			.reply(201, { data: created });

		const { output } = await runDotloop({
			params: {
				...base,
				templateId: byId('1424'),
				propertyAddress: {
					streetName: 'Waterview Dr',
					streetNumber: '2100',
					unit: '12',
					city: 'San Francisco',
					zipCode: '94114',
					state: 'CA',
					country: 'US',
					county: 'San Francisco',
				},
				participants: {
					participant: [
						{ fullName: 'Brian Erwin', email: 'brianerwin@newkyhome.com', role: 'BUYER' },
						{ fullName: 'Allen Agent', email: 'allen.agent@gmail.com', role: 'LISTING_AGENT' },
						{ fullName: 'Sean Seller', email: 'sean.seller@yahoo.com', role: 'SELLER' },
					],
				},
				additionalFields: {
					mlsPropertyId: '43FSB8',
					mlsId: '789',
					mlsAgentId: '123456789',
					nrdsId: '000123456',
				},
			},
		});

		expect(output).toEqual([{ json: created, pairedItem: { item: 0 } }]);
	});

	it('Create with only the required fields sends no template, participants or empty values', async () => {
		api()
			.post(`${BASE_PATH}/loop-it`, {
				name: 'Brian Erwin',
				transactionType: 'PURCHASE_OFFER',
				status: 'PRE_OFFER',
				city: 'Austin',
			})
			.query({ profile_id: '4711' })
			.reply(201, { data: created });

		const { output } = await runDotloop({
			params: {
				...base,
				propertyAddress: { city: 'Austin', unit: '', state: ' ' },
				participants: {},
				additionalFields: { mlsId: '' },
			},
		});

		expect(output).toEqual([{ json: created, pairedItem: { item: 0 } }]);
	});

	it('Create sends a custom role, and a participant without email only what was set', async () => {
		api()
			.post(`${BASE_PATH}/loop-it`, {
				name: 'Brian Erwin',
				transactionType: 'PURCHASE_OFFER',
				status: 'PRE_OFFER',
				participants: [
					{ fullName: 'Stella Stager', role: 'STAGER' },
					{ email: 'tc@example.com', role: 'TRANSACTION_COORDINATOR' },
				],
			})
			.query({ profile_id: '4711' })
			.reply(201, { data: created });

		const { output } = await runDotloop({
			params: {
				...base,
				participants: {
					participant: [
						{ fullName: 'Stella Stager', email: '', role: 'custom', customRole: ' STAGER ' },
						{ fullName: '', email: 'tc@example.com', role: 'TRANSACTION_COORDINATOR' },
					],
				},
			},
		});

		expect(output).toEqual([{ json: created, pairedItem: { item: 0 } }]);
	});

	it('Create takes Custom Role as Participant does (customRole), and the value stored before (custom)', async () => {
		for (const stored of ['customRole', 'custom']) {
			api()
				.post(`${BASE_PATH}/loop-it`, {
					name: 'Brian Erwin',
					transactionType: 'PURCHASE_OFFER',
					status: 'PRE_OFFER',
					participants: [{ fullName: 'Stella Stager', role: 'Home Stager' }],
				})
				.query({ profile_id: '4711' })
				.reply(201, { data: created });

			const { output } = await runDotloop({
				params: {
					...base,
					participants: {
						participant: [{ fullName: 'Stella Stager', role: stored, customRole: ' Home Stager ' }],
					},
				},
			});

			expect(output).toEqual([{ json: created, pairedItem: { item: 0 } }]);
		}
	});

	it('Role and Custom Role are the same fields in Participant and Loop-It', () => {
		const properties = new Dotloop().description.properties;
		const participantCreate = properties.filter(
			(p: INodeProperties) =>
				p.displayOptions?.show?.resource?.includes('participant') &&
				p.displayOptions?.show?.operation?.includes('create'),
		);
		const loopItParticipant = (
			properties.find((p: INodeProperties) => p.name === 'participants')
				?.options as INodePropertyCollection[]
		)[0].values;
		const pick = (list: INodeProperties[], name: string) => list.find((p) => p.name === name);

		expect(pick(loopItParticipant, 'role')?.options).toEqual(
			pick(participantCreate, 'role')?.options,
		);
		expect(pick(loopItParticipant, 'customRole')?.displayOptions).toEqual({
			show: { role: ['customRole', 'custom'] },
		});
		expect({
			...pick(participantCreate, 'customRole')?.displayOptions?.show,
			resource: undefined,
			operation: undefined,
		}).toEqual({
			role: ['customRole', 'custom'],
			resource: undefined,
			operation: undefined,
		});
	});

	it('Create surfaces Dotloop’s 422 when the profile requires a template', async () => {
		api()
			.post(`${BASE_PATH}/loop-it`, {
				name: 'Brian Erwin',
				transactionType: 'PURCHASE_OFFER',
				status: 'PRE_OFFER',
			})
			.query({ profile_id: '4711' })
			.reply(422, {
				errors: [
					{
						source: { pointer: '/templateId' },
						detail: 'A loop template is required for this profile',
					},
				],
			});

		const error = await runDotloop({ params: base }).catch((e: unknown) => e);

		expect(error).toMatchObject({
			message: 'A loop template is required for this profile (templateId)',
			httpCode: '422',
		});
	});

	it('refuses a status that does not fit the transaction type', async () => {
		await expect(
			runDotloop({ params: { ...base, transactionType: 'LISTING_FOR_LEASE', status: 'SOLD' } }),
		).rejects.toThrow(
			'"Status" SOLD does not fit transaction type LISTING_FOR_LEASE: use one of PRE_LISTING, PRIVATE_LISTING, ACTIVE_LISTING, UNDER_CONTRACT, LEASED, ARCHIVED',
		);
	});

	it('refuses a name over 200 characters', async () => {
		await expect(runDotloop({ params: { ...base, name: 'n'.repeat(201) } })).rejects.toThrow(
			'"Name" may be at most 200 characters long; it has 201',
		);
	});

	it('refuses non-numeric profile and template IDs', async () => {
		await expect(
			runDotloop({ params: { ...base, profileId: byId(expression('me')) } }),
		).rejects.toThrow('"Profile" must be a Dotloop ID (a positive whole number), not "me"');
		await expect(
			runDotloop({ params: { ...base, templateId: byId(expression('1424.5')) } }),
		).rejects.toThrow(
			'"Loop Template" must be a Dotloop ID (a positive whole number), not "1424.5"',
		);
	});

	it('refuses a participant with neither name nor email, and an empty custom role', async () => {
		await expect(
			runDotloop({
				params: {
					...base,
					participants: {
						participant: [
							{ fullName: 'Brian Erwin', role: 'BUYER' },
							{ fullName: ' ', email: '', role: 'SELLER' },
						],
					},
				},
			}),
		).rejects.toThrow('Participant 2 needs a "Full Name" or an "Email"');
		await expect(
			runDotloop({
				params: {
					...base,
					participants: { participant: [{ fullName: 'X', role: 'custom', customRole: '' }] },
				},
			}),
		).rejects.toThrow('Participant 1: "Custom Role" is empty');
	});
});
