import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { folderLocator, loopLocator, profileLocator } from '../../descriptions/locators';
import { assertRequiredText, readId } from '../../descriptions/validation';
import { annotateMerge, dotloopRequest } from '../../transport';
import { headerText } from '../../transport/headers';
import { loopPath } from '../loopPath';
import { documentIdField } from './fields';

type BinaryInput = Parameters<IExecuteFunctions['helpers']['prepareBinaryData']>[0];

export const DOWNLOAD_FORBIDDEN =
	"Download not permitted for this account or token: Dotloop lets some accounts and API clients read a document's details but not download its file. Check that the connected user can open the document in Dotloop, and ask Dotloop to enable document download for your API client.";

const properties: INodeProperties[] = [
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

export const description = updateDisplayOptions(
	{ show: { resource: ['document'], operation: ['download'] } },
	properties,
);

/** The file name of a Content-Disposition header (RFC 6266: filename* wins over filename), without any path. */
export function fileNameFromDisposition(disposition: string | undefined): string | undefined {
	if (!disposition) return undefined;
	let name: string | undefined;
	const extended = /filename\*\s*=\s*(?:[^']*)'[^']*'([^;\s]+)/i.exec(disposition);
	if (extended) {
		try {
			name = decodeURIComponent(extended[1]);
		} catch {
			name = undefined;
		}
	}
	if (!name) {
		const plain = /filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]+))/i.exec(disposition);
		name = plain ? (plain[1]?.replace(/\\(.)/g, '$1') ?? plain[2]) : undefined;
	}
	const base = name?.split(/[\\/]/).pop()?.trim();
	return base ? base : undefined;
}

/**
 * GET /profile/:profile_id/loop/:loop_id/folder/:folder_id/document/:document_id with
 * `Accept: application/pdf`: the file itself, streamed into n8n's binary data rather than buffered.
 */
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const path = loopPath.call(this, i);
	const folderId = readId.call(this, 'folderId', 'Folder', i);
	const documentId = readId.call(this, 'documentId', 'Document ID', i);
	const field = assertRequiredText(
		this,
		this.getNodeParameter('binaryPropertyName', i, '') as string,
		'Put Output File in Field',
		i,
	);

	const response = await dotloopRequest.call(this, {
		method: 'GET',
		path: `${path}/folder/${folderId}/document/${documentId}`,
		headers: { Accept: 'application/pdf' },
		stream: true,
		hints: { 403: DOWNLOAD_FORBIDDEN },
	});
	const mimeType =
		headerText(response.headers, 'content-type')?.split(';')[0].trim() ?? 'application/pdf';
	if (mimeType.includes('json')) {
		(response.body as { destroy?: () => void }).destroy?.();
		throw new NodeOperationError(
			this.getNode(),
			`Dotloop answered document ${documentId} with ${mimeType} instead of the file`,
			{ itemIndex: i, description: 'Use the Get operation for document details.' },
		);
	}
	const fileName =
		fileNameFromDisposition(headerText(response.headers, 'content-disposition')) ??
		`document-${documentId}.pdf`;
	const binary = await this.helpers.prepareBinaryData(
		response.body as unknown as BinaryInput,
		fileName,
		mimeType,
	);

	// The stored byte count when n8n reports it; Content-Length otherwise (it counts compressed
	// bytes if the answer was gzipped, so it is only the fallback).
	const size = binary.bytes ?? Number(headerText(response.headers, 'content-length'));
	const json: IDataObject = { id: documentId, name: fileName, fileName, mimeType };
	if (Number.isSafeInteger(size) && size >= 0) json.size = size;
	return [{ json: annotateMerge(json, response.merge), binary: { [field]: binary } }];
}
