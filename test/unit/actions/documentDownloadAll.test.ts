import { mapBounded } from '../../../nodes/Dotloop/actions/concurrency';
import { DOWNLOAD_FORBIDDEN } from '../../../nodes/Dotloop/actions/document/file';
import { runDotloop, storedBinary } from '../helpers/n8n/action';
import { api, BASE_PATH, setupNock } from '../helpers/nock';
import { disclosuresPdf } from '../fixtures/pdf';

setupNock();

const LOOP = `${BASE_PATH}/profile/4711/loop/34308`;
const files: Record<number, Buffer> = {
	561621: disclosuresPdf,
	561622: Buffer.concat([disclosuresPdf, Buffer.from('% two\n')]),
	561623: Buffer.concat([disclosuresPdf, Buffer.from('% three\n')]),
};
const folders = [
	{
		id: 423424,
		name: 'Disclosures',
		documents: [
			{ id: 561621, filename: 'disclosures.pdf', name: 'disclosures.pdf' },
			{ id: 561622, filename: 'lead paint.pdf', name: 'lead paint.pdf' },
		],
	},
	{
		id: 423425,
		name: 'Offer, signed',
		documents: [{ id: 561623, filename: 'offer.pdf', name: 'offer.pdf' }],
	},
	{ id: 423426, name: 'Empty', documents: [] },
];
const params = (extra: object = {}) => ({
	resource: 'document',
	operation: 'downloadAll',
	profileId: { __rl: true, mode: 'id', value: '4711' },
	loopId: { __rl: true, mode: 'id', value: '34308' },
	folderScope: 'all',
	binaryPropertyName: 'pdf',
	options: {},
	...extra,
});

function listFolders() {
	api()
		.get(`${LOOP}/folder`)
		.query({ include_documents: 'true' })
		.reply(200, { meta: { total: 3 }, data: folders });
}

function serve(folderId: number, documentId: number, fileName?: string) {
	api()
		.matchHeader('accept', 'application/pdf')
		.get(`${LOOP}/folder/${folderId}/document/${documentId}`)
		.reply(200, files[documentId], {
			'Content-Type': 'application/pdf',
			'Content-Length': String(files[documentId].length),
			...(fileName ? { 'Content-Disposition': `attachment; filename="${fileName}"` } : {}),
		});
}

function expected(folderId: number, folderName: string, documentId: number, fileName: string) {
	const content = files[documentId];
	return {
		json: {
			id: documentId,
			name: fileName,
			documentId,
			folderId,
			folderName,
			loopId: 34308,
			fileName,
			mimeType: 'application/pdf',
			size: content.length,
		},
		binary: {
			pdf: storedBinary(content, {
				fileName,
				fileExtension: 'pdf',
				fileType: 'pdf',
				mimeType: 'application/pdf',
			}),
		},
		pairedItem: { item: 0 },
	};
}

/** The files n8n stored for the given documents, as `files` of a run lists them. */
const contentsOf = (...documentIds: number[]) => documentIds.map((id) => ({ pdf: files[id] }));

