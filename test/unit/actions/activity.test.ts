import { runDotloop } from '../helpers/n8n/action';
import { api, BASE_PATH, setupNock } from '../helpers/nock';

setupNock();

const ACTIVITY = `${BASE_PATH}/profile/4711/loop/34308/activity`;
const parents = { profileId: '4711', loopId: '34308' };

/** Activities have no id: number them through the message. */
const activities = (from: number, count: number) =>
	Array.from({ length: count }, (_, n) => ({
		message: `User One viewed document ${from + n}`,
		date: '2017-01-09T13:10:14Z',
	}));

describe('Activity', () => {
	it('Get Many with Return All pages in batches of 100 until a short batch (meta.total is -1)', async () => {
		api()
			.get(ACTIVITY)
			.query({ batch_size: '100', batch_number: '1' })
			.reply(200, { meta: { total: -1 }, data: activities(1, 100) })
			.get(ACTIVITY)
			.query({ batch_size: '100', batch_number: '2' })
			.reply(200, { meta: { total: -1 }, data: activities(101, 100) })
			.get(ACTIVITY)
			.query({ batch_size: '100', batch_number: '3' })
			.reply(200, { meta: { total: -1 }, data: activities(201, 37) });

		const { output } = await runDotloop({
			params: { resource: 'activity', operation: 'getAll', ...parents, returnAll: true },
		});

		expect(output).toEqual(activities(1, 237).map((json) => ({ json, pairedItem: { item: 0 } })));
	});

	it('Get Many with Return All stops at an empty batch when the last full one was the end', async () => {
		api()
			.get(ACTIVITY)
			.query({ batch_size: '100', batch_number: '1' })
			.reply(200, { meta: { total: -1 }, data: activities(1, 100) })
			.get(ACTIVITY)
			.query({ batch_size: '100', batch_number: '2' })
			.reply(200, { meta: { total: -1 }, data: [] });

		const { output } = await runDotloop({
			params: { resource: 'activity', operation: 'getAll', ...parents, returnAll: true },
		});

		expect(output).toHaveLength(100);
	});

	it('Get Many with a limit smaller than a page asks for one batch of exactly that size', async () => {
		api()
			.get(ACTIVITY)
			.query({ batch_size: '30', batch_number: '1' })
			.reply(200, { meta: { total: -1 }, data: activities(1, 30) });

		const { output } = await runDotloop({
			params: {
				resource: 'activity',
				operation: 'getAll',
				...parents,
				returnAll: false,
				limit: 30,
			},
		});

		expect(output).toEqual(activities(1, 30).map((json) => ({ json, pairedItem: { item: 0 } })));
	});

	it('Get Many with a limit above a page splits it into the fewest even batches', async () => {
		api()
			.get(ACTIVITY)
			.query({ batch_size: '75', batch_number: '1' })
			.reply(200, { meta: { total: -1 }, data: activities(1, 75) })
			.get(ACTIVITY)
			.query({ batch_size: '75', batch_number: '2' })
			.reply(200, { meta: { total: -1 }, data: activities(76, 75) });

		const { output } = await runDotloop({
			params: {
				resource: 'activity',
				operation: 'getAll',
				...parents,
				returnAll: false,
				limit: 150,
			},
		});

		expect(output.map((item) => item.json)).toEqual(activities(1, 150));
	});

	it('refuses a loop that is not a Dotloop ID', async () => {
		await expect(
			runDotloop({
				params: {
					resource: 'activity',
					operation: 'getAll',
					profileId: '4711',
					loopId: 'abc',
					returnAll: true,
				},
			}),
		).rejects.toThrow('"Loop" must be a Dotloop ID (a positive whole number), not "abc"');
	});
});
