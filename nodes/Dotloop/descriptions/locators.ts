import type { INodeProperties, INodePropertyMode } from 'n8n-workflow';

import { ID_FIELD_PATTERN, UUID_EXAMPLE, UUID_FIELD_PATTERN } from '../rules/ids';
import { LOOP_URL_EXAMPLE, LOOP_URL_PATTERN } from '../rules/loops';

/**
 * A locator of a Dotloop record: From List (a searchable picker that lists the record under the parents
 * chosen above it) and By ID, checked as Dotloop's IDs (or, with `uuid`, its UUIDs) are written.
 */
function locator(options: {
	displayName: string;
	name: string;
	description: string;
	searchListMethod: string;
	/** An example ID for the By ID field. */
	example: string;
	/** What the By ID check calls the record ("loop template"). */
	idLabel: string;
	uuid?: boolean;
	/** Further modes after By ID. */
	modes?: INodePropertyMode[];
}): INodeProperties {
	const { uuid, idLabel, example } = options;
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
				placeholder: `e.g. ${example}`,
				validation: [
					{
						type: 'regex',
						properties: {
							regex: uuid ? UUID_FIELD_PATTERN : ID_FIELD_PATTERN,
							errorMessage: uuid
								? `Not a valid ${idLabel} ID: Dotloop uses UUIDs such as ${example}`
								: `Not a valid ${idLabel} ID: use the whole number Dotloop shows`,
						},
					},
				],
			},
			...(options.modes ?? []),
		],
	};
}

export const profileLocator = locator({
	displayName: 'Profile',
	name: 'profileId',
	description: 'The Dotloop profile. Loops live only in INDIVIDUAL profiles.',
	searchListMethod: 'searchProfiles',
	example: '4711',
	idLabel: 'profile',
});

export const loopLocator = locator({
	displayName: 'Loop',
	name: 'loopId',
	description: 'The loop, picked from the chosen profile, by ID, or by its Dotloop link',
	searchListMethod: 'searchLoops',
	example: '34308',
	idLabel: 'loop',
	modes: [
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
});

export const folderLocator = locator({
	displayName: 'Folder',
	name: 'folderId',
	description: 'A folder of the chosen loop',
	searchListMethod: 'searchFolders',
	example: '423424',
	idLabel: 'folder',
});

export const loopTemplateLocator = locator({
	displayName: 'Loop Template',
	name: 'loopTemplateId',
	description: 'A loop template of the chosen profile',
	searchListMethod: 'searchLoopTemplates',
	example: '423',
	idLabel: 'loop template',
});

export const taskListLocator = locator({
	displayName: 'Task List',
	name: 'taskListId',
	description: 'A task list of the chosen loop',
	searchListMethod: 'searchTaskLists',
	example: '1234',
	idLabel: 'task list',
});

export const subscriptionLocator = locator({
	displayName: 'Webhook Subscription',
	name: 'subscriptionId',
	description: 'A webhook subscription of this API client',
	searchListMethod: 'searchSubscriptions',
	example: UUID_EXAMPLE,
	idLabel: 'subscription',
	uuid: true,
});

export const documentLocator = locator({
	displayName: 'Document',
	name: 'documentId',
	description: 'A document of the chosen folder',
	searchListMethod: 'searchDocuments',
	example: '561621',
	idLabel: 'document',
});

export const participantLocator = locator({
	displayName: 'Participant',
	name: 'participantId',
	description: 'A participant of the chosen loop',
	searchListMethod: 'searchParticipants',
	example: '2355',
	idLabel: 'participant',
});

export const taskLocator = locator({
	displayName: 'Task',
	name: 'taskId',
	description: 'A task of the chosen task list',
	searchListMethod: 'searchTasks',
	example: '125736485',
	idLabel: 'task',
});

export const contactLocator = locator({
	displayName: 'Contact',
	name: 'contactId',
	description: 'A contact of the account; search by name or email, or type its ID',
	searchListMethod: 'searchContacts',
	example: '3603862',
	idLabel: 'contact',
});

export const webhookEventLocator = locator({
	displayName: 'Event',
	name: 'eventId',
	description:
		'An event of the chosen subscription (the eventId of a delivery); Dotloop keeps events for 90 days',
	searchListMethod: 'searchWebhookEvents',
	example: '5f6667e3-4b65-4025-9d64-f8d695b3ebb5',
	idLabel: 'event',
	uuid: true,
});
