import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { folderLocator, loopLocator, profileLocator } from '../../descriptions/locators';
import { assertRequiredText, readId } from '../../parameters/validation';
import { itemLoopPath } from '../loopPath';
import { requestItems } from '../output';
import { folderNameField } from './fields';

export const properties: INodeProperties[] = [
	profileLocator,
	loopLocator,
	folderLocator,
	{ ...folderNameField, description: 'The new name of the folder' },
];

export const toolDescription =
	'Rename a folder of a loop. Changes data in Dotloop. Cost: 1 request.';

/** PATCH /profile/:profile_id/loop/:loop_id/folder/:folder_id { name } */
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const path = itemLoopPath.call(this, i);
	const folderId = readId.call(this, 'folderId', 'Folder', i);
	const name = assertRequiredText(
		this,
		this.getNodeParameter('folderName', i, '') as string,
		'Folder Name',
		i,
	);
	return await requestItems.call(this, {
		method: 'PATCH',
		path: `${path}/folder/${folderId}`,
		body: { name },
	});
}
