import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { Dotloop } from '../../../nodes/Dotloop/Dotloop.node';
import { createLoadOptionsContext } from '../helpers/n8n/contexts';
import { api, BASE_PATH, setupNock } from '../helpers/nock';

setupNock();

type SearchMethod = (
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
) => Promise<INodeListSearchResult>;

const methods = new Dotloop().methods.listSearch as unknown as Record<string, SearchMethod>;

/** The node form each picker is opened from in these tests: its Resource and Operation. */
const formOf: Record<string, { resource: string; operation: string }> = {
	searchLoops: { resource: 'loop', operation: 'get' },
	searchProfiles: { resource: 'profile', operation: 'get' },
	searchDocuments: { resource: 'document', operation: 'get' },
	searchParticipants: { resource: 'participant', operation: 'get' },
	searchTasks: { resource: 'task', operation: 'get' },
	searchTaskLists: { resource: 'taskList', operation: 'get' },
	searchContacts: { resource: 'contact', operation: 'get' },
	searchWebhookEvents: { resource: 'webhookEvent', operation: 'get' },
};

/** Asks a picker as the editor does: n8n-core's LoadOptionsContext over the form's current parameters. */
async function search(method: string, parameters: IDataObject, filter?: string, token?: string) {
	const context = await createLoadOptionsContext({ ...formOf[method], ...parameters });
	return await methods[method].call(context, filter, token);
}

const rl = (value: string, mode = 'list', cachedResultName?: string) => ({
	__rl: true,
	mode,
	value,
	...(cachedResultName ? { cachedResultName } : {}),
});

const loops = (from: number, count: number, name = (id: number) => `Loop ${id}`) =>
	Array.from({ length: count }, (_, k) => ({ id: from + k, name: name(from + k) }));

const loopPage = (batchNumber: number) => ({
	sort: 'updated:desc',
	batch_size: '100',
	batch_number: String(batchNumber),
});

