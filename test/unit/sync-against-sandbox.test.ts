import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { n8nHttpRequest } from './helpers/io';
import { binaryDataService } from './helpers/n8n/engine';
import { useSandbox } from './helpers/n8n/sandbox';
import { STAGE_OF_STATUS } from '../fixtures/status-stages';

/**
 * The sync operations (Contact Find / Create or Update, Loop Find / Get Full, Document Download All)
 * against the local Dotloop sandbox: real paging, details, folders with documents, merged loops and
 * rate limits as the sandbox implements the documentation.
 */
const { sandbox, accessToken, admin, run, lastSeq, apiRequestsSince } = useSandbox();

const id = (value: string | number) => ({ __rl: true, mode: 'id', value: String(value) });

/** `METHOD /path?query` of every API request since seq, in the order the sandbox got them. */
async function requestsSince(seq: number): Promise<string[]> {
	return (await apiRequestsSince(seq)).map((entry) => {
		const query = new URLSearchParams(entry.query as Record<string, string>).toString();
		return `${entry.method} ${String(entry.path).slice('/public/v2'.length)}${query ? `?${query}` : ''}`;
	});
}

/** The stored file of a document, asked of the sandbox directly. */
async function sandboxFile(path: string): Promise<Buffer> {
	const response = await fetch(`${sandbox().apiBaseUrl}${path}`, {
		headers: { Authorization: `Bearer ${accessToken()}`, Accept: 'application/pdf' },
	});
	expect(response.status).toBe(200);
	return Buffer.from(await response.arrayBuffer());
}

const json = (output: INodeExecutionData[]) => output.map((item) => item.json);

/** Loop Get, Get Many and Find give each loop the CRM stage of its status, as the README's table says. */
const staged = (loop: IDataObject) => ({
	...loop,
	statusCategory: STAGE_OF_STATUS[String(loop.status)] ?? 'Unknown',
});

