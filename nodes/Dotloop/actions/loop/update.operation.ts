import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { TRANSACTION_STATUS_VALUES, TRANSACTION_TYPES } from '../../rules/statuses';
import { loopLocator, profileLocator } from '../../descriptions/locators';
import {
	assertMaxLength,
	assertOneOf,
	assertStatusFitsType,
	assertUpdateFields,
	readId,
} from '../../parameters/validation';
import { dotloopApiRequest } from '../../transport';
import { itemLoopPath } from '../loopPath';
import { toItems, withoutEmpty, withProfileId } from '../output';
import { LOOP_NAME_MAX, loopNameField, statusFields, transactionTypeField } from './fields';

/** 5.4 Update a Loop: PATCH /profile/:profile_id/loop/:loop_id (partial update). */
export const properties: INodeProperties[] = [
	profileLocator,
	loopLocator,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			loopNameField,
			...statusFields(false),
			{
				...transactionTypeField,
				description:
					'Type of transaction. Add Status too unless the loop’s current status also fits the new type.',
			},
		],
	},
];

export const toolDescription =
	"Update a loop's name, status or transaction type. Changes data in Dotloop. Cost: 1 request.";

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const path = itemLoopPath.call(this, i);
	const fields = withoutEmpty(this.getNodeParameter('updateFields', i, {}) as IDataObject);
	const body: IDataObject = {};
	if (fields.name !== undefined) {
		body.name = String(fields.name).trim();
		assertMaxLength(this, body.name as string, 'Name', LOOP_NAME_MAX, i);
	}
	if (fields.transactionType !== undefined) {
		body.transactionType = String(fields.transactionType).trim();
		assertOneOf(this, body.transactionType as string, TRANSACTION_TYPES, 'Transaction Type', i);
	}
	if (fields.status !== undefined) {
		body.status = String(fields.status).trim();
		if (body.transactionType !== undefined) {
			assertStatusFitsType(this, body.transactionType as string, body.status as string, i);
		} else {
			assertOneOf(this, body.status as string, TRANSACTION_STATUS_VALUES, 'Status', i);
		}
	}
	assertUpdateFields(this, body, i, 'of Name, Status or Transaction Type');
	const profileId = readId.call(this, 'profileId', 'Profile', i);
	return toItems(
		withProfileId(await dotloopApiRequest.call(this, { method: 'PATCH', path, body }), profileId),
	);
}