describe('Loop picker', () => {
	it('lists the newest loops in batches of 100 while the user scrolls', async () => {
		api()
			.get(`${BASE_PATH}/profile/4711/loop`)
			.query(loopPage(1))
			.reply(200, { meta: { total: 154 }, data: loops(1, 100) })
			.get(`${BASE_PATH}/profile/4711/loop`)
			.query(loopPage(2))
			.reply(200, { meta: { total: 154 }, data: loops(101, 54) });

		const first = await search('searchLoops', { profileId: rl('4711') });
		const second = await search(
			'searchLoops',
			{ profileId: rl('4711') },
			undefined,
			first.paginationToken,
		);

		expect(first.results).toHaveLength(100);
		expect(first.paginationToken).toBe('2');
		expect(second.results[53]).toEqual({ name: 'Loop 154', value: '154', url: undefined });
		expect(second.paginationToken).toBeUndefined();
	});

	it('finds a match beyond the first batch', async () => {
		api()
			.get(`${BASE_PATH}/profile/4711/loop`)
			.query(loopPage(1))
			.reply(200, { meta: { total: 154 }, data: loops(1, 100) })
			.get(`${BASE_PATH}/profile/4711/loop`)
			.query(loopPage(2))
			.reply(200, {
				meta: { total: 154 },
				data: loops(101, 54, (id) => (id === 150 ? '12 Old Oak Rd' : `Loop ${id}`)),
			});

		const { results } = await search('searchLoops', { profileId: rl('4711') }, ' old oak ');

		expect(results).toEqual([{ name: '12 Old Oak Rd', value: '150', url: undefined }]);
	});

	it('looks a typed number up as a loop ID, listed once and first', async () => {
		const loop = {
			id: 34308,
			name: 'Atturo Garay',
			loopUrl: 'https://www.dotloop.com/m/loop?viewId=34308',
		};
		api()
			.get(`${BASE_PATH}/profile/4711/loop/34308`)
			.reply(200, { data: loop })
			.get(`${BASE_PATH}/profile/4711/loop`)
			.query(loopPage(1))
			.reply(200, { meta: { total: 2 }, data: [{ id: 1343080, name: 'Lot 1' }, loop] });

		const { results } = await search('searchLoops', { profileId: rl('4711') }, '34308');

		expect(results).toEqual([
			{ name: 'Atturo Garay', value: '34308', url: 'https://www.dotloop.com/m/loop?viewId=34308' },
			{ name: 'Lot 1', value: '1343080', url: undefined },
		]);
	});

	it('a typed number that is no loop of the profile lists the name matches only', async () => {
		api()
			.get(`${BASE_PATH}/profile/4711/loop/2024`)
			.reply(404, { message: 'Loop not found' })
			.get(`${BASE_PATH}/profile/4711/loop`)
			.query(loopPage(1))
			.reply(200, { meta: { total: 1 }, data: [{ id: 7, name: '2024 Main St' }] });

		const { results } = await search('searchLoops', { profileId: rl('4711') }, '2024');

		expect(results).toEqual([{ name: '2024 Main St', value: '7', url: undefined }]);
	});

	it('stops a search after 5 batches and says so in the list', async () => {
		const scope = api();
		for (let batch = 1; batch <= 5; batch++) {
			scope
				.get(`${BASE_PATH}/profile/4711/loop`)
				.query(loopPage(batch))
				.reply(200, { meta: { total: 5000 }, data: loops(batch * 100, 100) });
		}

		const { results, paginationToken } = await search(
			'searchLoops',
			{ profileId: rl('4711') },
			'Loop 499',
		);

		expect(paginationToken).toBeUndefined();
		expect(results).toEqual([
			{ name: 'Loop 499', value: '499', url: undefined },
			{
				name: 'Searched only the 500 most recently updated loops: type the loop ID, or use By URL, to reach an older loop',
				value: '',
			},
		]);
	});

	it('lists the profile the form holds now, whichever mode it is in', async () => {
		api()
			.get(`${BASE_PATH}/profile/4711/loop`)
			.query(loopPage(1))
			.reply(200, { meta: { total: 1 }, data: [{ id: 1, name: 'Of profile 4711' }] })
			.get(`${BASE_PATH}/profile/5000/loop`)
			.query(loopPage(1))
			.reply(200, { meta: { total: 1 }, data: [{ id: 2, name: 'Of profile 5000' }] });

		const before = await search('searchLoops', { profileId: rl('4711'), loopId: rl('1') });
		const after = await search('searchLoops', { profileId: rl(' 5000 ', 'id'), loopId: rl('1') });

		expect(before.results.map((r) => r.name)).toEqual(['Of profile 4711']);
		expect(after.results.map((r) => r.name)).toEqual(['Of profile 5000']);
	});

	it('asks for a profile before listing loops', async () => {
		await expect(search('searchLoops', { profileId: rl('') })).rejects.toThrow(
			'Choose a profile first',
		);
	});
});

describe('Profile picker', () => {
	it('says which profiles hold loops and which need a template for new loops', async () => {
		api()
			.get(`${BASE_PATH}/profile`)
			.reply(200, {
				meta: { total: 3 },
				data: [
					{ id: 3, name: 'My Profile', type: 'INDIVIDUAL', requiresTemplate: true },
					{ id: 4, name: 'Team', type: 'INDIVIDUAL', requiresTemplate: false },
					{ id: 5, name: 'Brokerage', type: 'OFFICE' },
				],
			});

		const { results } = await search('searchProfiles', {});

		expect(results).toEqual([
			{ name: 'My Profile (INDIVIDUAL, holds loops, new loops need a template)', value: '3' },
			{ name: 'Team (INDIVIDUAL, holds loops)', value: '4' },
			{ name: 'Brokerage (OFFICE, no loops)', value: '5' },
		]);
	});
});

const LOOP = `${BASE_PATH}/profile/4711/loop/34308`;
const parents = {
	profileId: rl('4711'),
	loopId: rl('https://www.dotloop.com/m/loop?viewId=34308', 'url'),
};

