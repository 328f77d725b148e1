import { NodeOperationError } from 'n8n-workflow';
import type { IBinaryData, IExecuteFunctions } from 'n8n-workflow';

import { dotloopRequest, type LoopMerge } from '../../transport';
import { headerText } from '../../transport/headers';
import { DOCUMENT_NOT_FOUND } from './fields';

type BinaryInput = Parameters<IExecuteFunctions['helpers']['prepareBinaryData']>[0];

export const DOWNLOAD_FORBIDDEN =
	"Download not permitted for this account or token: Dotloop lets some accounts and API clients read a document's details but not download its file. Check that the connected user can open the document in Dotloop, and ask Dotloop to enable document download for your API client.";

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

export interface DocumentFileRequest {
	/** /profile/:profile_id/loop/:loop_id/folder/:folder_id/document/:document_id */
	path: string;
	documentId: unknown;
	/** The message of a 404, naming the folder and loop searched. */
	notFound?: string;
	/** The name to give the file when Dotloop's answer names none (before `document-<id>.pdf`). */
	knownName?: string;
	/** The error to raise when Dotloop answers with JSON (document details) instead of the file. */
	notAFile: (mimeType: string) => { message: string; description?: string };
	itemIndex: number;
}

export interface DocumentFile {
	binary: IBinaryData;
	fileName: string;
	mimeType: string;
	/** The file's size in bytes, when known. */
	size?: number;
	merge?: LoopMerge;
}

/**
 * Get Document (GET …/document/:document_id) with `Accept: application/pdf`: the file itself,
 * streamed into n8n's binary data rather than buffered.
 */
export async function fetchDocumentFile(
	this: IExecuteFunctions,
	{ path, documentId, notFound, knownName, notAFile, itemIndex }: DocumentFileRequest,
): Promise<DocumentFile> {
	const response = await dotloopRequest.call(this, {
		method: 'GET',
		path,
		headers: { Accept: 'application/pdf' },
		stream: true,
		notFound,
		hints: { 403: DOWNLOAD_FORBIDDEN, ...(notFound ? { 404: DOCUMENT_NOT_FOUND } : {}) },
	});
	const mimeType =
		headerText(response.headers, 'content-type')?.split(';')[0].trim() ?? 'application/pdf';
	if (mimeType.includes('json')) {
		(response.body as { destroy?: () => void }).destroy?.();
		const { message, description } = notAFile(mimeType);
		throw new NodeOperationError(this.getNode(), message, { itemIndex, description });
	}
	const fileName =
		fileNameFromDisposition(headerText(response.headers, 'content-disposition')) ||
		knownName ||
		`document-${documentId}.pdf`;
	const binary = await this.helpers.prepareBinaryData(
		response.body as unknown as BinaryInput,
		fileName,
		mimeType,
	);

	// The stored byte count when n8n reports it; Content-Length otherwise (it counts compressed
	// bytes if the answer was gzipped, so it is only the fallback).
	const bytes = binary.bytes ?? Number(headerText(response.headers, 'content-length'));
	const size = Number.isSafeInteger(bytes) && bytes >= 0 ? bytes : undefined;
	return { binary, fileName, mimeType, size, merge: response.merge };
}