describe('the sync operations against the Dotloop sandbox', () => {
	it('Contact Find reads the 130 contacts in two requests and outputs the match', async () => {
		const seq = await lastSeq();
		const { output } = await run({
			resource: 'contact',
			operation: 'find',
			email: ' Brenda.Buyer@EXAMPLE.com ',
			returnAll: true,
			options: {},
		});

		expect(json(output)).toEqual([
			expect.objectContaining({
				id: 400003,
				firstName: 'Brenda',
				email: 'brenda.buyer@example.com',
			}),
		]);
		expect(await requestsSince(seq)).toEqual([
			'GET /contact?batch_size=100&batch_number=1',
			'GET /contact?batch_size=100&batch_number=2',
		]);
	});

	it('Contact Find with Limit 1 stops at the page holding the first match', async () => {
		const seq = await lastSeq();
		const { output } = await run({
			resource: 'contact',
			operation: 'find',
			email: 'sean.seller@example.com',
			returnAll: false,
			limit: 1,
			options: {},
		});
		expect(json(output)).toEqual([expect.objectContaining({ id: 400001 })]);
		expect(await requestsSince(seq)).toEqual(['GET /contact?batch_size=100&batch_number=1']);
	});

	it('Contact Create or Update run twice creates the contact once, then updates it', async () => {
		const params = {
			resource: 'contact',
			operation: 'upsert',
			email: 'new.client@example.com',
			firstName: 'Nora',
			lastName: 'Client',
			additionalFields: { city: 'Covington' },
		};
		const first = await run(params);
		const second = await run({
			...params,
			email: 'NEW.CLIENT@example.com',
			additionalFields: { city: 'Newport' },
		});

		expect(json(first.output)).toEqual([
			expect.objectContaining({
				email: 'new.client@example.com',
				city: 'Covington',
				action: 'created',
				matchingContacts: 0,
			}),
		]);
		expect(json(second.output)).toEqual([
			expect.objectContaining({
				id: first.output[0].json.id,
				city: 'Newport',
				action: 'updated',
				matchingContacts: 1,
			}),
		]);
		const { output: found } = await run({
			resource: 'contact',
			operation: 'find',
			email: 'new.client@example.com',
			returnAll: true,
			options: {},
		});
		expect(found).toHaveLength(1);
	});

	it('Loop Get Full of 50001: one request per part, one per task list', async () => {
		const seq = await lastSeq();
		const { output } = await run({
			resource: 'loop',
			operation: 'getFull',
			profileId: id(1001),
			loopId: id(50001),
			parts: ['loop', 'details', 'participants', 'folders', 'taskLists'],
		});

		const [{ json: full }] = output;
		expect(output).toHaveLength(1);
		expect(full).toMatchObject({ profileId: 1001, loopId: 50001, loop: { id: 50001 } });
		expect((full.details as IDataObject)['Property Address']).toMatchObject({
			'Street Number': '2100',
		});
		expect((full.participants as IDataObject[]).map((p) => p.id)).toEqual([
			90001, 90002, 90003, 90004, 90005,
		]);
		const folders = full.folders as Array<{ id: number; documents: IDataObject[] }>;
		expect(folders.map((f) => [f.id, f.documents.map((d) => d.id)])).toEqual([
			[70001, [80001, 80002]],
			[70002, [80003, 80004]],
			[70003, []],
		]);
		const taskLists = full.taskLists as Array<{ id: number; tasks: IDataObject[] }>;
		expect(taskLists.map((t) => [t.id, t.tasks.map((task) => task.id)])).toEqual([
			[20001, [30001, 30002, 30003, 30004, 30005, 30006]],
			[20002, [30007, 30008, 30009]],
		]);
		expect((await requestsSince(seq)).sort()).toEqual(
			[
				'GET /profile/1001/loop/50001',
				'GET /profile/1001/loop/50001/detail',
				'GET /profile/1001/loop/50001/participant',
				'GET /profile/1001/loop/50001/folder?include_documents=true',
				'GET /profile/1001/loop/50001/tasklist/',
				'GET /profile/1001/loop/50001/tasklist/20001/task',
				'GET /profile/1001/loop/50001/tasklist/20002/task',
			].sort(),
		);
	});

	it('Loop Get Full of a merged loop is redirected once and says where it went', async () => {
		const seq = await lastSeq();
		const { output } = await run({
			resource: 'loop',
			operation: 'getFull',
			profileId: id(1001),
			loopId: id(50037),
			parts: ['loop', 'folders'],
		});
		expect(output[0].json).toMatchObject({
			loopId: 50002,
			loop: { id: 50002 },
			mergedFromLoopId: 50037,
			mergedIntoLoopId: 50002,
		});
		expect(output[0].json.folders).toHaveLength(5);
		expect(await requestsSince(seq)).toEqual([
			'GET /profile/1001/loop/50037',
			'GET /profile/1001/loop/50002',
			'GET /profile/1001/loop/50002/folder?include_documents=true',
		]);
	});

	it("Document Download All gives the sandbox's files byte for byte, one item per document", async () => {
		const { output } = await run({
			resource: 'document',
			operation: 'downloadAll',
			profileId: id(1001),
			loopId: id(50001),
			folderScope: 'all',
			binaryPropertyName: 'data',
			options: {},
		});

		expect(
			json(output).map(({ documentId, folderId, fileName }) => ({
				documentId,
				folderId,
				fileName,
			})),
		).toEqual([
			{ documentId: 80001, folderId: 70001, fileName: 'Purchase Agreement.pdf' },
			{ documentId: 80002, folderId: 70001, fileName: 'Addendum A - Inspection.pdf' },
			{ documentId: 80003, folderId: 70002, fileName: expect.any(String) },
			{ documentId: 80004, folderId: 70002, fileName: expect.any(String) },
		]);
		for (const item of output) {
			const stored = await sandboxFile(
				`/profile/1001/loop/50001/folder/${item.json.folderId}/document/${item.json.documentId}`,
			);
			expect((await binaryDataService().getAsBuffer(item.binary!.data)).equals(stored)).toBe(true);
		}
	});

	it('Document Download All of chosen folders under a tiny rate limit still finishes', async () => {
		await admin('PATCH', '/config', { rateLimit: 2, rateWindowMs: 300 });
		try {
			const { output } = await run({
				resource: 'document',
				operation: 'downloadAll',
				profileId: id(1001),
				loopId: id(50002),
				folderScope: 'chosen',
				folders: (
					await run({
						resource: 'folder',
						operation: 'getAll',
						profileId: id(1001),
						loopId: id(50002),
						returnAll: true,
						options: {},
					})
				).output
					.map((item) => String(item.json.name))
					.join(','),
				binaryPropertyName: 'data',
				options: { downloadsAtOnce: 5 },
			});
			expect(output).toHaveLength(8);
			expect(output.every((item) => item.binary?.data && !item.json.error)).toBe(true);
		} finally {
			await admin('PATCH', '/config', { rateLimit: 100, rateWindowMs: 60000 });
		}
	});
});

