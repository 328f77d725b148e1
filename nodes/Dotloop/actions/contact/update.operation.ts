import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { assertUpdateFields, readId } from '../../parameters/validation';
import { dotloopApiRequest } from '../../transport';
import type { ExecutionScope } from '../execution';
import { toItems, withoutEmpty } from '../output';
import { contactFields, contactIdField } from './fields';

export const properties: INodeProperties[] = [
	contactIdField,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: contactFields,
	},
];

export const toolDescription =
	'Update fields of an existing contact, found by its contact ID; fields left empty are not changed. Changes data in Dotloop. Cost: 1 request.';

export async function execute(
	this: IExecuteFunctions,
	i: number,
	{ contacts }: ExecutionScope,
): Promise<INodeExecutionData[]> {
	const contactId = readId.call(this, 'contactId', 'Contact ID', i);
	const body = withoutEmpty(this.getNodeParameter('updateFields', i, {}) as IDataObject);
	assertUpdateFields(this, body, i);
	const updated = await contacts.forgetIfGone(
		contactId,
		dotloopApiRequest.call(this, { method: 'PATCH', path: `/contact/${contactId}`, body }),
	);
	await contacts.updated(contactId, { ...body, ...updated });
	return toItems(updated);
}
