import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { profileLocator } from '../../descriptions/locators';
import { assertUpdateFields, readId } from '../../parameters/validation';
import { requestItems, withoutEmpty } from '../output';
import { profileFields } from './fields';

/** 4.4 Update a Profile: PATCH /profile/:profile_id (partial update). */
export const properties: INodeProperties[] = [
	profileLocator,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: profileFields,
	},
];

export const toolDescription =
	'Update a profile (name, company, address, ...). Changes data in Dotloop. Cost: 1 request.';

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const profileId = readId.call(this, 'profileId', 'Profile', i);
	const body = withoutEmpty(this.getNodeParameter('updateFields', i, {}) as IDataObject);
	assertUpdateFields(this, body, i);
	return await requestItems.call(this, { method: 'PATCH', path: `/profile/${profileId}`, body });
}
