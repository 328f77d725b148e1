import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { folderLocator, loopLocator, profileLocator } from '../../descriptions/locators';
import { assertRequiredText } from '../../parameters/validation';
import { annotateMerge } from '../../transport';
import { documentAddress, documentIdField } from './fields';
import { fetchDocumentFile } from './file';

export const properties: INodeProperties[] = [
	profileLocator,
	loopLocator,
	folderLocator,
	documentIdField,
	{
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		required: true,
		default: 'data',
		hint: 'The name of the output binary field to put the PDF in',
	},
];

export const toolDescription =
	"Download one document of a loop as a PDF. As a tool, n8n drops the file itself: the result has the document's ID, name, type and size, not its content. Reads only, changes nothing. Cost: 1 request.";

/** One document's file (Get Document with `Accept: application/pdf`) as binary data. */
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const { path, documentId, notFound } = documentAddress.call(this, i);
	const field = assertRequiredText(
		this,
		this.getNodeParameter('binaryPropertyName', i, '') as string,
		'Put Output File in Field',
		i,
	);

	const { binary, fileName, mimeType, size, merge } = await fetchDocumentFile.call(this, {
		path,
		documentId,
		notFound,
		notAFile: (answered) => ({
			message: `Dotloop answered document ${documentId} with ${answered} instead of the file`,
			description: 'Use the Get operation for document details.',
		}),
		itemIndex: i,
	});
	const json: IDataObject = { id: documentId, name: fileName, fileName, mimeType };
	if (size !== undefined) json.size = size;
	return [{ json: annotateMerge(json, merge), binary: { [field]: binary } }];
}