describe('pickers under a loop', () => {
	it('Document lists the chosen folder, labelled with the file name and the folder', async () => {
		api()
			.get(`${LOOP}/folder/423424/document`)
			.reply(200, {
				meta: { total: 2 },
				data: [
					{ id: 561621, filename: 'disclosures.pdf' },
					{ id: 561622, filename: 'offer.pdf' },
				],
			});

		const { results } = await search(
			'searchDocuments',
			{ ...parents, folderId: rl('423424', 'list', 'Disclosures') },
			'DISCL',
		);

		expect(results).toEqual([{ name: 'disclosures.pdf (in Disclosures)', value: '561621' }]);
	});

	it.each([
		['`filename` (section 8.1)', { filename: 'disclosures.pdf' }, 'disclosures.pdf'],
		['`name` (as clients read it)', { name: 'disclosures.pdf' }, 'disclosures.pdf'],
		[
			'both, differing: `name` wins',
			{ name: 'Disclosures.pdf', filename: 'disc.pdf' },
			'Disclosures.pdf',
		],
		['neither: the document ID', {}, 'document 561621'],
	])('Document labels a list item naming its file by %s', async (_case, named, label) => {
		api()
			.get(`${LOOP}/folder/423424/document`)
			.reply(200, { meta: { total: 1 }, data: [{ id: 561621, ...named }] });

		const { results } = await search('searchDocuments', {
			...parents,
			folderId: rl('423424', 'id'),
		});

		expect(results).toEqual([{ name: `${label} (in folder 423424)`, value: '561621' }]);
	});

	it('Document names a folder given by ID by its ID', async () => {
		api()
			.get(`${LOOP}/folder/423424/document`)
			.reply(200, { meta: { total: 1 }, data: [{ id: 561621, filename: 'disclosures.pdf' }] });

		const { results } = await search('searchDocuments', {
			...parents,
			folderId: rl('423424', 'id'),
		});

		expect(results).toEqual([{ name: 'disclosures.pdf (in folder 423424)', value: '561621' }]);
	});

	it('Document asks for a folder first', async () => {
		await expect(search('searchDocuments', { ...parents, folderId: rl('') })).rejects.toThrow(
			'Choose a folder first',
		);
	});

	it('Participant is labelled with name and role, and searchable by email', async () => {
		api()
			.get(`${LOOP}/participant`)
			.reply(200, {
				meta: { total: 2 },
				data: [
					{ id: 2355, fullName: 'Brian Erwin', email: 'brianerwin@newkyhome.com', role: 'BUYER' },
					{
						id: 57567,
						fullName: 'Allen Agent',
						email: 'allen.agent@gmail.com',
						role: 'LISTING_AGENT',
					},
				],
			});

		const { results } = await search('searchParticipants', parents, 'gmail');

		expect(results).toEqual([{ name: 'Allen Agent (LISTING_AGENT)', value: '57567' }]);
	});

	it('Task lists the chosen task list and marks done tasks', async () => {
		api()
			.get(`${LOOP}/tasklist/1234/task`)
			.reply(200, {
				meta: { total: 2 },
				data: [
					{ id: 125736485, name: 'contract', completed: true },
					{ id: 125736486, name: 'inspection', completed: false },
				],
			});

		const { results } = await search('searchTasks', { ...parents, taskListId: rl('1234') });

		expect(results).toEqual([
			{ name: 'contract (done)', value: '125736485' },
			{ name: 'inspection', value: '125736486' },
		]);
	});

	it('Task List lists the loop path exactly as documented', async () => {
		api()
			.get(`${LOOP}/tasklist/`)
			.reply(200, { meta: { total: 1 }, data: [{ id: 1234, name: 'My Tasks' }] });

		const { results } = await search('searchTaskLists', parents);

		expect(results).toEqual([{ name: 'My Tasks', value: '1234' }]);
	});
});

