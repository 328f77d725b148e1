import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { assertRequiredText } from '../../parameters/validation';
import { requestItems, withoutEmpty } from '../output';
import { profileFields } from './fields';

/** 4.3 Create a Profile: POST /profile */
export const properties: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. My Profile',
		description: 'Profile name',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: profileFields.filter((field) => field.name !== 'name'),
	},
];

export const toolDescription =
	'Create a profile for the connected user. Changes data in Dotloop. Cost: 1 request.';

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const name = assertRequiredText(this, this.getNodeParameter('name', i, '') as string, 'Name', i);
	const body = withoutEmpty({
		...(this.getNodeParameter('additionalFields', i, {}) as IDataObject),
		name,
	});
	return await requestItems.call(this, { method: 'POST', path: '/profile', body });
}
