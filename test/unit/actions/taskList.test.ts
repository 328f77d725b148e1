import { expression, runDotloop } from '../helpers/n8n/action';
import { api, BASE_PATH, setupNock } from '../helpers/nock';

setupNock();

const LOOP = `${BASE_PATH}/profile/4711/loop/34308`;
const parents = { profileId: '4711', loopId: { __rl: true, mode: 'id', value: '34308' } };
const taskLists = [
	{ id: 1234, name: 'My Tasks' },
	{ id: 1235, name: 'Closing' },
	{ id: 1236, name: 'Compliance' },
];

describe('Task List', () => {
	it('Get Many with Return All lists every task list of the loop', async () => {
		api()
			.get(`${LOOP}/tasklist/`)
			.reply(200, { meta: { total: 3 }, data: taskLists });

		const { output } = await runDotloop({
			params: { resource: 'taskList', operation: 'getAll', ...parents, returnAll: true },
		});

		expect(output).toEqual(taskLists.map((json) => ({ json, pairedItem: { item: 0 } })));
	});

	it('Get Many with a limit keeps that many', async () => {
		api()
			.get(`${LOOP}/tasklist/`)
			.reply(200, { meta: { total: 3 }, data: taskLists });

		const { output } = await runDotloop({
			params: { resource: 'taskList', operation: 'getAll', ...parents, returnAll: false, limit: 2 },
		});

		expect(output).toEqual(
			taskLists.slice(0, 2).map((json) => ({ json, pairedItem: { item: 0 } })),
		);
	});

	it('Get reads one task list', async () => {
		api().get(`${LOOP}/tasklist/1234`).reply(200, { data: taskLists[0] });

		const { output } = await runDotloop({
			params: {
				resource: 'taskList',
				operation: 'get',
				...parents,
				taskListId: { __rl: true, mode: 'list', value: '1234' },
			},
		});

		expect(output).toEqual([{ json: taskLists[0], pairedItem: { item: 0 } }]);
	});

	it('Get refuses a task list that is not a Dotloop ID', async () => {
		await expect(
			runDotloop({
				params: {
					resource: 'taskList',
					operation: 'get',
					...parents,
					taskListId: { __rl: true, mode: 'id', value: expression('My Tasks') },
				},
			}),
		).rejects.toThrow('"Task List" must be a Dotloop ID (a positive whole number), not "My Tasks"');
	});
});
