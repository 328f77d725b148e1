import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { optionsCollection } from '../../descriptions/common';

export const includeDocumentsOption: INodeProperties = optionsCollection([
	{
		displayName: 'Include Documents',
		name: 'includeDocuments',
		type: 'boolean',
		default: false,
		description: 'Whether to list the documents of each folder with it',
	},
]);

/** `include_documents=true` when asked for; nothing otherwise. */
export function includeDocumentsQs(options: IDataObject): IDataObject {
	return options.includeDocuments === true ? { include_documents: true } : {};
}

export const folderNameField: INodeProperties = {
	displayName: 'Folder Name',
	name: 'folderName',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. Disclosures',
	description: 'The name of the folder',
};
