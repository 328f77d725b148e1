import { NodeOperationError } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { loopLocator, profileLocator } from '../../descriptions/locators';
import { assertRequiredText } from '../../parameters/validation';
import { itemLoopPath } from '../loopPath';
import { requestItems } from '../output';
import {
	customRoleField,
	isCustomRole,
	participantBody,
	participantFields,
	resolveRole,
	roleOptions,
} from './fields';

export const properties: INodeProperties[] = [
	profileLocator,
	loopLocator,
	{
		displayName: 'Full Name',
		name: 'fullName',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Brian Erwin',
		description: 'First and last name of the participant',
	},
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'name@email.com',
		default: '',
	},
	{
		displayName: 'Role',
		name: 'role',
		type: 'options',
		required: true,
		options: roleOptions,
		default: '',
		description: 'The role of the participant in the loop. Dotloop requires one.',
	},
	// Not `required`: n8n shows it whenever Role is an expression and would refuse the run while
	// empty; resolveRole requires it when the role is custom.
	customRoleField,
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: participantFields,
	},
];

export const toolDescription =
	'Add a participant (a person with a role, such as buyer or listing agent) to a loop. Changes data in Dotloop. Cost: 1 request.';

/** POST /profile/:profile_id/loop/:loop_id/participant */
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const path = itemLoopPath.call(this, i);
	const fullName = assertRequiredText(
		this,
		this.getNodeParameter('fullName', i, '') as string,
		'Full Name',
		i,
	);
	const chosen = this.getNodeParameter('role', i, '') as string;
	const customRole = isCustomRole(chosen)
		? (this.getNodeParameter('customRole', i, '') as string)
		: '';
	const role = resolveRole.call(this, chosen, customRole, i);
	if (!role) {
		throw new NodeOperationError(
			this.getNode(),
			'"Role" is required: Dotloop adds no participant without a role',
			{
				itemIndex: i,
				description:
					'Choose one of the built-in roles, or Custom Role and the name of your own role.',
			},
		);
	}
	const body = participantBody.call(
		this,
		{ fullName, email: this.getNodeParameter('email', i, '') as string, role },
		this.getNodeParameter('additionalFields', i, {}) as IDataObject,
		i,
	);
	return await requestItems.call(this, { method: 'POST', path: `${path}/participant`, body });
}
