import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { sortedByDisplayName } from '../../descriptions/options';
import { loopLocator, profileLocator } from '../../descriptions/locators';
import { assertUpdateFields, readId } from '../../parameters/validation';
import { itemLoopPath } from '../loopPath';
import { requestItems } from '../output';
import {
	customRoleDescription,
	participantBody,
	participantFields,
	participantIdField,
	resolveRole,
	roleOptions,
} from './fields';

const updateFields: INodeProperties[] = [
	...participantFields,
	{
		displayName: 'Custom Role',
		name: 'customRole',
		type: 'string',
		default: '',
		description: customRoleDescription,
	},
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'name@email.com',
		default: '',
	},
	{
		displayName: 'Full Name',
		name: 'fullName',
		type: 'string',
		default: '',
		description: 'First and last name of the participant',
	},
	{ displayName: 'Role', name: 'role', type: 'options', options: roleOptions, default: 'BUYER' },
];

export const properties: INodeProperties[] = [
	profileLocator,
	loopLocator,
	participantIdField,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: sortedByDisplayName(updateFields),
	},
];

export const toolDescription =
	'Update a participant of a loop (name, role, email, phone, ...). Changes data in Dotloop. Cost: 1 request.';

/** PATCH /profile/:profile_id/loop/:loop_id/participant/:participant_id (a partial update) */
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const path = itemLoopPath.call(this, i);
	const participantId = readId.call(this, 'participantId', 'Participant ID', i);
	const { fullName, email, role, customRole, ...extra } = this.getNodeParameter(
		'updateFields',
		i,
		{},
	) as IDataObject;
	const body = participantBody.call(
		this,
		{ fullName, email, role: resolveRole.call(this, role as string, customRole as string, i) },
		extra,
		i,
	);
	assertUpdateFields(this, body, i);
	return await requestItems.call(this, {
		method: 'PATCH',
		path: `${path}/participant/${participantId}`,
		body,
	});
}