describe('Document Download All', () => {
	it('lists the folders with their documents once, then outputs one item per document with its file', async () => {
		listFolders();
		serve(423424, 561621, 'Disclosures (signed).pdf');
		serve(423424, 561622);
		serve(423425, 561623);

		const { output, files } = await runDotloop({ params: params() });

		expect(output).toEqual([
			expected(423424, 'Disclosures', 561621, 'Disclosures (signed).pdf'),
			expected(423424, 'Disclosures', 561622, 'lead paint.pdf'),
			expected(423425, 'Offer, signed', 561623, 'offer.pdf'),
		]);
		expect(files).toEqual(contentsOf(561621, 561622, 561623));
	});

	it.each([
		['`filename` (section 8.1)', (file: string) => ({ filename: file })],
		['`name` (as clients read it)', (file: string) => ({ name: file })],
		['`name`, with another `filename`', (file: string) => ({ name: file, filename: 'x.pdf' })],
	])(
		'names each file from the list when Dotloop sends no file name: list items naming it by %s',
		async (_case, named) => {
			api()
				.get(`${LOOP}/folder`)
				.query({ include_documents: 'true' })
				.reply(200, {
					meta: { total: 1 },
					data: [
						{
							id: 423424,
							name: 'Disclosures',
							documents: [
								{ id: 561621, ...named('disclosures.pdf') },
								{ id: 561622, ...named('lead paint.pdf') },
							],
						},
					],
				});
			serve(423424, 561621);
			serve(423424, 561622);

			const { output, files } = await runDotloop({
				params: params({ options: { downloadsAtOnce: 1 } }),
			});

			expect(output).toEqual([
				expected(423424, 'Disclosures', 561621, 'disclosures.pdf'),
				expected(423424, 'Disclosures', 561622, 'lead paint.pdf'),
			]);
			expect(files).toEqual(contentsOf(561621, 561622));
		},
	);

	it('downloads only the folders chosen by name (any case) or ID', async () => {
		listFolders();
		serve(423425, 561623);

		const { output, files } = await runDotloop({
			params: params({ folderScope: 'chosen', folders: ' 423425 , empty' }),
		});

		expect(output).toEqual([expected(423425, 'Offer, signed', 561623, 'offer.pdf')]);
		expect(files).toEqual(contentsOf(561623));
	});

	it('names a chosen folder the loop does not have, and the folders it has', async () => {
		listFolders();

		await expect(
			runDotloop({ params: params({ folderScope: 'chosen', folders: 'Disclosures, Inspection' }) }),
		).rejects.toMatchObject({
			message: '"Folder Names or IDs": the loop has no folder "Inspection"',
			description:
				'Its folders are "Disclosures" (423424), "Offer, signed" (423425), "Empty" (423426).',
		});
	});

	it('fails the run naming a document Dotloop refuses to serve', async () => {
		listFolders();
		serve(423424, 561621);
		api()
			.get(`${LOOP}/folder/423424/document/561622`)
			.reply(403, {
				errors: [{ code: '403', detail: 'Forbidden' }],
			});

		await expect(
			runDotloop({ params: params({ options: { downloadsAtOnce: 1 } }) }),
		).rejects.toMatchObject({
			message: 'Document 561622 "lead paint.pdf" in folder 423424 "Disclosures": Forbidden',
			description: DOWNLOAD_FORBIDDEN,
			httpCode: '403',
		});
	});

	it('fails the run naming a document Dotloop answers with JSON instead of its file', async () => {
		listFolders();
		api()
			.matchHeader('accept', 'application/pdf')
			.get(`${LOOP}/folder/423424/document/561621`)
			.reply(200, { data: folders[0].documents[0] });

		await expect(
			runDotloop({ params: params({ options: { downloadsAtOnce: 1 } }) }),
		).rejects.toMatchObject({
			message:
				'Document 561621 "disclosures.pdf" in folder 423424 "Disclosures": Dotloop answered with application/json instead of the file',
			description: undefined,
		});
	});

	it('with Continue On Fail makes the refused document an error item and downloads the others', async () => {
		listFolders();
		serve(423424, 561621);
		api()
			.get(`${LOOP}/folder/423424/document/561622`)
			.reply(403, {
				errors: [{ code: '403', detail: 'Forbidden' }],
			});
		serve(423425, 561623);

		const { output, files } = await runDotloop({ params: params(), continueOnFail: true });

		expect(output).toEqual([
			expected(423424, 'Disclosures', 561621, 'disclosures.pdf'),
			{
				json: {
					error: 'Document 561622 "lead paint.pdf" in folder 423424 "Disclosures": Forbidden',
					id: 561622,
					name: 'lead paint.pdf',
					documentId: 561622,
					folderId: 423424,
					folderName: 'Disclosures',
					fileName: 'lead paint.pdf',
					httpCode: '403',
					description: DOWNLOAD_FORBIDDEN,
				},
				pairedItem: { item: 0 },
			},
			expected(423425, 'Offer, signed', 561623, 'offer.pdf'),
		]);
		const [first, third] = contentsOf(561621, 561623);
		expect(files).toEqual([first, {}, third]);
	});

	it.each([
		[
			{ folderScope: 'chosen', folders: ' , ' },
			'"Folder Names or IDs" is empty: name at least one folder, or choose All Folders',
		],
		[
			{ options: { downloadsAtOnce: 9 } },
			'"Downloads at Once" must be a whole number from 1 to 5, not "9"',
		],
		[{ binaryPropertyName: ' ' }, '"Put Output File in Field" is required and may not be empty'],
	])('refuses %j before any request', async (extra, message) => {
		await expect(runDotloop({ params: params(extra) })).rejects.toThrow(message);
	});
});

describe('mapBounded', () => {
	it('never runs more than the bound at once and keeps the input order', async () => {
		let running = 0;
		let most = 0;
		const release: Array<() => void> = [];
		const done = mapBounded([1, 2, 3, 4, 5, 6, 7], 3, async (value) => {
			running++;
			most = Math.max(most, running);
			await new Promise<void>((resolve) => release.push(resolve));
			running--;
			return value * 10;
		});
		// Let each round of running tasks finish, a few microtask turns apart, until all have run.
		let finished = false;
		void done.then(() => (finished = true));
		for (let turn = 0; turn < 1000 && !finished; turn++) {
			release.splice(0).forEach((resolve) => resolve());
			await Promise.resolve();
		}
		expect(await done).toEqual([10, 20, 30, 40, 50, 60, 70]);
		expect(most).toBe(3);
	});

	it('starts nothing after a failure and rethrows it', async () => {
		const started: number[] = [];
		await expect(
			mapBounded([1, 2, 3, 4], 1, async (value) => {
				started.push(value);
				if (value === 2) throw new Error('no 2');
				return value;
			}),
		).rejects.toThrow('no 2');
		expect(started).toEqual([1, 2]);
	});
});
