import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { folderLocator, loopLocator, profileLocator } from '../../descriptions/locators';
import { readId } from '../../parameters/validation';
import { itemLoopPath } from '../loopPath';
import { requestItems } from '../output';
import { includeDocumentsOption, includeDocumentsQs } from './fields';

export const properties: INodeProperties[] = [
	profileLocator,
	loopLocator,
	folderLocator,
	includeDocumentsOption,
];

export const toolDescription =
	'Get one folder of a loop, optionally with its documents. Reads only, changes nothing. Cost: 1 request.';

/** GET /profile/:profile_id/loop/:loop_id/folder/:folder_id[?include_documents=true] */
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const path = itemLoopPath.call(this, i);
	const folderId = readId.call(this, 'folderId', 'Folder', i);
	const qs = includeDocumentsQs(this.getNodeParameter('options', i, {}) as IDataObject);
	return await requestItems.call(this, { method: 'GET', path: `${path}/folder/${folderId}`, qs });
}
