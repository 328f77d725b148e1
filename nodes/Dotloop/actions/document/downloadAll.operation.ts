import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	JsonObject,
} from 'n8n-workflow';

import { documentFileName } from '../../rules/documents';
import { loopLocator, profileLocator } from '../../descriptions/locators';
import { assertOneOf, assertRequiredText, readId } from '../../parameters/validation';
import {
	annotateMerge,
	dotloopRequest,
	type DotloopResponse,
	type ListBody,
} from '../../transport';
import { loopPath } from '../../rules/loops';
import { mapBounded } from '../concurrency';
import { fetchDocumentFile } from './file';
import { optionsCollection } from '../../descriptions/common';

const MAX_DOWNLOADS_AT_ONCE = 5;

export const properties: INodeProperties[] = [
	profileLocator,
	loopLocator,
	{
		displayName: 'Folders',
		name: 'folderScope',
		type: 'options',
		options: [
			{ name: 'All Folders', value: 'all', description: 'Every document of the loop' },
			{
				name: 'Chosen Folders',
				value: 'chosen',
				description: 'Only the documents of the folders named below',
			},
		],
		default: 'all',
	},
	{
		displayName: 'Folder Names or IDs',
		name: 'folders',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. Disclosures, 423424',
		description:
			'The folders to download, separated by commas: each a folder name (any case) or a folder ID. A folder whose name holds a comma is chosen by its ID.',
		displayOptions: { show: { folderScope: ['chosen'] } },
	},
	{
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		required: true,
		default: 'data',
		hint: 'The name of the output binary field to put each PDF in',
	},
	optionsCollection([
		{
			displayName: 'Downloads at Once',
			name: 'downloadsAtOnce',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: MAX_DOWNLOADS_AT_ONCE },
			default: 3,
			description:
				"How many documents are downloaded at the same time (1–5). All of them count against Dotloop's rate limit of 100 requests a minute.",
		},
	]),
];

export const toolDescription =
	"Download every document of a loop, or of chosen folders, as PDFs. As a tool, n8n drops the files themselves: the result lists each document's ID, name and folder, not its content. Reads only, changes nothing. Cost: 1 request, plus 1 per document.";

interface Entry {
	folder: IDataObject;
	document: IDataObject;
}

function fail(ctx: IExecuteFunctions, message: string, i: number, description?: string): never {
	throw new NodeOperationError(ctx.getNode(), message, { itemIndex: i, description });
}

/** The folders the user chose, each entry matched by ID or by name (any case); unknown entries fail. */
function chosenFolders(
	ctx: IExecuteFunctions,
	folders: IDataObject[],
	wanted: string[],
	i: number,
): IDataObject[] {
	const unknown: string[] = [];
	const chosen = new Set<IDataObject>();
	for (const entry of wanted) {
		const matches = folders.filter(
			(folder) =>
				String(folder.id) === entry ||
				String(folder.name ?? '')
					.trim()
					.toLowerCase() === entry.toLowerCase(),
		);
		if (matches.length === 0) unknown.push(entry);
		matches.forEach((folder) => chosen.add(folder));
	}
	if (unknown.length) {
		const names = folders.map((folder) => `"${folder.name}" (${folder.id})`).join(', ');
		fail(
			ctx,
			`"Folder Names or IDs": the loop has no folder ${unknown.map((u) => `"${u}"`).join(', ')}`,
			i,
			names ? `Its folders are ${names}.` : 'The loop has no folders.',
		);
	}
	return folders.filter((folder) => chosen.has(folder));
}

function documentLabel({ folder, document }: Entry): string {
	const name = documentFileName(document);
	return `Document ${document.id}${name ? ` "${name}"` : ''} in folder ${folder.id}${folder.name ? ` "${folder.name}"` : ''}`;
}

