'use strict';

const { taskListView, taskView, activityView } = require('../views');
const { notFound } = require('../errors');
const { parseBatch, page } = require('../listing');
const { loopFor, taskListFor, idParam, ok, list } = require('./resolve');

const BASE = '/profile/:profileId/loop/:loopId/tasklist';

function tasksOf(ctx, taskList) {
	return taskList.taskIds.map((id) => ctx.app.store.tasks.get(id)).filter(Boolean);
}

function getTask(ctx) {
	const { taskList } = taskListFor(ctx);
	const id = idParam(ctx, 'taskId');
	const task = ctx.app.store.tasks.get(id);
	if (!task || task.taskListId !== taskList.id) throw notFound(`Task ${id} not found`);
	return ok(taskView(task));
}

// Activities are batch paged but never report a total (docs: "Loop Activities").
function listActivities(ctx) {
	const { loop } = loopFor(ctx);
	const batch = parseBatch(ctx.query);
	const newestFirst = [...loop.activities].reverse();
	return list(page(newestFirst, batch).map(activityView), -1);
}

module.exports = [
	{
		method: 'GET',
		path: `${BASE}/`,
		scope: 'loop:read',
		handler: (ctx) => {
			const { loop } = loopFor(ctx);
			return list(
				loop.taskListIds
					.map((id) => ctx.app.store.taskLists.get(id))
					.filter(Boolean)
					.map(taskListView),
			);
		},
	},
	{
		method: 'GET',
		path: `${BASE}/:taskListId`,
		scope: 'loop:read',
		handler: (ctx) => ok(taskListView(taskListFor(ctx).taskList)),
	},
	{
		method: 'GET',
		path: `${BASE}/:taskListId/task`,
		scope: 'loop:read',
		handler: (ctx) => list(tasksOf(ctx, taskListFor(ctx).taskList).map(taskView)),
	},
	{ method: 'GET', path: `${BASE}/:taskListId/task/:taskId`, scope: 'loop:read', handler: getTask },
	{
		method: 'GET',
		path: '/profile/:profileId/loop/:loopId/activity',
		scope: 'loop:read',
		handler: listActivities,
	},
];