describe('Contact picker', () => {
	const contactPage = (batchNumber: number) => ({
		batch_size: '100',
		batch_number: String(batchNumber),
	});

	it('lists contacts in batches of 100, labelled with name and email', async () => {
		api()
			.get(`${BASE_PATH}/contact`)
			.query(contactPage(1))
			.reply(200, {
				meta: { total: 2 },
				data: [
					{ id: 3603862, firstName: 'Brian', lastName: 'Erwin', email: 'brianerwin@newkyhome.com' },
					{ id: 3603863, email: 'no.name@example.com' },
				],
			});

		const { results, paginationToken } = await search('searchContacts', {});

		expect(results).toEqual([
			{ name: 'Brian Erwin (brianerwin@newkyhome.com)', value: '3603862' },
			{ name: 'no.name@example.com', value: '3603863' },
		]);
		expect(paginationToken).toBeUndefined();
	});

	it('finds a contact by full name past the first batch, and by typed ID', async () => {
		const many = Array.from({ length: 100 }, (_, k) => ({
			id: k + 1,
			firstName: 'A',
			lastName: `B${k}`,
		}));
		api()
			.get(`${BASE_PATH}/contact/3603862`)
			.reply(200, { data: { id: 3603862, firstName: 'Brian', lastName: 'Erwin' } })
			.get(`${BASE_PATH}/contact`)
			.query(contactPage(1))
			.reply(200, { meta: { total: 101 }, data: many })
			.get(`${BASE_PATH}/contact`)
			.query(contactPage(2))
			.reply(200, {
				meta: { total: 101 },
				data: [{ id: 9, firstName: 'Brian', lastName: 'Erwin' }],
			});

		const byId = await search('searchContacts', {}, '3603862');
		expect(byId.results).toEqual([{ name: 'Brian Erwin', value: '3603862' }]);
	});

	it('finds a contact by "first last" past the first batch', async () => {
		const many = Array.from({ length: 100 }, (_, k) => ({
			id: k + 1,
			firstName: 'A',
			lastName: `B${k}`,
		}));
		api()
			.get(`${BASE_PATH}/contact`)
			.query(contactPage(1))
			.reply(200, { meta: { total: 101 }, data: many })
			.get(`${BASE_PATH}/contact`)
			.query(contactPage(2))
			.reply(200, {
				meta: { total: 101 },
				data: [{ id: 900, firstName: 'Brian', lastName: 'Erwin' }],
			});

		const { results } = await search('searchContacts', {}, 'brian erwin');
		expect(results).toEqual([{ name: 'Brian Erwin', value: '900' }]);
	});
});

describe('Webhook pickers', () => {
	const SUBSCRIPTION = '4370bfdb-af96-430c-9871-90badf4d5608';
	const event = (id: string, eventType: string) => ({
		id,
		eventType,
		createdOn: '2023-11-01T20:20:08.186Z',
		deliveryStatus: 'SUCCESS',
		eventData: { id: 6611120 },
	});

	it('Event lists the chosen subscription page by page', async () => {
		api()
			.get(`${BASE_PATH}/subscription/${SUBSCRIPTION}/event`)
			.reply(200, {
				meta: { nextCursor: 'c2' },
				data: [event('5f6667e3-4b65-4025-9d64-f8d695b3ebb5', 'LOOP_UPDATED')],
			});

		const { results, paginationToken } = await search('searchWebhookEvents', {
			subscriptionId: rl(SUBSCRIPTION),
		});

		expect(results).toEqual([
			{
				name: 'LOOP_UPDATED 2023-11-01T20:20:08.186Z (SUCCESS)',
				value: '5f6667e3-4b65-4025-9d64-f8d695b3ebb5',
			},
		]);
		expect(paginationToken).toBe('c2');
	});

	it('Event search follows the cursor and stops after 5 pages, saying so', async () => {
		const scope = api();
		for (let page = 1; page <= 5; page++) {
			scope
				.get(`${BASE_PATH}/subscription/${SUBSCRIPTION}/event`)
				.query(page === 1 ? {} : { next_cursor: `c${page}` })
				.reply(200, {
					meta: { nextCursor: `c${page + 1}` },
					data: [
						event(
							`00000000-0000-4000-8000-00000000000${page}`,
							page === 4 ? 'LOOP_CREATED' : 'LOOP_UPDATED',
						),
					],
				});
		}

		const { results } = await search(
			'searchWebhookEvents',
			{ subscriptionId: rl(SUBSCRIPTION) },
			'created',
		);

		expect(results).toEqual([
			{
				name: 'LOOP_CREATED 2023-11-01T20:20:08.186Z (SUCCESS)',
				value: '00000000-0000-4000-8000-000000000004',
			},
			{
				name: 'Searched only the newest 5 pages of events: use By ID to reach an older event',
				value: '',
			},
		]);
	});

	it('Event asks for a subscription first', async () => {
		await expect(search('searchWebhookEvents', { subscriptionId: rl('') })).rejects.toThrow(
			'Choose a webhook subscription first',
		);
	});
});
