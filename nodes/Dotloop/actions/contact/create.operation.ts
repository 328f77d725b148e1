import { NodeOperationError } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { dotloopApiRequest } from '../../transport';
import type { ExecutionScope } from '../execution';
import { toItems, withoutEmpty } from '../output';
import { additionalContactFields } from './fields';

export const properties: INodeProperties[] = [
	{ displayName: 'First Name', name: 'firstName', type: 'string', default: '' },
	{ displayName: 'Last Name', name: 'lastName', type: 'string', default: '' },
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'name@email.com',
		default: '',
	},
	additionalContactFields,
];

export const toolDescription =
	"Create a contact in the user's Dotloop contact directory. Changes data in Dotloop. Cost: 1 request.";

export async function execute(
	this: IExecuteFunctions,
	i: number,
	{ contacts }: ExecutionScope,
): Promise<INodeExecutionData[]> {
	const body = withoutEmpty({
		firstName: this.getNodeParameter('firstName', i, '') as string,
		lastName: this.getNodeParameter('lastName', i, '') as string,
		email: this.getNodeParameter('email', i, '') as string,
		...(this.getNodeParameter('additionalFields', i, {}) as IDataObject),
	});
	if (!body.firstName && !body.lastName && !body.email) {
		throw new NodeOperationError(
			this.getNode(),
			'A contact needs at least one of "First Name", "Last Name" or "Email"',
			{ itemIndex: i },
		);
	}
	const created = await dotloopApiRequest.call(this, { method: 'POST', path: '/contact', body });
	await contacts.created({ ...body, ...created });
	return toItems(created);
}
