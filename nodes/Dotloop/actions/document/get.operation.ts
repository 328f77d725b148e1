import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { folderLocator, loopLocator, profileLocator } from '../../descriptions/locators';
import { requestItems } from '../output';
import { DOCUMENT_NOT_FOUND, documentAddress, documentIdField } from './fields';

export const properties: INodeProperties[] = [
	profileLocator,
	loopLocator,
	folderLocator,
	documentIdField,
];

export const toolDescription =
	'Get the details of one document of a loop folder (its name, folder and dates), not its file. Reads only, changes nothing. Cost: 1 request.';

/** GET /profile/:profile_id/loop/:loop_id/folder/:folder_id/document/:document_id (the metadata, as JSON) */
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const { path, notFound } = documentAddress.call(this, i);
	return await requestItems.call(this, {
		method: 'GET',
		path,
		notFound,
		hints: { 404: DOCUMENT_NOT_FOUND },
	});
}
