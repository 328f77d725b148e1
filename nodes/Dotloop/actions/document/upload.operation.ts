import { NodeOperationError } from 'n8n-workflow';
import type {
	IBinaryData,
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { folderLocator, loopLocator, profileLocator } from '../../descriptions/locators';
import { assertRequiredText, readId } from '../../parameters/validation';
import {
	annotateMerge,
	checkTokenBeforeLargeBody,
	dotloopRequest,
	MultipartFileBody,
	type FileSource,
} from '../../transport';
import { loopPath } from '../../rules/loops';
import { toItems } from '../output';
import { optionsCollection } from '../../descriptions/common';

const PDF = 'application/pdf';

export const properties: INodeProperties[] = [
	profileLocator,
	loopLocator,
	folderLocator,
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		required: true,
		default: 'data',
		hint: 'The name of the input binary field holding the PDF to upload',
	},
	optionsCollection([
		{
			displayName: 'File Name',
			name: 'fileName',
			type: 'string',
			default: '',
			placeholder: 'e.g. disclosures.pdf',
			description:
				'The name the document gets in Dotloop. Leave empty to use the file name of the binary.',
		},
		{
			displayName: 'Send Non-PDF Files',
			name: 'allowNonPdf',
			type: 'boolean',
			default: false,
			description:
				'Whether to send a file that is not a PDF anyway, with its own content type. Dotloop documents PDF uploads only and may reject other files.',
		},
	]),
];

export const toolDescription =
	"Upload a PDF into a loop folder. It reads the file from the input item's binary data, which a tool call does not carry: as a tool it can only fail, so use it in a workflow instead. Changes data in Dotloop. Cost: 1 request, 2 for a large file.";

/** The input binary, or an error naming "Input Binary Field" and the fields the item does have. */
function inputBinary(this: IExecuteFunctions, i: number, field: string): IBinaryData {
	try {
		return this.helpers.assertBinaryData(i, field);
	} catch {
		const present = Object.keys(this.getInputData()[i]?.binary ?? {});
		throw new NodeOperationError(
			this.getNode(),
			`"Input Binary Field": the input item has no binary field "${field}"`,
			{
				itemIndex: i,
				description: present.length
					? `Its binary fields are: ${present.join(', ')}.`
					: 'The item has no binary data at all: read or download the PDF first (for example with Read/Write Files from Disk or HTTP Request).',
			},
		);
	}
}

/** The input file's bytes: streamed from n8n's binary data store when it holds them, else from memory. */
async function fileSource(
	this: IExecuteFunctions,
	i: number,
	field: string,
	binary: IBinaryData,
): Promise<FileSource> {
	const id = binary.id;
	if (id) {
		const { fileSize } = await this.helpers.getBinaryMetadata(id);
		return { size: Number(fileSize), open: async () => await this.helpers.getBinaryStream(id) };
	}
	const content = await this.helpers.getBinaryDataBuffer(i, field);
	return {
		size: content.length,
		open: async () =>
			(async function* () {
				yield content;
			})(),
	};
}

/** The first bytes of the file (for its signature), reading no further than needed. */
async function firstBytes(source: FileSource, count: number): Promise<Buffer> {
	const chunks: Buffer[] = [];
	let length = 0;
	for await (const chunk of await source.open()) {
		chunks.push(Buffer.from(chunk));
		length += chunk.length;
		if (length >= count) break;
	}
	return Buffer.concat(chunks).subarray(0, count);
}

/**
 * POST /profile/:profile_id/loop/:loop_id/folder/:folder_id/document — multipart/form-data with one
 * part named `file` (file name and content type), streamed from n8n's binary data and reopened for
 * each attempt. A large file is sent once the token is known to work: unless Dotloop accepted it a
 * moment ago, getting the folder first takes any 401 and token refresh (and finds a merged loop).
 */
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const profileId = readId.call(this, 'profileId', 'Profile', i);
	const loopId = readId.call(this, 'loopId', 'Loop', i);
	let path = loopPath(profileId, loopId);
	const folderId = readId.call(this, 'folderId', 'Folder', i);
	const field = assertRequiredText(
		this,
		this.getNodeParameter('binaryPropertyName', i, '') as string,
		'Input Binary Field',
		i,
	);
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	const binary = inputBinary.call(this, i, field);
	const fileName = String(options.fileName ?? '').trim() || binary.fileName || 'document.pdf';
	const source = await fileSource.call(this, i, field, binary);
	if (!(source.size > 0)) {
		const message = `"Input Binary Field": the file "${fileName}" is empty`;
		throw new NodeOperationError(this.getNode(), message, { itemIndex: i });
	}

	// A PDF by its MIME type, or by its signature when an upstream node only said octet-stream.
	const declared = (binary.mimeType ?? '').split(';')[0].trim().toLowerCase();
	const isPdf = declared === PDF || (await firstBytes(source, 5)).toString('latin1') === '%PDF-';
	if (!isPdf && options.allowNonPdf !== true) {
		throw new NodeOperationError(
			this.getNode(),
			`"Input Binary Field": "${fileName}" is ${declared || 'not a PDF'}, but Dotloop accepts PDF documents`,
			{
				itemIndex: i,
				description:
					'Convert the file to PDF first, or turn on "Send Non-PDF Files" in the options to send it anyway.',
			},
		);
	}

	const form = new MultipartFileBody({
		name: 'file',
		fileName,
		contentType: isPdf ? PDF : declared || 'application/octet-stream',
		source,
	});
	const checked = await checkTokenBeforeLargeBody.call(this, form.size, {
		method: 'GET',
		path: `${path}/folder/${folderId}`,
	});
	if (checked?.merge) path = loopPath(profileId, loopId, checked.merge);
	const response = await dotloopRequest.call(this, {
		method: 'POST',
		// With the trailing slash, as both the path and the curl example of "Upload a Document" write it.
		path: `${path}/folder/${folderId}/document/`,
		body: form,
		headers: { 'Content-Type': form.type },
	});
	const merge = response.merge ?? checked?.merge;
	return toItems(annotateMerge((response.body as { data?: IDataObject })?.data ?? {}, merge));
}