/**
 * Every document of a loop, or of the chosen folders, as one item each with its PDF: one request for
 * the folders with their documents (7.1 with include_documents), then one download per document
 * (8.2 with Accept: application/pdf), a few at a time, each streamed into n8n's binary data.
 */
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const profileId = readId.call(this, 'profileId', 'Profile', i);
	const loopId = readId.call(this, 'loopId', 'Loop', i);
	const scope = String(this.getNodeParameter('folderScope', i, 'all'));
	assertOneOf(this, scope, ['all', 'chosen'], 'Folders', i);
	const wanted =
		scope === 'chosen'
			? String(this.getNodeParameter('folders', i, '') ?? '')
					.split(',')
					.map((entry) => entry.trim())
					.filter((entry) => entry !== '')
			: [];
	if (scope === 'chosen' && wanted.length === 0) {
		fail(
			this,
			'"Folder Names or IDs" is empty: name at least one folder, or choose All Folders',
			i,
		);
	}
	const field = assertRequiredText(
		this,
		this.getNodeParameter('binaryPropertyName', i, '') as string,
		'Put Output File in Field',
		i,
	);
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	const atOnce = Number(options.downloadsAtOnce ?? 3);
	if (!Number.isInteger(atOnce) || atOnce < 1 || atOnce > MAX_DOWNLOADS_AT_ONCE) {
		fail(
			this,
			`"Downloads at Once" must be a whole number from 1 to ${MAX_DOWNLOADS_AT_ONCE}, not "${options.downloadsAtOnce}"`,
			i,
		);
	}

	const listing = (await dotloopRequest.call(this, {
		method: 'GET',
		path: `${loopPath(profileId, loopId)}/folder`,
		qs: { include_documents: true },
	})) as DotloopResponse<ListBody>;
	const merge = listing.merge;
	const loopAt = loopPath(profileId, loopId, merge);
	const allFolders = Array.isArray(listing.body?.data) ? listing.body.data : [];
	const folders = scope === 'chosen' ? chosenFolders(this, allFolders, wanted, i) : allFolders;
	const entries: Entry[] = folders.flatMap((folder) =>
		(Array.isArray(folder.documents) ? (folder.documents as IDataObject[]) : []).map(
			(document) => ({
				folder,
				document,
			}),
		),
	);

	const download = async (entry: Entry): Promise<INodeExecutionData> => {
		const { folder, document } = entry;
		const { binary, mimeType, size } = await fetchDocumentFile.call(this, {
			path: `${loopAt}/folder/${folder.id}/document/${document.id}`,
			documentId: document.id,
			knownName: (documentFileName(document) ?? '').trim(),
			notAFile: (answered) => ({
				message: `Dotloop answered with ${answered} instead of the file`,
			}),
			itemIndex: i,
		});
		// id and name as Document → Download gives them; documentId and fileName kept for workflows built on them.
		const json: IDataObject = {
			id: document.id,
			name: binary.fileName,
			documentId: document.id,
			folderId: folder.id,
			folderName: folder.name,
			loopId: merge?.toLoopId ?? loopId,
			fileName: binary.fileName,
			mimeType,
		};
		if (size !== undefined) json.size = size;
		return { json: annotateMerge(json, merge), binary: { [field]: binary } };
	};

	return await mapBounded(entries, atOnce, async (entry) => {
		try {
			return await download(entry);
		} catch (error) {
			const message = `${documentLabel(entry)}: ${(error as Error).message}`;
			if (!this.continueOnFail()) {
				if (error instanceof NodeApiError) {
					// Re-wrapping hands back the same error (n8n 2.x) or copies its message (1.x).
					error.message = message;
					throw new NodeApiError(this.getNode(), error as unknown as JsonObject, { itemIndex: i });
				}
				throw new NodeOperationError(this.getNode(), message, {
					itemIndex: i,
					description: (error as NodeOperationError).description ?? undefined,
				});
			}
			const json: IDataObject = {
				error: message,
				id: entry.document.id,
				name: documentFileName(entry.document),
				documentId: entry.document.id,
				folderId: entry.folder.id,
				folderName: entry.folder.name,
				fileName: documentFileName(entry.document),
			};
			if (error instanceof NodeApiError && error.httpCode) json.httpCode = error.httpCode;
			if ((error as NodeApiError).description)
				json.description = (error as NodeApiError).description;
			return { json };
		}
	});
}
