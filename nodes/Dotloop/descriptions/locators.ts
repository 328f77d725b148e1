import type { INodeProperties, INodePropertyModeValidation } from 'n8n-workflow';

import { ID_FIELD_PATTERN, UUID_FIELD_PATTERN } from '../rules/ids';
import { LOOP_URL_EXAMPLE, LOOP_URL_PATTERN } from '../rules/loops';

function idValidation(label: string): INodePropertyModeValidation[] {
	return [
		{
			type: 'regex',
			properties: {
				regex: ID_FIELD_PATTERN,
				errorMessage: `Not a valid ${label} ID: use the whole number Dotloop shows`,
			},
		},
	];
}

export const profileLocator: INodeProperties = {
	displayName: 'Profile',
	name: 'profileId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The Dotloop profile. Loops live only in INDIVIDUAL profiles.',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchProfiles', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 4711',
			validation: idValidation('profile'),
		},
	],
};

export const loopLocator: INodeProperties = {
	displayName: 'Loop',
	name: 'loopId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The loop, picked from the chosen profile, by ID, or by its Dotloop link',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchLoops', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 34308',
			validation: idValidation('loop'),
		},
		{
			displayName: 'By URL',
			name: 'url',
			type: 'string',
			placeholder: `e.g. ${LOOP_URL_EXAMPLE}`,
			validation: [
				{
					type: 'regex',
					properties: {
						regex: LOOP_URL_PATTERN,
						errorMessage: `Not a Dotloop loop link: paste the loop's address from the browser, which looks like ${LOOP_URL_EXAMPLE} (the number after viewId= is the loop ID)`,
					},
				},
			],
			extractValue: { type: 'regex', regex: LOOP_URL_PATTERN },
		},
	],
};

export const folderLocator: INodeProperties = {
	displayName: 'Folder',
	name: 'folderId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'A folder of the chosen loop',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchFolders', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 423424',
			validation: idValidation('folder'),
		},
	],
};

export const loopTemplateLocator: INodeProperties = {
	displayName: 'Loop Template',
	name: 'loopTemplateId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'A loop template of the chosen profile',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchLoopTemplates', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 423',
			validation: idValidation('loop template'),
		},
	],
};

export const taskListLocator: INodeProperties = {
	displayName: 'Task List',
	name: 'taskListId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'A task list of the chosen loop',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchTaskLists', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 1234',
			validation: idValidation('task list'),
		},
	],
};

export const subscriptionLocator: INodeProperties = {
	displayName: 'Webhook Subscription',
	name: 'subscriptionId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'A webhook subscription of this API client',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchSubscriptions', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 4370bfdb-af96-430c-9871-90badf4d5608',
			validation: [
				{
					type: 'regex',
					properties: {
						regex: UUID_FIELD_PATTERN,
						errorMessage:
							'Not a valid subscription ID: Dotloop uses UUIDs such as 4370bfdb-af96-430c-9871-90badf4d5608',
					},
				},
			],
		},
	],
};

/** A locator with a searchable list and By ID, for a record the list method finds under its parents. */
function pickerLocator(options: {
	displayName: string;
	name: string;
	description: string;
	searchListMethod: string;
	placeholder: string;
	idLabel: string;
	uuid?: boolean;
}): INodeProperties {
	return {
		displayName: options.displayName,
		name: options.name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: options.description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: options.searchListMethod, searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: `e.g. ${options.placeholder}`,
				validation: options.uuid
					? [
							{
								type: 'regex',
								properties: {
									regex: UUID_FIELD_PATTERN,
									errorMessage: `Not a valid ${options.idLabel} ID: Dotloop uses UUIDs such as ${options.placeholder}`,
								},
							},
						]
					: idValidation(options.idLabel),
			},
		],
	};
}

export const documentLocator = pickerLocator({
	displayName: 'Document',
	name: 'documentId',
	description: 'A document of the chosen folder',
	searchListMethod: 'searchDocuments',
	placeholder: '561621',
	idLabel: 'document',
});

export const participantLocator = pickerLocator({
	displayName: 'Participant',
	name: 'participantId',
	description: 'A participant of the chosen loop',
	searchListMethod: 'searchParticipants',
	placeholder: '2355',
	idLabel: 'participant',
});

export const taskLocator = pickerLocator({
	displayName: 'Task',
	name: 'taskId',
	description: 'A task of the chosen task list',
	searchListMethod: 'searchTasks',
	placeholder: '125736485',
	idLabel: 'task',
});

export const contactLocator = pickerLocator({
	displayName: 'Contact',
	name: 'contactId',
	description: 'A contact of the account; search by name or email, or type its ID',
	searchListMethod: 'searchContacts',
	placeholder: '3603862',
	idLabel: 'contact',
});

export const webhookEventLocator = pickerLocator({
	displayName: 'Event',
	name: 'eventId',
	description:
		'An event of the chosen subscription (the eventId of a delivery); Dotloop keeps events for 90 days',
	searchListMethod: 'searchWebhookEvents',
	placeholder: '5f6667e3-4b65-4025-9d64-f8d695b3ebb5',
	idLabel: 'event',
	uuid: true,
});
