import type { INodeProperties, INodePropertyModeValidation } from 'n8n-workflow';

const ID_PATTERN = '^\\s*[1-9][0-9]*\\s*$';
const UUID_PATTERN =
	'^\\s*[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\s*$';
/** Dotloop's loop links end in viewId=<loop id> (the v2 loop ID and the view ID are the same number). */
export const LOOP_URL_PATTERN = 'https?://(?:www\\.)?dotloop\\.com/.*[?&]viewId=([0-9]+)';

function idValidation(label: string): INodePropertyModeValidation[] {
	return [
		{
			type: 'regex',
			properties: {
				regex: ID_PATTERN,
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
			placeholder: 'e.g. https://www.dotloop.com/m/loop?viewId=34308',
			validation: [
				{
					type: 'regex',
					properties: {
						regex: LOOP_URL_PATTERN,
						errorMessage: 'Not a Dotloop loop link: it should end in ?viewId=<number>',
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
						regex: UUID_PATTERN,
						errorMessage:
							'Not a valid subscription ID: Dotloop uses UUIDs such as 4370bfdb-af96-430c-9871-90badf4d5608',
					},
				},
			],
		},
	],
};
