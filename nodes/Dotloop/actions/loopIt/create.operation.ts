import { NodeOperationError } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { profileLocator } from '../../descriptions/locators';
import { readId } from '../../parameters/validation';
import { requestItems, withoutEmpty } from '../output';
import {
	loopNameField,
	optionalTemplateField,
	readLoopName,
	readTemplateId,
	readTypeAndStatus,
	statusFields,
	transactionTypeField,
} from '../loop/fields';
import { customRoleField, isCustomRole, roleOptions } from '../participant/fields';

/**
 * 2. Loop-It: POST /loop-it?profile_id=… creates a loop in one request: property data, participants
 * added to the contacts directory, and an optional loop template (required when the profile says
 * requiresTemplate; Dotloop then answers 422 without one). profile_id goes in the query string.
 */
export const properties: INodeProperties[] = [
	{
		...profileLocator,
		description:
			'The INDIVIDUAL profile the loop is created in (loops live only in INDIVIDUAL profiles)',
	},
	{ ...loopNameField, required: true },
	{ ...transactionTypeField, required: true },
	...statusFields(true),
	optionalTemplateField,
	{
		displayName: 'Property Address',
		name: 'propertyAddress',
		type: 'collection',
		placeholder: 'Add Address Field',
		default: {},
		options: [
			{ displayName: 'City', name: 'city', type: 'string', default: '' },
			{
				displayName: 'Country',
				name: 'country',
				type: 'string',
				default: '',
				placeholder: 'e.g. US',
			},
			{ displayName: 'County', name: 'county', type: 'string', default: '' },
			{ displayName: 'State', name: 'state', type: 'string', default: '', placeholder: 'e.g. CA' },
			{
				displayName: 'Street Name',
				name: 'streetName',
				type: 'string',
				default: '',
				placeholder: 'e.g. Waterview Dr',
			},
			{
				displayName: 'Street Number',
				name: 'streetNumber',
				type: 'string',
				default: '',
				placeholder: 'e.g. 2100',
			},
			{ displayName: 'Unit', name: 'unit', type: 'string', default: '', placeholder: 'e.g. 12' },
			{
				displayName: 'Zip Code',
				name: 'zipCode',
				type: 'string',
				default: '',
				placeholder: 'e.g. 94114',
			},
		],
	},
	{
		displayName: 'Participants',
		name: 'participants',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Participant',
		default: {},
		description: 'People to add to the loop; Dotloop also adds them to the contacts directory',
		options: [
			{
				displayName: 'Participant',
				name: 'participant',
				values: [
					{
						displayName: 'Full Name',
						name: 'fullName',
						type: 'string',
						default: '',
						placeholder: 'e.g. Brian Erwin',
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
						options: roleOptions,
						default: 'BUYER',
						description: "The participant's role in the loop",
					},
					customRoleField,
				],
			},
		],
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'MLS Agent ID',
				name: 'mlsAgentId',
				type: 'string',
				default: '',
				description: 'Lets Dotloop authenticate the agent with the MLS to give access to its forms',
			},
			{
				displayName: 'MLS ID',
				name: 'mlsId',
				type: 'string',
				default: '',
				description: 'The MLS to search the listing in',
			},
			{
				displayName: 'MLS Property ID',
				name: 'mlsPropertyId',
				type: 'string',
				default: '',
				description: 'The listing whose property data Dotloop pulls into the loop',
			},
			{
				displayName: 'NRDS ID',
				name: 'nrdsId',
				type: 'string',
				default: '',
				description: "The agent's NRDS ID, which gives access to association form templates",
			},
		],
	},
];

export const toolDescription =
	'Create a loop in one step with Loop-It: name, transaction type, status, property address, participants and an optional template. Changes data in Dotloop. Cost: 1 request.';

function readParticipants(this: IExecuteFunctions, i: number): IDataObject[] {
	const entries = this.getNodeParameter('participants.participant', i, []) as IDataObject[];
	return entries.map((entry, n) => {
		const label = `Participant ${n + 1}`;
		let role = String(entry.role ?? '').trim();
		if (isCustomRole(role)) {
			role = String(entry.customRole ?? '').trim();
			if (role === '') {
				throw new NodeOperationError(
					this.getNode(),
					`${label}: "Custom Role" is empty: enter the name of a role defined in your Dotloop account`,
					{ itemIndex: i },
				);
			}
		}
		const participant = withoutEmpty({ fullName: entry.fullName, email: entry.email, role });
		if (participant.fullName === undefined && participant.email === undefined) {
			throw new NodeOperationError(this.getNode(), `${label} needs a "Full Name" or an "Email"`, {
				itemIndex: i,
			});
		}
		return participant;
	});
}

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const profileId = readId.call(this, 'profileId', 'Profile', i);
	const name = readLoopName.call(this, i);
	const { transactionType, status } = readTypeAndStatus.call(this, i);
	const templateId = readTemplateId.call(this, i);
	const participants = readParticipants.call(this, i);

	const body = withoutEmpty({
		name,
		transactionType,
		status,
		...(this.getNodeParameter('propertyAddress', i, {}) as IDataObject),
		...(this.getNodeParameter('additionalFields', i, {}) as IDataObject),
		templateId,
	});
	if (participants.length) body.participants = participants;

	return await requestItems.call(this, {
		method: 'POST',
		path: '/loop-it',
		qs: { profile_id: profileId },
		body,
	});
}
