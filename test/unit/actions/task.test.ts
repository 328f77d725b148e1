import { expression, runDotloop } from '../helpers/n8n/action';
import { api, BASE_PATH, setupNock } from '../helpers/nock';

setupNock();

const TASK_LIST = `${BASE_PATH}/profile/4711/loop/34308/tasklist/1234`;
const parents = {
	profileId: { __rl: true, mode: 'list', value: '4711' },
	loopId: { __rl: true, mode: 'id', value: '34308' },
	taskListId: { __rl: true, mode: 'id', value: '1234' },
};
const tasks = [
	{ id: 125736485, name: 'contract', due: '2016-10-21T00:00:00-04:00', completed: true },
	{ id: 125736486, name: 'inspection', due: '2016-10-28T00:00:00-04:00', completed: false },
];

describe('Task', () => {
	it('Get Many with Return All lists every task of the task list', async () => {
		api()
			.get(`${TASK_LIST}/task`)
			.reply(200, { meta: { total: 2 }, data: tasks });

		const { output } = await runDotloop({
			params: { resource: 'task', operation: 'getAll', ...parents, returnAll: true },
		});

		expect(output).toEqual(tasks.map((json) => ({ json, pairedItem: { item: 0 } })));
	});

	it('Get Many with a limit keeps that many', async () => {
		api()
			.get(`${TASK_LIST}/task`)
			.reply(200, { meta: { total: 2 }, data: tasks });

		const { output } = await runDotloop({
			params: { resource: 'task', operation: 'getAll', ...parents, returnAll: false, limit: 1 },
		});

		expect(output).toEqual([{ json: tasks[0], pairedItem: { item: 0 } }]);
	});

	it('Get reads one task of the task list', async () => {
		api().get(`${TASK_LIST}/task/125736485`).reply(200, { data: tasks[0] });

		const { output } = await runDotloop({
			params: { resource: 'task', operation: 'get', ...parents, taskId: ' 125736485 ' },
		});

		expect(output).toEqual([{ json: tasks[0], pairedItem: { item: 0 } }]);
	});

	it('Get refuses a task ID that is not a Dotloop ID', async () => {
		await expect(
			runDotloop({ params: { resource: 'task', operation: 'get', ...parents, taskId: '1.5' } }),
		).rejects.toThrow('"Task ID" must be a Dotloop ID (a positive whole number), not "1.5"');
	});

	it('Get Many refuses a missing task list', async () => {
		await expect(
			runDotloop({
				params: {
					resource: 'task',
					operation: 'getAll',
					...parents,
					taskListId: { __rl: true, mode: 'list', value: expression('') },
					returnAll: true,
				},
			}),
		).rejects.toMatchObject({
			message: '"Task List" must be a Dotloop ID (a positive whole number), not ""',
			description: 'Set "Task List" to the ID of the record in Dotloop.',
		});
	});
});
