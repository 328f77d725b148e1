import type { INodeProperties } from 'n8n-workflow';

import { Dotloop } from '../../../nodes/Dotloop/Dotloop.node';
import { expression, runDotloop } from '../helpers/n8n/action';
import { api, BASE_PATH, setupNock } from '../helpers/nock';

setupNock();

const byId = (id: string) => ({ __rl: true, mode: 'id', value: id });
const profileId = byId('4711');
const LOOPS = `${BASE_PATH}/profile/4711/loop`;

const loop = {
	id: 34308,
	name: 'Atturo Garay, 3059 Main, Chicago, IL 60614',
	status: 'PRE_LISTING',
	transactionType: 'LISTING_FOR_SALE',
	totalTaskCount: 5,
	completedTaskCount: 3,
	updated: '2017-05-30T21:42:17Z',
	created: '2017-05-17T01:18:37Z',
	loopUrl: 'https://www.dotloop.com/m/loop?viewId=34308',
};
const loops = (from: number, count: number) =>
	Array.from({ length: count }, (_, n) => ({ ...loop, id: from + n }));
const items = (records: object[]) => records.map((json) => ({ json, pairedItem: { item: 0 } }));
/** Get, Get Many and Find give each loop the stage of its status (written out here, not read from the node). */
const STAGES: Record<string, string> = { PRE_LISTING: 'Active', SOLD: 'Closed' };
const staged = (records: object[]) =>
	records.map((r) => ({ ...r, statusCategory: STAGES[(r as { status: string }).status] }));
/** Every loop item carries its profile, whichever loop operation made it. */
const inProfile = (records: object[], profileId = 4711) =>
	records.map((r) => ({ ...r, profileId }));

