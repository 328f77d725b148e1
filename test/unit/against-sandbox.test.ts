import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import * as rateLimit from '../../nodes/Dotloop/transport/rateLimit';
import { retryPolicy } from '../../nodes/Dotloop/transport';
import { disclosuresPdf } from './fixtures/pdf';
import { useSandbox } from './helpers/n8n/sandbox';

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

			const { output: downloaded, files } = await run({
				resource: 'document',
				operation: 'download',
				...parents,
				documentId: String(documentId),
				binaryPropertyName: 'data',
			});

			expect(files[0].data.equals(disclosuresPdf)).toBe(true);
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
				additionalFields: { phone: '(555) 555-4444' },
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

/**
 * A merged loop's 301 for a request below the loop (`…/loop/50003/detail`): the sandbox's Location names
 * the sub-path and query, the loop only (section 5.2's example), or nothing (mergeLocation). Loop 50003
 * of profile 1001 is merged into a new loop 50038 on profile 1002, as real merges were seen to do.
 */
describe.each(['subpath', 'loop', 'none'])(
	'a merged loop against the sandbox, mergeLocation %s',
	(mergeLocation) => {
		const FROM = '/public/v2/profile/1001/loop/50003';
		const TO = '/public/v2/profile/1002/loop/50038';
		const parents = { profileId: id(1001), loopId: id(50003) };
		const moved = { mergedFromLoopId: 50003, mergedIntoLoopId: 50038, mergedIntoProfileId: 1002 };

		beforeEach(async () => {
			await admin('POST', '/reset');
			await admin('PATCH', '/config', { mergeLocation });
			expect(await admin('POST', '/loops/50003/merge', { intoProfileId: 1002 })).toEqual({
				fromId: 50003,
				toId: 50038,
				profileId: 1002,
			});
		});
		afterAll(async () => {
			await admin('PATCH', '/config', { mergeLocation: 'subpath' });
		});

		const line = (entry: IDataObject) => {
			const query = new URLSearchParams(entry.query as Record<string, string>).toString();
			return `${entry.method} ${entry.path}${query ? `?${query}` : ''} ${entry.status}`;
		};
		const requestLines = async (seq: number) => (await apiRequestsSince(seq)).map(line);

		/** The requests one call below the merged loop makes: under 'none' it asks the loop where it went. */
		const followed = (method: string, below: string, status = 200) => [
			`${method} ${FROM}${below} 301`,
			...(mergeLocation === 'none' ? [`GET ${FROM} 301`, `GET ${TO} 200`] : []),
			`${method} ${TO}${below} ${status}`,
		];

		const loopState = async (loopId: number) =>
			((await admin('GET', '/state')).loops as IDataObject[]).find(
				(loop) => loop.id === loopId,
			) as IDataObject & { folders: Array<IDataObject & { documents: IDataObject[] }> };

		it('Loop Detail → Get answers the details of the loop it was merged into', async () => {
			const details = (await loopState(50038)).details as IDataObject;
			const seq = await lastSeq();
			const { output } = await run({ resource: 'loopDetail', operation: 'get', ...parents });

			expect(await requestLines(seq)).toEqual(followed('GET', '/detail'));
			expect(json(output)).toEqual([{ ...details, ...moved }]);
			expect(details.Financials).toMatchObject({ 'Purchase/Sale Price': '253500' });
		});

		it('Loop Detail → Update sends the same PATCH to the detail of the loop it was merged into', async () => {
			const body = { Financials: { 'Purchase/Sale Price': '260000' } };
			const seq = await lastSeq();
			const { output } = await run({
				resource: 'loopDetail',
				operation: 'update',
				...parents,
				mode: 'json',
				detailsJson: JSON.stringify(body),
			});

			const requests = await apiRequestsSince(seq);
			expect(requests.map(line)).toEqual(followed('PATCH', '/detail'));
			expect(requests.filter((entry) => entry.method === 'PATCH').map((e) => e.body)).toEqual([
				body,
				body,
			]);
			const after = await loopState(50038);
			expect(after.details).toMatchObject(body);
			expect(json(output)).toEqual([{ ...(after.details as IDataObject), ...moved }]);
		});

		it('Folder → Get Many with Include Documents asks the same query on the loop it was merged into', async () => {
			const seq = await lastSeq();
			const { output } = await run({
				resource: 'folder',
				operation: 'getAll',
				...parents,
				returnAll: true,
				options: { includeDocuments: true },
			});

			expect(await requestLines(seq)).toEqual(followed('GET', '/folder?include_documents=true'));
			const folders = (await loopState(50038)).folders;
			expect(output.map((item) => [item.json.id, item.json.name, item.json.documents])).toEqual(
				folders.map((folder) => [
					folder.id,
					folder.name,
					folder.documents.map((document) => ({
						id: document.id,
						filename: document.name,
						created: document.created,
						updated: document.updated,
					})),
				]),
			);
			expect(output.every((item) => item.json.mergedIntoProfileId === 1002)).toBe(true);
		});

		it('Document → Download All downloads every document of the loop it was merged into', async () => {
			const folder = (await loopState(50038)).folders[0];
			expect(folder.documents.map((document) => document.id)).toEqual([80008, 80009]);
			const seq = await lastSeq();
			const { output } = await run({
				resource: 'document',
				operation: 'downloadAll',
				...parents,
				folderScope: 'all',
				binaryPropertyName: 'data',
				options: { downloadsAtOnce: 1 },
			});

			expect(await requestLines(seq)).toEqual([
				...followed('GET', '/folder?include_documents=true'),
				`GET ${TO}/folder/70006/document/80008 200`,
				`GET ${TO}/folder/70006/document/80009 200`,
			]);
			expect(json(output)).toEqual(
				folder.documents.map((document) => ({
					id: document.id,
					name: document.name,
					documentId: document.id,
					folderId: 70006,
					folderName: 'Purchase Agreement',
					loopId: 50038,
					fileName: document.name,
					mimeType: 'application/pdf',
					size: document.size,
					...moved,
				})),
			);
		});

		it('Loop → Get Full puts the details, not the loop summary, under details', async () => {
			const after = await loopState(50038);
			const seq = await lastSeq();
			const { output } = await run({
				resource: 'loop',
				operation: 'getFull',
				...parents,
				parts: ['details', 'participants'],
			});

			expect(await requestLines(seq)).toEqual([
				...followed('GET', '/detail'),
				`GET ${TO}/participant 200`,
			]);
			expect(json(output)).toEqual([
				{
					profileId: 1002,
					loopId: 50038,
					details: after.details,
					participants: after.participants,
					...moved,
				},
			]);
		});

		it('a loop merged within its profile: Participant → Get Many reads the loop it went into', async () => {
			const seq = await lastSeq();
			const { output } = await run({
				resource: 'participant',
				operation: 'getAll',
				profileId: id(1001),
				loopId: id(50037),
				returnAll: true,
			});

			const to = '/public/v2/profile/1001/loop/50002';
			expect(await requestLines(seq)).toEqual([
				'GET /public/v2/profile/1001/loop/50037/participant 301',
				...(mergeLocation === 'none'
					? ['GET /public/v2/profile/1001/loop/50037 301', `GET ${to} 200`]
					: []),
				`GET ${to}/participant 200`,
			]);
			expect(json(output)).toEqual(
				((await loopState(50002)).participants as IDataObject[]).map((participant) => ({
					...participant,
					mergedFromLoopId: 50037,
					mergedIntoLoopId: 50002,
				})),
			);
		});
	},
);

