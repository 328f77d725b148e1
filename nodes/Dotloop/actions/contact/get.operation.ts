import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { readId } from '../../parameters/validation';
import { requestItems } from '../output';
import { contactIdField } from './fields';

export const toolDescription =
	'Get one contact of the directory by its contact ID. Reads only, changes nothing. Cost: 1 request.';

export const properties: INodeProperties[] = [contactIdField];

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const contactId = readId.call(this, 'contactId', 'Contact ID', i);
	return await requestItems.call(this, { method: 'GET', path: `/contact/${contactId}` });
}