/** What the sandbox answers, read directly: the reference the node's output is compared with. */
async function listed(path: string): Promise<IDataObject[]> {
	const body = (await n8nHttpRequest({
		method: 'GET',
		url: `${sandbox().apiBaseUrl}${path}`,
		json: true,
		headers: { Authorization: `Bearer ${accessToken()}` },
	})) as { data: IDataObject[] };
	return body.data;
}
async function detailsOf(loopId: unknown): Promise<IDataObject> {
	return (await listed(`/profile/1001/loop/${String(loopId)}/detail`)) as unknown as IDataObject;
}

// Section 5.1 does not show where a list item carries include_details: the node must read each shape.
describe.each(['details', 'loopDetails', 'inline', 'omitted'])(
	'loop lists with include_details read as %s',
	(listDetails) => {
		let rateLimit: number;
		beforeAll(async () => {
			rateLimit = ((await admin('GET', '/config')) as { data: IDataObject }).data
				.rateLimit as number;
			expect(rateLimit).toEqual(expect.any(Number));
			// The reference reads below are many: keep them clear of the rate limit.
			await admin('PATCH', '/config', { listDetails, rateLimit: 100000 });
		});
		afterAll(async () => {
			await admin('PATCH', '/config', { listDetails: 'details', rateLimit });
		});
		/** The requests the node sends after the list: "Get Loop Details" only when the list had none. */
		const detailReads = (ids: unknown[]) =>
			listDetails === 'omitted'
				? ids.map((loopId) => `GET /profile/1001/loop/${String(loopId)}/detail`)
				: [];

		it('Loop Find matches a street address and an MLS number from the loop details', async () => {
			const all = await listed('/profile/1001/loop?batch_size=100');
			const waterview: IDataObject[] = [];
			for (const loop of all) {
				const details = await detailsOf(loop.id);
				const address = details['Property Address'] as IDataObject | undefined;
				if (address?.['Street Number'] === '2100' && address['Street Name'] === 'Waterview Dr')
					waterview.push({ ...staged(loop), details });
			}
			expect(waterview.map((loop) => loop.id)).toContain(50001);
			const offers = await listed(
				'/profile/1001/loop?batch_size=100&filter=transaction_type%3DPURCHASE_OFFER',
			);
			const mlsMatch = {
				...staged(offers.find((loop) => loop.id === 50001)!),
				details: await detailsOf(50001),
			};

			let seq = await lastSeq();
			const byStreet = await run({
				resource: 'loop',
				operation: 'find',
				profileId: id(1001),
				searchBy: 'streetAddress',
				searchText: '2100 waterview dr.',
				returnAll: true,
				filters: {},
			});
			expect(json(byStreet.output)).toEqual(waterview);
			expect(await requestsSince(seq)).toEqual([
				'GET /profile/1001/loop?include_details=true&batch_size=100&batch_number=1',
				...detailReads(all.map((loop) => loop.id)),
			]);

			seq = await lastSeq();
			const byMls = await run({
				resource: 'loop',
				operation: 'find',
				profileId: id(1001),
				searchBy: 'mlsNumber',
				searchText: 'nky411042',
				returnAll: true,
				filters: { transactionTypes: ['PURCHASE_OFFER'] },
			});
			expect(json(byMls.output)).toEqual([mlsMatch]);
			expect(await requestsSince(seq)).toEqual([
				'GET /profile/1001/loop?include_details=true&filter=transaction_type%3DPURCHASE_OFFER&batch_size=100&batch_number=1',
				...detailReads(offers.map((loop) => loop.id)),
			]);
		});

		it('Loop Get Many with Include Details gives every loop its details under `details`', async () => {
			const first = await listed('/profile/1001/loop?batch_size=3');
			const expected = [];
			for (const loop of first)
				expected.push({ ...staged(loop), details: await detailsOf(loop.id), profileId: 1001 });
			const seq = await lastSeq();
			const { output } = await run({
				resource: 'loop',
				operation: 'getAll',
				profileId: id(1001),
				returnAll: false,
				limit: 3,
				filters: {},
				options: { includeDetails: true },
			});
			expect(json(output)).toEqual(expected);
			expect(await requestsSince(seq)).toEqual([
				'GET /profile/1001/loop?include_details=true&batch_size=3&batch_number=1',
				...detailReads(first.map((loop) => loop.id)),
			]);
		});
	},
);