/**
 * X-RateLimit-Reset as milliseconds until the reset, as an epoch in milliseconds or in seconds
 * (rateLimitReset): a 429 is retried once the sandbox's window has reset, not 65 s later.
 */
describe.each(['msUntil', 'epochMs', 'epochSeconds'])(
	'a 429 against the sandbox, rateLimitReset %s',
	(rateLimitReset) => {
		const windowMs = 1500;

		beforeEach(async () => {
			await admin('POST', '/reset');
			await admin('PATCH', '/config', { rateLimitReset, rateWindowMs: windowMs });
		});
		afterEach(() => jest.restoreAllMocks());
		afterAll(async () => {
			await admin('PATCH', '/config', { rateLimitReset: 'msUntil', rateWindowMs: 60000 });
		});

		it('is retried when the window resets, as the header says in its unit', async () => {
			// A misread reset (an epoch taken as a delay) would wait this long instead.
			jest.replaceProperty(retryPolicy, 'maxSingleWaitMs', 5000);
			const block = jest.spyOn(rateLimit, 'blockUntilReset');
			await admin('POST', '/faults', { status: 429, count: 1, path: '^/public/v2/account' });
			const seq = await lastSeq();

			const { output } = await run({ resource: 'account', operation: 'get' });

			const requests = await apiRequestsSince(seq);
			expect(requests.map((entry) => `${entry.method} ${entry.path} ${entry.status}`)).toEqual([
				'GET /public/v2/account 429',
				'GET /public/v2/account 200',
			]);
			expect(output.map((item) => item.json.id)).toEqual([100]);
			// What the node computed: the rest of the window, up to a second more for a reset in whole
			// seconds and a Date header in whole seconds.
			expect(block).toHaveBeenCalledTimes(1);
			const delay = block.mock.calls[0][1];
			expect(delay).toBeGreaterThan(windowMs - 500);
			expect(delay).toBeLessThanOrEqual(
				windowMs + (rateLimitReset === 'epochSeconds' ? 2000 : 1000),
			);
			// And the sandbox saw the retry after its window had reset.
			const [limited, retried] = requests.map((entry) => Date.parse(String(entry.time)));
			expect(retried - limited).toBeGreaterThanOrEqual(windowMs - 50);
		});
	},
);

