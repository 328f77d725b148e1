import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import {
	loopLocator,
	profileLocator,
	taskListLocator,
	taskLocator,
} from '../../descriptions/locators';
import { readId } from '../../parameters/validation';
import { itemLoopPath } from '../loopPath';
import { requestItems } from '../output';

export const properties: INodeProperties[] = [
	profileLocator,
	loopLocator,
	taskListLocator,
	taskLocator,
];

export const toolDescription =
	"Get one task of a loop's task list. Reads only, changes nothing. Cost: 1 request.";

/** GET /profile/:profile_id/loop/:loop_id/tasklist/:task_list_id/task/:task_list_item_id */
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const path = itemLoopPath.call(this, i);
	const taskListId = readId.call(this, 'taskListId', 'Task List', i);
	const taskId = readId.call(this, 'taskId', 'Task ID', i);
	return await requestItems.call(this, {
		method: 'GET',
		path: `${path}/tasklist/${taskListId}/task/${taskId}`,
	});
}