describe('Contact Create or Update and Find with many items on a 5,000-contact account (sandbox)', () => {
	let rateLimit: number;
	let total: number;
	beforeAll(async () => {
		await admin('POST', '/seed/contacts', { count: 5000 });
		total = Number(((await admin('GET', '/state')) as { contacts: unknown[] }).contacts.length);
		rateLimit = ((await admin('GET', '/config')) as { data: IDataObject }).data.rateLimit as number;
		// The limit is not under test here (its tests are above); lifted so 70+ requests take no minute.
		await admin('PATCH', '/config', { rateLimit: 100000 });
	});
	afterAll(async () => {
		await admin('PATCH', '/config', { rateLimit });
	});
	const listReads = () =>
		Array.from(
			{ length: Math.ceil(total / 100) },
			(_, n) => `GET /contact?batch_size=100&batch_number=${n + 1}`,
		);
	const items = (count: number) => Array.from({ length: count }, () => ({ json: {} }));

	it('20 items read the list once, then one POST or PATCH each; a repeated email ends as one contact', async () => {
		expect(total).toBeGreaterThanOrEqual(5000);
		const emails = Array.from({ length: 20 }, (_, i) => `crm.row.${i}@example.com`);
		emails[3] = 'Sean.Seller@example.com';
		emails[12] = 'CRM.ROW.1@example.com';
		emails[19] = 'crm.row.1@example.com';
		const seq = await lastSeq();

		const { output } = await run(
			{},
			{
				items: items(20),
				params: (i) => ({
					resource: 'contact',
					operation: 'upsert',
					email: emails[i],
					firstName: `Row ${i}`,
					additionalFields: { city: 'Covington' },
				}),
			},
		);

		const firstRow1 = output[1].json.id;
		const writes = emails.map((_, i) =>
			i === 3
				? 'PATCH /contact/400001'
				: [12, 19].includes(i)
					? `PATCH /contact/${firstRow1}`
					: 'POST /contact',
		);
		expect(await requestsSince(seq)).toEqual([...listReads(), ...writes]);
		expect(json(output).map((item) => [item.action, item.matchingContacts])).toEqual(
			emails.map((_, i) => ([3, 12, 19].includes(i) ? ['updated', 1] : ['created', 0])),
		);
		const { contacts } = (await admin('GET', '/state')) as { contacts: IDataObject[] };
		const withEmail = (email: string) =>
			contacts.filter((c) => String(c.email).toLowerCase() === email.toLowerCase());
		expect(withEmail('crm.row.1@example.com')).toEqual([
			expect.objectContaining({ id: firstRow1, firstName: 'Row 19', city: 'Covington' }),
		]);
		expect(withEmail('sean.seller@example.com')).toEqual([
			expect.objectContaining({ id: 400001, firstName: 'Row 3' }),
		]);
		expect(contacts).toHaveLength(total + 17);
		total = contacts.length;
	});

	it('Find with three items reads the list once', async () => {
		const seq = await lastSeq();
		const { output } = await run(
			{},
			{
				items: items(3),
				params: (i) => ({
					resource: 'contact',
					operation: 'find',
					email: ['brenda.buyer@example.com', 'crm.row.7@example.com', 'nobody@example.com'][i],
					returnAll: true,
					options: { emptyItemOnNoMatch: true },
				}),
			},
		);

		expect(await requestsSince(seq)).toEqual(listReads());
		expect(output.map((item) => [item.pairedItem, item.json.email])).toEqual([
			[{ item: 0 }, 'brenda.buyer@example.com'],
			[{ item: 1 }, 'crm.row.7@example.com'],
			[{ item: 2 }, undefined],
		]);
	});
});
