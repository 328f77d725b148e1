import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { readPageLimit } from '../../parameters/validation';
import { returnAllOrLimit } from '../../descriptions/common';
import { loopLocator, profileLocator } from '../../descriptions/locators';
import { getList } from '../../transport';
import { itemLoopPath } from '../loopPath';
import { toItems } from '../output';
import { includeDocumentsOption, includeDocumentsQs } from './fields';

export const properties: INodeProperties[] = [
	profileLocator,
	loopLocator,
	...returnAllOrLimit,
	includeDocumentsOption,
];

export const toolDescription =
	'List the folders of a loop, optionally with their documents. Reads only, changes nothing. Cost: 1 request.';

/** GET /profile/:profile_id/loop/:loop_id/folder[?include_documents=true] */
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const path = `${itemLoopPath.call(this, i)}/folder`;
	const limit = readPageLimit.call(this, i);
	const qs = includeDocumentsQs(this.getNodeParameter('options', i, {}) as IDataObject);
	return toItems(await getList.call(this, path, qs, { limit }));
}
