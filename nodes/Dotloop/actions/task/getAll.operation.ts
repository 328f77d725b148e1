import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { readId, readPageLimit } from '../../parameters/validation';
import { returnAllOrLimit } from '../../descriptions/common';
import { loopLocator, profileLocator, taskListLocator } from '../../descriptions/locators';
import { getList } from '../../transport';
import { itemLoopPath } from '../loopPath';
import { toItems } from '../output';

export const properties: INodeProperties[] = [
	profileLocator,
	loopLocator,
	taskListLocator,
	...returnAllOrLimit,
];

export const toolDescription =
	"List the tasks of a loop's task list. Reads only, changes nothing. Cost: 1 request.";

/** GET /profile/:profile_id/loop/:loop_id/tasklist/:task_list_id/task */
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const path = itemLoopPath.call(this, i);
	const taskListId = readId.call(this, 'taskListId', 'Task List', i);
	const limit = readPageLimit.call(this, i);
	return toItems(await getList.call(this, `${path}/tasklist/${taskListId}/task`, {}, { limit }));
}
