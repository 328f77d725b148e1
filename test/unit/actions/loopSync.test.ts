import { expression, runDotloop } from '../helpers/n8n/action';
import { api, BASE_PATH, setupNock } from '../helpers/nock';

setupNock();

const PROFILE = `${BASE_PATH}/profile/4711`;
const LOOP = `${PROFILE}/loop/34308`;
const profileId = { __rl: true, mode: 'id', value: '4711' };
const loopId = { __rl: true, mode: 'url', value: 'https://www.dotloop.com/m/loop?viewId=34308' };

const loop = (id: number, name: string, street = ['', ''], mls = '') => ({
	id,
	name,
	status: 'PRE_OFFER',
	transactionType: 'PURCHASE_OFFER',
	details: {
		'Property Address': { 'Street Number': street[0], 'Street Name': street[1], 'MLS Number': mls },
	},
});
const others = (from: number, count: number) =>
	Array.from({ length: count }, (_, n) =>
		loop(from + n, `Loop ${from + n}`, ['1', 'Elm St'], `X${n}`),
	);

describe('Loop Find', () => {
	const find = (extra: object = {}) => ({
		resource: 'loop',
		operation: 'find',
		profileId,
		searchBy: 'name',
		searchText: 'waterview',
		returnAll: true,
		filters: {},
		...extra,
	});
	const waterview = loop(
		34308,
		'Atturo Garay, 2100 Waterview Dr, San Francisco',
		['2100', 'Waterview Dr.'],
		'43FSB8',
	);

	it('reads the loop list with details, 100 a request, and keeps names containing the text', async () => {
		api()
			.get(`${PROFILE}/loop`)
			.query({ include_details: 'true', batch_size: '100', batch_number: '1' })
			.reply(200, { meta: { total: 120 }, data: [...others(1, 50), waterview, ...others(51, 49)] })
			.get(`${PROFILE}/loop`)
			.query({ include_details: 'true', batch_size: '100', batch_number: '2' })
			.reply(200, { meta: { total: 120 }, data: others(100, 20) });

		const { output } = await runDotloop({ params: find() });

		expect(output).toEqual([
			{ json: { ...waterview, statusCategory: 'Pending' }, pairedItem: { item: 0 } },
		]);
	});

	it.each([
		['mlsNumber', ' 43fsb8 '],
		['streetAddress', '2100  waterview dr'],
	])('matches by %s and passes the Get Many filters on', async (searchBy, searchText) => {
		api()
			.get(`${PROFILE}/loop`)
			.query({
				include_details: 'true',
				batch_size: '100',
				batch_number: '1',
				filter: 'updated_min=2024-01-31T09:30:00Z,transaction_type=PURCHASE_OFFER|LISTING_FOR_SALE',
			})
			.reply(200, {
				meta: { total: 3 },
				data: [loop(1, 'Waterview lot'), waterview, others(2, 1)[0]],
			});

		const { output } = await runDotloop({
			params: find({
				searchBy,
				searchText,
				filters: {
					updatedSince: '2024-01-31T09:30:00.500Z',
					transactionTypes: ['PURCHASE_OFFER', 'LISTING_FOR_SALE'],
				},
			}),
		});

		expect(output).toEqual([
			{ json: { ...waterview, statusCategory: 'Pending' }, pairedItem: { item: 0 } },
		]);
	});

	it('stops once Limit loops match', async () => {
		api()
			.get(`${PROFILE}/loop`)
			.query({ include_details: 'true', batch_size: '100', batch_number: '1' })
			.reply(200, { meta: { total: 900 }, data: [waterview, ...others(1, 99)] });

		const { output } = await runDotloop({ params: find({ returnAll: false, limit: 1 }) });

		expect(output).toEqual([
			{ json: { ...waterview, statusCategory: 'Pending' }, pairedItem: { item: 0 } },
		]);
	});

	it('refuses an empty search text before any request', async () => {
		await expect(runDotloop({ params: find({ searchText: '  ' }) })).rejects.toThrow(
			'"Search Text" is required and may not be empty',
		);
	});
});

