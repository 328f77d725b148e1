import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { readId, readPageLimit } from '../../parameters/validation';
import { returnAllOrLimit } from '../../descriptions/common';
import { documentFileName } from '../../rules/documents';
import { folderLocator, loopLocator, profileLocator } from '../../descriptions/locators';
import { getList } from '../../transport';
import { itemLoopPath } from '../loopPath';
import { toItems } from '../output';

export const properties: INodeProperties[] = [
	profileLocator,
	loopLocator,
	folderLocator,
	...returnAllOrLimit,
];

export const toolDescription =
	'List the documents of a loop folder. Reads only, changes nothing. Cost: 1 request.';

/**
 * List items carry the file name as `filename` (section 8.1) or `name` (as clients saw): each item
 * gets `name` (any `filename` kept), as "Get a Document" names it, so one expression reads the file
 * name after either operation.
 */
function withName(document: IDataObject): IDataObject {
	const name = documentFileName(document);
	return name === undefined || document.name === name ? document : { ...document, name };
}

/** GET /profile/:profile_id/loop/:loop_id/folder/:folder_id/document */
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const path = itemLoopPath.call(this, i);
	const folderId = readId.call(this, 'folderId', 'Folder', i);
	const limit = readPageLimit.call(this, i);
	const documents = await getList.call(this, `${path}/folder/${folderId}/document`, {}, { limit });
	return toItems(documents.map(withName));
}
