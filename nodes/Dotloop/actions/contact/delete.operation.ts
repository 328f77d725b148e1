import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { readId } from '../../parameters/validation';
import { dotloopRequest } from '../../transport';
import type { ExecutionScope } from '../execution';
import { deleted } from '../output';
import { contactIdField } from './fields';

export const toolDescription =
	"Delete a contact from the user's Dotloop contact directory, permanently. Changes data in Dotloop. Cost: 1 request.";

export const properties: INodeProperties[] = [contactIdField];

export async function execute(
	this: IExecuteFunctions,
	i: number,
	{ contacts }: ExecutionScope,
): Promise<INodeExecutionData[]> {
	const contactId = readId.call(this, 'contactId', 'Contact ID', i);
	await contacts.forgetIfGone(
		contactId,
		dotloopRequest.call(this, { method: 'DELETE', path: `/contact/${contactId}` }),
	);
	await contacts.deleted(contactId);
	return deleted(contactId);
}
