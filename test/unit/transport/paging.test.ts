import {
	batchSizeFor,
	getAllBatched,
	getAllByCursor,
	getList,
} from '../../../nodes/Dotloop/transport';
import { createExecuteContext } from '../helpers/n8n/contexts';
import { api, BASE_PATH, setupNock } from '../helpers/nock';

setupNock();

const records = (from: number, count: number) =>
	Array.from({ length: count }, (_, n) => ({ id: from + n }));
const ids = (list: Array<{ id?: unknown }>) => list.map((record) => record.id);
const ctx = async () => (await createExecuteContext({ params: {} })).context;

describe('batch paging', () => {
	it('picks the smallest batches that need the fewest requests', () => {
		expect(batchSizeFor(undefined)).toBe(100);
		expect(batchSizeFor(40)).toBe(40);
		expect(batchSizeFor(100)).toBe(100);
		expect(batchSizeFor(150)).toBe(75);
		expect(batchSizeFor(250)).toBe(84);
	});

	it('Return All: batches of 100 until meta.total is reached, no extra request', async () => {
		const scope = api();
		for (let n = 1; n <= 3; n++) {
			scope
				.get(`${BASE_PATH}/profile/1/loop`)
				.query({ batch_size: '100', batch_number: String(n), sort: 'updated' })
				.reply(200, { meta: { total: 250 }, data: records((n - 1) * 100 + 1, n < 3 ? 100 : 50) });
		}

		const result = await getAllBatched.call(await ctx(), '/profile/1/loop', { sort: 'updated' });

		expect(ids(result)).toEqual(ids(records(1, 250)));
	});

	it('a limit of 150 takes two batches of 75 and stops', async () => {
		api()
			.get(`${BASE_PATH}/contact`)
			.query({ batch_size: '75', batch_number: '1' })
			.reply(200, { meta: { total: 1000 }, data: records(1, 75) })
			.get(`${BASE_PATH}/contact`)
			.query({ batch_size: '75', batch_number: '2' })
			.reply(200, { meta: { total: 1000 }, data: records(76, 75) });

		const result = await getAllBatched.call(await ctx(), '/contact', {}, { limit: 150 });

		expect(ids(result)).toEqual(ids(records(1, 150)));
	});

	it('a limit smaller than a page takes one batch of that size', async () => {
		api()
			.get(`${BASE_PATH}/contact`)
			.query({ batch_size: '3', batch_number: '1' })
			.reply(200, { meta: { total: 10 }, data: records(1, 3) });

		expect(ids(await getAllBatched.call(await ctx(), '/contact', {}, { limit: 3 }))).toEqual([
			1, 2, 3,
		]);
	});

	it('activities (total -1): a batch shorter than the ones before ends it', async () => {
		api()
			.get(`${BASE_PATH}/profile/1/loop/2/activity`)
			.query({ batch_size: '100', batch_number: '1' })
			.reply(200, { meta: { total: -1 }, data: records(1, 100) })
			.get(`${BASE_PATH}/profile/1/loop/2/activity`)
			.query({ batch_size: '100', batch_number: '2' })
			.reply(200, { meta: { total: -1 }, data: records(101, 20) });

		const result = await getAllBatched.call(await ctx(), '/profile/1/loop/2/activity');

		expect(result).toHaveLength(120);
	});

	it('does not take a short first batch for the end when the server may cap silently (total -1)', async () => {
		api()
			.get(`${BASE_PATH}/a`)
			.query({ batch_size: '100', batch_number: '1' })
			.reply(200, { meta: { total: -1 }, data: records(1, 50) })
			.get(`${BASE_PATH}/a`)
			.query({ batch_size: '100', batch_number: '2' })
			.reply(200, { meta: { total: -1 }, data: records(51, 50) })
			.get(`${BASE_PATH}/a`)
			.query({ batch_size: '100', batch_number: '3' })
			.reply(200, { meta: { total: -1 }, data: [] });

		expect(await getAllBatched.call(await ctx(), '/a')).toHaveLength(100);
	});

	it('stops on an empty batch', async () => {
		api()
			.get(`${BASE_PATH}/contact`)
			.query({ batch_size: '100', batch_number: '1' })
			.reply(200, { data: records(1, 100) })
			.get(`${BASE_PATH}/contact`)
			.query({ batch_size: '100', batch_number: '2' })
			.reply(200, { data: [] });

		expect(await getAllBatched.call(await ctx(), '/contact')).toHaveLength(100);
	});

	it('never loops forever when Dotloop ignores batch_number and repeats a batch', async () => {
		api()
			.get(`${BASE_PATH}/contact`)
			.query(true)
			.times(2)
			.reply(200, { meta: { total: 500 }, data: records(1, 100) });

		expect(ids(await getAllBatched.call(await ctx(), '/contact'))).toEqual(ids(records(1, 100)));
	});
});

describe('cursor paging', () => {
	it('follows meta.nextCursor until there is none', async () => {
		api()
			.get(`${BASE_PATH}/subscription`)
			.query({ enabled: 'true' })
			.reply(200, { data: records(1, 2), meta: { nextCursor: 'c2' } })
			.get(`${BASE_PATH}/subscription`)
			.query({ enabled: 'true', next_cursor: 'c2' })
			.reply(200, { data: records(3, 2), meta: {} });

		const result = await getAllByCursor.call(await ctx(), '/subscription', { enabled: true });

		expect(ids(result)).toEqual([1, 2, 3, 4]);
	});

	it('stops at the limit without fetching the next page', async () => {
		api()
			.get(`${BASE_PATH}/subscription`)
			.reply(200, { data: records(1, 3), meta: { nextCursor: 'c2' } });

		expect(ids(await getAllByCursor.call(await ctx(), '/subscription', {}, { limit: 2 }))).toEqual([
			1, 2,
		]);
	});

	it('guards against a cursor Dotloop repeats', async () => {
		api()
			.get(`${BASE_PATH}/subscription`)
			.reply(200, { data: records(1, 1), meta: { nextCursor: 'same' } })
			.get(`${BASE_PATH}/subscription`)
			.query({ next_cursor: 'same' })
			.reply(200, { data: records(2, 1), meta: { nextCursor: 'same' } });

		expect(ids(await getAllByCursor.call(await ctx(), '/subscription'))).toEqual([1, 2]);
	});
});

describe('single-response lists', () => {
	it('returns the data array, cut to the limit', async () => {
		api()
			.get(`${BASE_PATH}/profile`)
			.reply(200, { meta: { total: 3 }, data: records(1, 3) });

		expect(ids(await getList.call(await ctx(), '/profile', {}, { limit: 2 }))).toEqual([1, 2]);
	});
});