describe('Loop Get Full', () => {
	const summary = {
		id: 34308,
		name: 'Atturo Garay',
		status: 'PRE_OFFER',
		transactionType: 'PURCHASE_OFFER',
	};
	const details = { 'Property Address': { 'Street Number': '2100' } };
	const participants = [{ id: 2355, fullName: 'Brian Erwin', role: 'BUYING_AGENT' }];
	const folders = [
		{ id: 423424, name: 'Disclosures', documents: [{ id: 561621, name: 'disclosures.pdf' }] },
		{ id: 423425, name: 'Empty', documents: [] },
	];
	const taskLists = [
		{ id: 1234, name: 'My Tasks' },
		{ id: 1235, name: 'Compliance' },
	];
	const tasks = {
		1234: [{ id: 125736485, name: 'contract', completed: true }],
		1235: [{ id: 125736486, name: 'inspection', completed: false }],
	};
	const getFull = (parts: string[] | string) => ({
		resource: 'loop',
		operation: 'getFull',
		profileId,
		loopId,
		parts,
	});

	it('asks once per part and once per task list, and outputs one item with every part', async () => {
		api()
			.get(LOOP)
			.reply(200, { data: summary })
			.get(`${LOOP}/detail`)
			.reply(200, { data: details })
			.get(`${LOOP}/participant`)
			.reply(200, { meta: { total: 1 }, data: participants })
			.get(`${LOOP}/folder`)
			.query({ include_documents: 'true' })
			.reply(200, { meta: { total: 2 }, data: folders })
			.get(`${LOOP}/tasklist/`)
			.reply(200, { meta: { total: 2 }, data: taskLists })
			.get(`${LOOP}/tasklist/1234/task`)
			.reply(200, { meta: { total: 1 }, data: tasks[1234] })
			.get(`${LOOP}/tasklist/1235/task`)
			.reply(200, { meta: { total: 1 }, data: tasks[1235] });

		const { output } = await runDotloop({
			params: getFull(['loop', 'details', 'participants', 'folders', 'taskLists']),
		});

		expect(output).toEqual([
			{
				json: {
					profileId: 4711,
					loopId: 34308,
					loop: { ...summary, statusCategory: 'Pending' },
					details,
					participants,
					folders,
					taskLists: [
						{ ...taskLists[0], tasks: tasks[1234] },
						{ ...taskLists[1], tasks: tasks[1235] },
					],
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	it('asks only for the chosen parts', async () => {
		api()
			.get(`${LOOP}/detail`)
			.reply(200, { data: details })
			.get(`${LOOP}/participant`)
			.reply(200, { data: participants });

		const { output } = await runDotloop({ params: getFull(['participants', 'details']) });

		expect(output).toEqual([
			{ json: { profileId: 4711, loopId: 34308, details, participants }, pairedItem: { item: 0 } },
		]);
	});

	it('follows a merged loop once and asks the other parts of the loop it was merged into', async () => {
		api()
			.get(LOOP)
			.reply(301, '', { Location: '/public/v2/profile/4711/loop/34999' })
			.get(`${PROFILE}/loop/34999`)
			.reply(200, { data: { ...summary, id: 34999 } })
			.get(`${PROFILE}/loop/34999/participant`)
			.reply(200, { data: participants });

		const { output } = await runDotloop({ params: getFull(['loop', 'participants']) });

		expect(output).toEqual([
			{
				json: {
					profileId: 4711,
					loopId: 34999,
					loop: { ...summary, id: 34999, statusCategory: 'Pending' },
					participants,
					mergedFromLoopId: 34308,
					mergedIntoLoopId: 34999,
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	it.each([[[]], ['']])('refuses no parts (%j) before any request', async (parts) => {
		await expect(runDotloop({ params: getFull(expression(parts)) })).rejects.toThrow(
			'"Parts" is empty: choose at least one of loop, details, participants, folders, taskLists',
		);
	});
});
