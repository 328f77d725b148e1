import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { disclosuresPdf } from './fixtures/pdf';
import { useSandbox } from './helpers/sandboxRun';

/**
 * The same node code as the nock tests, against the local Dotloop sandbox (test/sandbox): real paging,
 * filters, merges, multipart, rate limits and token expiry as the sandbox implements the API.
 */
const { admin, run, lastSeq, apiRequestsSince } = useSandbox();

const id = (value: string | number) => ({ __rl: true, mode: 'id', value: String(value) });

const json = (output: INodeExecutionData[]) => output.map((item) => item.json);

/**
 * Where the documentation is ambiguous the sandbox offers each reading (test/sandbox/README.md); the
 * node must work under every one of them.
 */
const READINGS = [
	{
		reading: 'paths and detail values exactly as documented',
		strictPaths: true,
		strictDetailValues: true,
	},
	{
		reading: 'trailing slashes ignored, numeric detail values kept',
		strictPaths: false,
		strictDetailValues: false,
	},
];

describe.each(READINGS)(
	'the node against the Dotloop sandbox: $reading',
	({ strictPaths, strictDetailValues }) => {
		beforeAll(async () => {
			await admin('POST', '/reset');
			await admin('PATCH', '/config', { strictPaths, strictDetailValues });
		});

		it('sends the documented paths: folder create, document upload and task lists with their trailing slash', async () => {
			const parents = { profileId: id(1001), loopId: id(50004) };
			const seq = await lastSeq();
			const { output: folder } = await run({
				resource: 'folder',
				operation: 'create',
				...parents,
				folderName: 'Strict',
			});
			const folderId = folder[0].json.id as number;
			const { output: uploaded } = await run(
				{
					resource: 'document',
					operation: 'upload',
					...parents,
					folderId: id(folderId),
					binaryPropertyName: 'data',
					options: {},
				},
				{
					items: [
						{
							json: {},
							binary: {
								data: {
									data: disclosuresPdf.toString('base64'),
									mimeType: 'application/pdf',
									fileName: 'strict.pdf',
								},
							},
						},
					],
				},
			);
			const { output: taskLists } = await run({
				resource: 'taskList',
				operation: 'getAll',
				profileId: id(1001),
				loopId: id(50001),
				returnAll: true,
			});
			const { output: documents } = await run({
				resource: 'document',
				operation: 'getAll',
				...parents,
				folderId: id(folderId),
				returnAll: true,
			});

			const loop = '/public/v2/profile/1001/loop/50004';
			expect(
				(await apiRequestsSince(seq)).map(
					(entry) => `${entry.method} ${entry.path} ${entry.status}`,
				),
			).toEqual([
				`POST ${loop}/folder/ 201`,
				`POST ${loop}/folder/${folderId}/document/ 201`,
				'GET /public/v2/profile/1001/loop/50001/tasklist/ 200',
				`GET ${loop}/folder/${folderId}/document 200`,
			]);
			expect(taskLists.map((item) => item.json.name)).toEqual(['Contract to Close', 'Compliance']);
			expect(json(documents)).toEqual([
				{
					id: uploaded[0].json.id,
					filename: 'strict.pdf',
					name: 'strict.pdf',
					created: expect.any(String),
					updated: expect.any(String),
				},
			]);
		});

		it('creates a loop from a template on a profile that requires one, and says what Dotloop said without', async () => {
			const loop = {
				resource: 'loop',
				operation: 'create',
				profileId: id(1002),
				name: 'Templated',
				transactionType: 'PURCHASE_OFFER',
				status: 'PRE_OFFER',
			};
			await expect(
				run({ ...loop, templateId: { __rl: true, mode: 'list', value: '' } }),
			).rejects.toMatchObject({
				httpCode: '422',
				message: 'templateId is required: this profile requires a loop template',
				description:
					'Check the fields named above. If this profile needs a template for new loops (its entry in the Profile list says so), choose one in "Loop Template".',
			});
			const seq = await lastSeq();
			const { output } = await run({
				...loop,
				templateId: { __rl: true, mode: 'list', value: '1411' },
			});
			expect(output[0].json).toMatchObject({
				name: 'Templated',
				transactionType: 'PURCHASE_OFFER',
			});
			expect((await apiRequestsSince(seq)).map((entry) => entry.body)).toEqual([
				{
					name: 'Templated',
					transactionType: 'PURCHASE_OFFER',
					status: 'PRE_OFFER',
					templateId: 1411,
				},
			]);
		});

		it('keeps a contact’s company and role', async () => {
			const { output } = await run({
				resource: 'contact',
				operation: 'create',
				firstName: 'Lena',
				lastName: '',
				email: '',
				additionalFields: { company: 'Allen Realty', role: 'Lender' },
			});
			const contact = (await admin('GET', '/state')) as { contacts: IDataObject[] };
			expect(contact.contacts.find((c) => c.id === output[0].json.id)).toMatchObject({
				company: 'Allen Realty',
				role: 'Lender',
			});
		});

		it('updates loop details from JSON with numbers and dates, sent as Dotloop’s strings', async () => {
			const { output } = await run({
				resource: 'loopDetail',
				operation: 'update',
				profileId: id(1001),
				loopId: id(50004),
				mode: 'json',
				detailsJson: JSON.stringify({ Financials: { 'Purchase/Sale Price': 455000 } }),
			});
			expect((output[0].json.Financials as IDataObject)['Purchase/Sale Price']).toBe('455000');
			const { output: dated } = await run(
				{
					resource: 'loopDetail',
					operation: 'update',
					profileId: id(1001),
					loopId: id(50004),
					mode: 'fields',
					contractDates: { closingDate: '2024-03-15T00:00:00Z' },
					clearFields: [],
				},
				{ timezone: 'America/New_York' },
			);
			expect((dated[0].json['Contract Dates'] as IDataObject)['Closing Date']).toBe('03/15/2024');
		});

		it('Account Get', async () => {
			const { output } = await run({ resource: 'account', operation: 'get' });
			expect(json(output)).toEqual([
				expect.objectContaining({ id: 100, firstName: 'Brian', defaultProfileId: 1001 }),
			]);
		});

		it('Contact Get Many with Return All takes the fewest requests', async () => {
			const seq = await lastSeq();
			const { output } = await run({
				resource: 'contact',
				operation: 'getAll',
				returnAll: true,
				filters: {},
			});
			const requests = await apiRequestsSince(seq);

			expect(output.length).toBeGreaterThan(100);
			expect(requests).toHaveLength(Math.ceil(output.length / 100));
			expect(new Set(output.map((item) => item.json.id)).size).toBe(output.length);
		});

		it('Activity Get Many pages through meta.total = -1', async () => {
			const { output } = await run({
				resource: 'activity',
				operation: 'getAll',
				profileId: id(1001),
				loopId: id(50001),
				returnAll: true,
			});
			expect(output).toHaveLength(137);
		});

		it('follows a merged loop and says where it went', async () => {
			const { output } = await run({
				resource: 'loop',
				operation: 'get',
				profileId: id(1001),
				loopId: id(50037),
			});
			expect(json(output)).toEqual([
				expect.objectContaining({ id: 50002, mergedFromLoopId: 50037, mergedIntoLoopId: 50002 }),
			]);
		});

		it("surfaces Dotloop's 403 for loops on an OFFICE profile", async () => {
			await expect(
				run({
					resource: 'loop',
					operation: 'getAll',
					profileId: id(1003),
					returnAll: false,
					limit: 5,
				}),
			).rejects.toMatchObject({ httpCode: '403' });
		});

		it('uploads a PDF and downloads the same bytes', async () => {
			const parents = { profileId: id(1001), loopId: id(50001), folderId: id(70003) };
			const { output: uploaded } = await run(
				{
					resource: 'document',
					operation: 'upload',
					...parents,
					binaryPropertyName: 'data',
					options: {},
				},
				{
					items: [
						{
							json: {},
							binary: {
								data: {
									data: disclosuresPdf.toString('base64'),
									mimeType: 'application/pdf',
									fileName: 'disclosures.pdf',
								},
							},
						},
					],
				},
			);
			const documentId = uploaded[0].json.id as number;

			const { output: downloaded } = await run({
				resource: 'document',
				operation: 'download',
				...parents,
				documentId: String(documentId),
				binaryPropertyName: 'data',
			});

			expect(Buffer.from(downloaded[0].binary!.data.data, 'base64').equals(disclosuresPdf)).toBe(
				true,
			);
			expect(downloaded[0].binary!.data.fileName).toBe('disclosures.pdf');
		});

		it('creates, updates and deletes a participant', async () => {
			const parents = { profileId: id(1001), loopId: id(50003) };
			const { output: created } = await run({
				resource: 'participant',
				operation: 'create',
				...parents,
				fullName: 'Sean Seller',
				email: 'sean@example.com',
				role: 'SELLER',
				customRole: '',
				additionalFields: { Phone: '(555) 555-4444' },
			});
			const participantId = created[0].json.id as number;
			expect(created[0].json).toMatchObject({
				fullName: 'Sean Seller',
				role: 'SELLER',
				Phone: '(555) 555-4444',
			});

			const { output: updated } = await run({
				resource: 'participant',
				operation: 'update',
				...parents,
				participantId: String(participantId),
				updateFields: { email: 'sean.seller@example.com' },
			});
			expect(updated[0].json).toMatchObject({
				id: participantId,
				email: 'sean.seller@example.com',
			});

			const { output: deleted } = await run({
				resource: 'participant',
				operation: 'delete',
				...parents,
				participantId: String(participantId),
			});
			expect(json(deleted)).toEqual([{ deleted: true, id: participantId }]);
		});

		it('refreshes an expired token and carries on', async () => {
			await admin('POST', '/tokens/expire');
			const { output, oauth } = await run({ resource: 'account', operation: 'get' });
			expect(oauth.refreshCount).toBe(1);
			expect(output).toHaveLength(1);
		});

		it('under a tiny rate limit, every item still finishes', async () => {
			await admin('PATCH', '/config', { rateLimit: 3, rateWindowMs: 300 });
			try {
				const loops = [50001, 50002, 50003, 50004, 50005, 50006, 50007, 50008];
				const { output } = await run(
					{ resource: 'loop', operation: 'get', profileId: id(1001) },
					{
						items: loops.map(() => ({ json: {} })),
						params: (i: number) => ({
							resource: 'loop',
							operation: 'get',
							profileId: id(1001),
							loopId: id(loops[i]),
						}),
					},
				);
				expect(output.map((item) => item.json.id)).toEqual(loops);
			} finally {
				await admin('PATCH', '/config', { rateLimit: 100, rateWindowMs: 60000 });
			}
		});
	},
);
