import { expression, runDotloop } from '../helpers/n8n/action';
import { api, BASE_PATH, setupNock } from '../helpers/nock';

setupNock();

const LOOP = `${BASE_PATH}/profile/4711/loop/34308`;
const parents = {
	profileId: { __rl: true, mode: 'id', value: '4711' },
	loopId: { __rl: true, mode: 'list', value: '34308' },
};
const folder = {
	id: 423424,
	name: 'Disclosures',
	created: '2017-05-17T01:18:37Z',
	updated: '2017-05-30T21:42:17Z',
};
const withDocuments = {
	...folder,
	documents: [{ id: 561621, name: 'disclosures.pdf' }],
};

describe('Folder', () => {
	it('Get Many with Return All lists every folder, with documents when asked', async () => {
		api()
			.get(`${LOOP}/folder`)
			.query({ include_documents: 'true' })
			.reply(200, {
				meta: { total: 2 },
				data: [withDocuments, { id: 423425, name: 'Offers', documents: [] }],
			});

		const { output } = await runDotloop({
			params: {
				resource: 'folder',
				operation: 'getAll',
				...parents,
				returnAll: true,
				options: { includeDocuments: true },
			},
		});

		expect(output).toEqual([
			{ json: withDocuments, pairedItem: { item: 0 } },
			{ json: { id: 423425, name: 'Offers', documents: [] }, pairedItem: { item: 0 } },
		]);
	});

	it('Get Many with a limit sends no include_documents unless asked and keeps that many', async () => {
		api()
			.get(`${LOOP}/folder`)
			.reply(200, { meta: { total: 3 }, data: [folder, { id: 2 }, { id: 3 }] });

		const { output } = await runDotloop({
			params: {
				resource: 'folder',
				operation: 'getAll',
				...parents,
				returnAll: false,
				limit: 1,
				options: { includeDocuments: false },
			},
		});

		expect(output).toEqual([{ json: folder, pairedItem: { item: 0 } }]);
	});

	it('Get reads one folder, with its documents when asked, from a loop given by URL', async () => {
		api()
			.get(`${LOOP}/folder/423424`)
			.query({ include_documents: 'true' })
			.reply(200, { data: withDocuments });

		const { output } = await runDotloop({
			params: {
				resource: 'folder',
				operation: 'get',
				profileId: '4711',
				loopId: { __rl: true, mode: 'url', value: 'https://www.dotloop.com/m/loop?viewId=34308' },
				folderId: { __rl: true, mode: 'list', value: '423424' },
				options: { includeDocuments: true },
			},
		});

		expect(output).toEqual([{ json: withDocuments, pairedItem: { item: 0 } }]);
	});

	it('Create posts the trimmed name', async () => {
		api().post(`${LOOP}/folder/`, { name: 'Disclosures' }).reply(201, { data: folder });

		const { output } = await runDotloop({
			params: { resource: 'folder', operation: 'create', ...parents, folderName: '  Disclosures ' },
		});

		expect(output).toEqual([{ json: folder, pairedItem: { item: 0 } }]);
	});

	it('Update renames the folder', async () => {
		const renamed = { ...folder, name: 'Disclosures (renamed)' };
		api()
			.patch(`${LOOP}/folder/423424`, { name: 'Disclosures (renamed)' })
			.reply(200, { data: renamed });

		const { output } = await runDotloop({
			params: {
				resource: 'folder',
				operation: 'update',
				...parents,
				folderId: { __rl: true, mode: 'id', value: '423424' },
				folderName: 'Disclosures (renamed)',
			},
		});

		expect(output).toEqual([{ json: renamed, pairedItem: { item: 0 } }]);
	});

	it.each(['create', 'update'])(
		'%s refuses an empty folder name before any request',
		async (operation) => {
			await expect(
				runDotloop({
					params: {
						resource: 'folder',
						operation,
						...parents,
						folderId: { __rl: true, mode: 'id', value: '423424' },
						folderName: '   ',
					},
				}),
			).rejects.toThrow('"Folder Name" is required and may not be empty');
		},
	);

	it('refuses a folder, loop or profile that is not a Dotloop ID', async () => {
		const params = { resource: 'folder', operation: 'get', ...parents, options: {} };
		await expect(
			runDotloop({
				params: {
					...params,
					folderId: { __rl: true, mode: 'id', value: expression('Disclosures') },
				},
			}),
		).rejects.toThrow('"Folder" must be a Dotloop ID (a positive whole number), not "Disclosures"');
		await expect(
			runDotloop({
				params: {
					...params,
					loopId: { __rl: true, mode: 'list', value: expression('') },
					folderId: '1',
				},
			}),
		).rejects.toThrow('"Loop" must be a Dotloop ID (a positive whole number), not ""');
		await expect(
			runDotloop({ params: { ...params, profileId: expression('-4'), folderId: '1' } }),
		).rejects.toThrow('"Profile" must be a Dotloop ID (a positive whole number), not "-4"');
	});
});
