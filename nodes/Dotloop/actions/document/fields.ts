import type { INodeProperties } from 'n8n-workflow';

export const documentIdField: INodeProperties = {
	displayName: 'Document ID',
	name: 'documentId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. 561621',
	description: 'The ID of the document, as Get Many documents returns it',
};
