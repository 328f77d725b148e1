import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { loopLocator, profileLocator } from '../../descriptions/locators';
import { assertRequiredText } from '../../parameters/validation';
import { itemLoopPath } from '../loopPath';
import { requestItems } from '../output';
import { folderNameField } from './fields';

export const properties: INodeProperties[] = [profileLocator, loopLocator, folderNameField];

export const toolDescription =
	'Create a folder in a loop. Changes data in Dotloop. Cost: 1 request.';

/** POST /profile/:profile_id/loop/:loop_id/folder/ { name }: the trailing slash as the docs write it. */
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const path = itemLoopPath.call(this, i);
	const name = assertRequiredText(
		this,
		this.getNodeParameter('folderName', i, '') as string,
		'Folder Name',
		i,
	);
	return await requestItems.call(this, { method: 'POST', path: `${path}/folder/`, body: { name } });
}