describe('Loop', () => {
	describe('Get Many', () => {
		it('with a limit smaller than a page asks for one batch of exactly that size', async () => {
			api()
				.get(LOOPS)
				.query({ batch_size: '3', batch_number: '1' })
				.reply(200, { meta: { total: 40 }, data: loops(1, 3) });

			const { output } = await runDotloop({
				params: { resource: 'loop', operation: 'getAll', profileId, returnAll: false, limit: 3 },
			});

			expect(output).toEqual(items(staged(inProfile(loops(1, 3)))));
		});

		it('with a limit above one page splits it into the fewest equal batches', async () => {
			api()
				.get(LOOPS)
				.query({ batch_size: '75', batch_number: '1' })
				.reply(200, { meta: { total: 400 }, data: loops(1, 75) })
				.get(LOOPS)
				.query({ batch_size: '75', batch_number: '2' })
				.reply(200, { meta: { total: 400 }, data: loops(76, 75) });

			const { output } = await runDotloop({
				params: { resource: 'loop', operation: 'getAll', profileId, returnAll: false, limit: 150 },
			});

			expect(output).toEqual(items(staged(inProfile(loops(1, 150)))));
		});

		it('with Return All pages in batches of 100 until meta.total is reached', async () => {
			api()
				.get(LOOPS)
				.query({ batch_size: '100', batch_number: '1' })
				.reply(200, { meta: { total: 220 }, data: loops(1, 100) })
				.get(LOOPS)
				.query({ batch_size: '100', batch_number: '2' })
				.reply(200, { meta: { total: 220 }, data: loops(101, 100) })
				.get(LOOPS)
				.query({ batch_size: '100', batch_number: '3' })
				.reply(200, { meta: { total: 220 }, data: loops(201, 20) });

			const { output } = await runDotloop({
				params: { resource: 'loop', operation: 'getAll', profileId, returnAll: true },
			});

			expect(output).toEqual(items(staged(inProfile(loops(1, 220)))));
		});

		it('joins every filter into ONE filter parameter, with whole-second UTC dates, plus sort and details', async () => {
			const detailed = { ...loop, details: { Financials: { 'Purchase/Sale Price': '342342' } } };
			api()
				.get(LOOPS)
				.query({
					batch_size: '50',
					batch_number: '1',
					filter:
						'updated_min=2024-01-01T00:00:00Z,created_min=2024-02-01T15:15:30Z,' +
						'transaction_type=PURCHASE_OFFER|LISTING_FOR_SALE,transaction_status=PRE_OFFER|ACTIVE_LISTING',
					sort: 'updated:desc',
					include_details: 'true',
				})
				.reply(200, { meta: { total: 1 }, data: [detailed] });

			const { output } = await runDotloop({
				timezone: 'America/New_York',
				params: {
					resource: 'loop',
					operation: 'getAll',
					profileId,
					returnAll: false,
					limit: 50,
					filters: {
						updatedSince: '2024-01-01T00:00:00.999Z',
						createdSince: '2024-02-01T10:15:30',
						transactionTypes: ['PURCHASE_OFFER', 'LISTING_FOR_SALE'],
						statuses: ['PRE_OFFER', 'ACTIVE_LISTING'],
					},
					options: { sortBy: 'updated', sortDirection: 'desc', includeDetails: true },
				},
			});

			expect(output).toEqual(items(staged(inProfile([detailed]))));
		});

		it('takes multi-select values from an expression as "A,B" and a sort category alone', async () => {
			api()
				.get(LOOPS)
				.query({
					batch_size: '10',
					batch_number: '1',
					filter: 'transaction_type=LEASE_OFFER|OTHER',
					sort: 'closing_date',
				})
				.reply(200, { meta: { total: 0 }, data: [] });

			const { output } = await runDotloop({
				params: {
					resource: 'loop',
					operation: 'getAll',
					profileId,
					returnAll: false,
					limit: 10,
					filters: { transactionTypes: 'LEASE_OFFER, OTHER', statuses: [] },
					options: { sortBy: 'closing_date', includeDetails: false },
				},
			});

			expect(output).toEqual([]);
		});

		it('refuses a filter date that is not a date before any request', async () => {
			await expect(
				runDotloop({
					params: {
						resource: 'loop',
						operation: 'getAll',
						profileId,
						returnAll: true,
						filters: { updatedSince: 'yesterday' },
					},
				}),
			).rejects.toThrow(
				'"Updated Since" must be a date and time, such as 2024-01-31T09:30:00Z, not "yesterday"',
			);
		});

		it('refuses an unknown transaction type or status in the filters', async () => {
			await expect(
				runDotloop({
					params: {
						resource: 'loop',
						operation: 'getAll',
						profileId,
						returnAll: true,
						filters: { transactionTypes: ['PURCHASED'] },
					},
				}),
			).rejects.toThrow('"Transaction Types" must be one of PURCHASE_OFFER, LISTING_FOR_SALE');
			await expect(
				runDotloop({
					params: {
						resource: 'loop',
						operation: 'getAll',
						profileId,
						returnAll: true,
						filters: { statuses: 'SOLD|CLOSED' },
					},
				}),
			).rejects.toThrow(/^"Statuses" must be one of .* not "CLOSED"$/);
		});

		it('on an OFFICE profile surfaces Dotloop’s 403 detail and httpCode 403', async () => {
			api()
				.get(`${BASE_PATH}/profile/99/loop`)
				.query({ batch_size: '50', batch_number: '1' })
				.reply(403, {
					errors: [{ code: '403', detail: 'Access to loops is restricted to INDIVIDUAL profiles' }],
				});

			const error = await runDotloop({
				params: {
					resource: 'loop',
					operation: 'getAll',
					profileId: byId('99'),
					returnAll: false,
					limit: 50,
				},
			}).catch((e: unknown) => e);

			expect(error).toMatchObject({
				message: 'Access to loops is restricted to INDIVIDUAL profiles',
				httpCode: '403',
				description: expect.stringContaining('Loops exist only on INDIVIDUAL profiles'),
			});
		});

		it('on an OFFICE profile with Continue On Fail yields the 403 as an error item', async () => {
			api()
				.get(`${BASE_PATH}/profile/99/loop`)
				.query({ batch_size: '100', batch_number: '1' })
				.reply(403, {
					errors: [{ detail: 'Access to loops is restricted to INDIVIDUAL profiles' }],
				});

			const { output } = await runDotloop({
				continueOnFail: true,
				params: { resource: 'loop', operation: 'getAll', profileId: byId('99'), returnAll: true },
			});

			expect(output).toEqual([
				{
					json: {
						error: 'Access to loops is restricted to INDIVIDUAL profiles',
						httpCode: '403',
						description: expect.stringContaining('Loops exist only on INDIVIDUAL profiles'),
					},
					pairedItem: { item: 0 },
				},
			]);
		});
	});

	describe('Get', () => {
		it('reads the loop by id', async () => {
			api().get(`${LOOPS}/34308`).query({}).reply(200, { data: loop });

			const { output } = await runDotloop({
				params: { resource: 'loop', operation: 'get', profileId, loopId: byId('34308') },
			});

			expect(output).toEqual(items(staged(inProfile([loop]))));
		});

		it('resolves a loop link (URL mode) to the viewId', async () => {
			api().get(`${LOOPS}/34308`).query({}).reply(200, { data: loop });

			const { output } = await runDotloop({
				params: {
					resource: 'loop',
					operation: 'get',
					profileId,
					loopId: { __rl: true, mode: 'url', value: 'https://www.dotloop.com/m/loop?viewId=34308' },
				},
			});

			expect(output).toEqual(items(staged(inProfile([loop]))));
		});

		it('follows the 301 of a merged loop and says which loop it was merged into', async () => {
			const merged = { ...loop, id: 888, loopUrl: 'https://www.dotloop.com/m/loop?viewId=888' };
			api()
				.get(`${BASE_PATH}/profile/1/loop/777`)
				.query({})
				.reply(301, '', { Location: '/public/v2/profile/1/loop/888' })
				.get(`${BASE_PATH}/profile/1/loop/888`)
				.query({})
				.reply(200, { data: merged });

			const { output } = await runDotloop({
				params: { resource: 'loop', operation: 'get', profileId: byId('1'), loopId: byId('777') },
			});

			expect(output).toEqual([
				{
					json: {
						...merged,
						statusCategory: 'Active',
						mergedFromLoopId: 777,
						mergedIntoLoopId: 888,
						profileId: 1,
					},
					pairedItem: { item: 0 },
				},
			]);
		});

		it('refuses a loop ID that is not a positive whole number', async () => {
			await expect(
				runDotloop({
					params: {
						resource: 'loop',
						operation: 'get',
						profileId,
						loopId: byId(expression('34308x')),
					},
				}),
			).rejects.toThrow('"Loop" must be a Dotloop ID (a positive whole number), not "34308x"');
		});
	});

	describe('Create', () => {
		it('posts name, transaction type and status to the profile', async () => {
			api()
				.post(LOOPS, {
					name: 'Atturo Garay, 3059 Main, Chicago, IL 60614',
					status: 'PRE_LISTING',
					transactionType: 'LISTING_FOR_SALE',
				})
				.query({})
				.reply(201, { data: { ...loop, profileId: 4711 } });

			const { output } = await runDotloop({
				params: {
					resource: 'loop',
					operation: 'create',
					profileId,
					name: 'Atturo Garay, 3059 Main, Chicago, IL 60614',
					transactionType: 'LISTING_FOR_SALE',
					status: 'PRE_LISTING',
				},
			});

			expect(output).toEqual(items([{ ...loop, profileId: 4711 }]));
		});

		it('sends the chosen Loop Template as templateId, from the list or by ID', async () => {
			const body = {
				name: 'Atturo Garay, 3059 Main, Chicago, IL 60614',
				status: 'PRE_LISTING',
				transactionType: 'LISTING_FOR_SALE',
			};
			api()
				.post(LOOPS, { ...body, templateId: 1424 })
				.query({})
				.reply(201, { data: loop });
			api()
				.post(LOOPS, { ...body, templateId: 1425 })
				.query({})
				.reply(201, { data: loop });
			const run = async (templateId: object) =>
				await runDotloop({
					params: { resource: 'loop', operation: 'create', profileId, ...body, templateId },
				});

			const fromList = await run({ __rl: true, mode: 'list', value: '1424' });
			const byTemplateId = await run(byId(' 1425 '));

			expect(fromList.output).toEqual(items([loop]));
			expect(byTemplateId.output).toEqual(items([loop]));
		});

		it('offers the profile’s templates in a picker or by ID, optional', () => {
			const template = new Dotloop().description.properties.find(
				(p: INodeProperties) =>
					p.name === 'templateId' &&
					p.displayOptions?.show?.resource?.includes('loop') &&
					p.displayOptions?.show?.operation?.includes('create'),
			);
			expect(template).toMatchObject({ type: 'resourceLocator', required: false });
			expect(
				template?.modes?.map((mode) => [mode.name, mode.typeOptions?.searchListMethod]),
			).toEqual([
				['list', 'searchLoopTemplates'],
				['id', undefined],
			]);
		});

		it('refuses a Loop Template ID that is not a whole number before any request', async () => {
			await expect(
				runDotloop({
					params: {
						resource: 'loop',
						operation: 'create',
						profileId,
						name: 'A',
						transactionType: 'LISTING_FOR_SALE',
						status: 'PRE_LISTING',
						templateId: byId(expression('14x')),
					},
				}),
			).rejects.toThrow(
				'"Loop Template" must be a Dotloop ID (a positive whole number), not "14x"',
			);
		});

		it('quotes an invalid value cut to a readable length', async () => {
			const pasted = `https://example.com/${'x'.repeat(300)}`;
			await expect(
				runDotloop({
					params: {
						resource: 'loop',
						operation: 'get',
						profileId,
						loopId: byId(expression(pasted)),
					},
				}),
			).rejects.toThrow(
				`"Loop" must be a Dotloop ID (a positive whole number), not "${pasted.slice(0, 60)}… (320 characters)"`,
			);
			await expect(
				runDotloop({
					params: {
						resource: 'loop',
						operation: 'create',
						profileId,
						name: 'A',
						transactionType: 'LISTING_FOR_SALE',
						status: 'S'.repeat(100),
					},
				}),
			).rejects.toThrow(
				`"Status" ${'S'.repeat(60)}… (100 characters) does not fit transaction type LISTING_FOR_SALE`,
			);
		});

		it('refuses a status that does not fit the transaction type', async () => {
			await expect(
				runDotloop({
					params: {
						resource: 'loop',
						operation: 'create',
						profileId,
						name: 'x',
						transactionType: 'PURCHASE_OFFER',
						status: 'ACTIVE_LISTING',
					},
				}),
			).rejects.toThrow(
				'"Status" ACTIVE_LISTING does not fit transaction type PURCHASE_OFFER: use one of PRE_OFFER, UNDER_CONTRACT, SOLD, ARCHIVED',
			);
		});

		it('refuses a name over 200 characters and an empty name', async () => {
			const params = {
				resource: 'loop',
				operation: 'create',
				profileId,
				transactionType: 'OTHER',
				status: 'NEW',
			};
			await expect(runDotloop({ params: { ...params, name: 'a'.repeat(201) } })).rejects.toThrow(
				'"Name" may be at most 200 characters long; it has 201',
			);
			await expect(runDotloop({ params: { ...params, name: '  ' } })).rejects.toThrow(
				'"Name" is required and may not be empty',
			);
		});

		it('refuses an unknown transaction type', async () => {
			await expect(
				runDotloop({
					params: {
						resource: 'loop',
						operation: 'create',
						profileId,
						name: 'x',
						transactionType: 'PURCHASED',
						status: 'SOLD',
					},
				}),
			).rejects.toThrow('"Transaction Type" must be one of PURCHASE_OFFER, LISTING_FOR_SALE');
		});
	});

	describe('Update', () => {
		it('patches only the fields that were set', async () => {
			const sold = { ...loop, status: 'SOLD', name: 'Renamed' };
			api()
				.patch(`${LOOPS}/34308`, {
					name: 'Renamed',
					transactionType: 'LISTING_FOR_SALE',
					status: 'SOLD',
				})
				.query({})
				.reply(200, { data: sold });

			const { output } = await runDotloop({
				params: {
					resource: 'loop',
					operation: 'update',
					profileId,
					loopId: byId('34308'),
					updateFields: { name: 'Renamed', transactionType: 'LISTING_FOR_SALE', status: 'SOLD' },
				},
			});

			expect(output).toEqual(items(inProfile([sold])));
		});

		it('patches a status alone', async () => {
			api()
				.patch(`${LOOPS}/34308`, { status: 'SOLD' })
				.query({})
				.reply(200, { data: { ...loop, status: 'SOLD' } });

			const { output } = await runDotloop({
				params: {
					resource: 'loop',
					operation: 'update',
					profileId,
					loopId: { __rl: true, mode: 'url', value: 'https://www.dotloop.com/m/loop?viewId=34308' },
					updateFields: { status: 'SOLD', name: '' },
				},
			});

			expect(output).toEqual(items(inProfile([{ ...loop, status: 'SOLD' }])));
		});

		it('refuses an update with no fields before any request', async () => {
			await expect(
				runDotloop({
					params: {
						resource: 'loop',
						operation: 'update',
						profileId,
						loopId: byId('34308'),
						updateFields: { name: ' ' },
					},
				}),
			).rejects.toThrow(
				'"Update Fields" is empty: add at least one of Name, Status or Transaction Type',
			);
		});

		it('refuses a status that does not fit the new transaction type, an unknown status and a long name', async () => {
			const params = { resource: 'loop', operation: 'update', profileId, loopId: byId('34308') };
			await expect(
				runDotloop({
					params: { ...params, updateFields: { transactionType: 'LEASE_OFFER', status: 'SOLD' } },
				}),
			).rejects.toThrow('"Status" SOLD does not fit transaction type LEASE_OFFER');
			await expect(
				runDotloop({ params: { ...params, updateFields: { status: 'CLOSED' } } }),
			).rejects.toThrow(/^"Status" must be one of PRE_OFFER, .* not "CLOSED"$/);
			await expect(
				runDotloop({ params: { ...params, updateFields: { name: 'b'.repeat(250) } } }),
			).rejects.toThrow('"Name" may be at most 200 characters long; it has 250');
		});
	});
});
