import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { loopLocator, profileLocator, taskListLocator } from '../../descriptions/locators';
import { readId } from '../../parameters/validation';
import { itemLoopPath } from '../loopPath';
import { requestItems } from '../output';

export const properties: INodeProperties[] = [profileLocator, loopLocator, taskListLocator];

export const toolDescription =
	'Get one task list of a loop. Reads only, changes nothing. Cost: 1 request.';

/** GET /profile/:profile_id/loop/:loop_id/tasklist/:task_list_id */
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const path = itemLoopPath.call(this, i);
	const taskListId = readId.call(this, 'taskListId', 'Task List', i);
	return await requestItems.call(this, { method: 'GET', path: `${path}/tasklist/${taskListId}` });
}