/** Document list items name the file `filename` (section 8.1), `name` (as clients read it) or both. */
describe.each(['filename', 'name', 'both'])(
	'documents against the sandbox, documentNameField %s',
	(documentNameField) => {
		const parents = { profileId: id(1001), loopId: id(50001) };

		beforeAll(async () => {
			await admin('POST', '/reset');
			await admin('PATCH', '/config', { documentNameField });
		});
		afterAll(async () => {
			await admin('PATCH', '/config', { documentNameField: 'filename' });
		});

		const stored = async () => {
			const loop = ((await admin('GET', '/state')).loops as IDataObject[]).find(
				(l) => l.id === 50001,
			) as { folders: Array<IDataObject & { documents: IDataObject[] }> };
			return loop.folders.flatMap((folder) =>
				folder.documents.map((document) => ({ folder, document })),
			);
		};

		it('Document → Get Many gives every item `name`, keeping what the list sent', async () => {
			const { output } = await run({
				resource: 'document',
				operation: 'getAll',
				...parents,
				folderId: id(70001),
				returnAll: true,
			});

			const documents = (await stored()).filter(({ folder }) => folder.id === 70001);
			expect(json(output)).toEqual(
				documents.map(({ document }) => ({
					id: document.id,
					...(documentNameField === 'name' ? {} : { filename: document.name }),
					name: document.name,
					created: document.created,
					updated: document.updated,
				})),
			);
		});

		it('Document → Download All names each item and file after the document', async () => {
			const seq = await lastSeq();
			const { output } = await run({
				resource: 'document',
				operation: 'downloadAll',
				...parents,
				folderScope: 'all',
				binaryPropertyName: 'data',
				options: { downloadsAtOnce: 1 },
			});

			const documents = await stored();
			expect((await apiRequestsSince(seq)).map((entry) => entry.path)).toEqual([
				'/public/v2/profile/1001/loop/50001/folder',
				...documents.map(
					({ folder, document }) =>
						`/public/v2/profile/1001/loop/50001/folder/${folder.id}/document/${document.id}`,
				),
			]);
			expect(
				output.map((item) => [item.json.id, item.json.name, item.binary!.data.fileName]),
			).toEqual(documents.map(({ document }) => [document.id, document.name, document.name]));
		});
	},
);
