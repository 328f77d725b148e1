import type { IExecuteFunctions } from 'n8n-workflow';

import { readId } from '../../parameters/validation';
import { loopPath } from '../../rules/loops';
import { loopIds } from '../loopPath';

/** The Document picker (the chosen folder's documents, or By ID). */
export { documentLocator as documentIdField } from '../../descriptions/locators';

export const DOCUMENT_NOT_FOUND =
	'Dotloop finds a document only under the folder and loop that hold it. Folder → Get Many with "Include Documents" lists where each document is.';

/**
 * Where item i's document is asked for (…/folder/:folder_id/document/:document_id) and, for a 404, a message
 * naming the folder and loop searched, as Dotloop's own "Loop … not found in profile …" does.
 */
export function documentAddress(this: IExecuteFunctions, i: number) {
	const { profileId, loopId } = loopIds.call(this, i);
	const folderId = readId.call(this, 'folderId', 'Folder', i);
	const documentId = readId.call(this, 'documentId', 'Document ID', i);
	return {
		documentId,
		path: `${loopPath(profileId, loopId)}/folder/${folderId}/document/${documentId}`,
		notFound: `Document ${documentId} not found in folder ${folderId} of loop ${loopId} (profile ${profileId})`,
	};
}
