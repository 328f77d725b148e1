import type { IDataObject } from 'n8n-workflow';

/**
 * A document's file name, wherever Dotloop lists it (document lists, a folder's documents). Section
 * 8.1 shows list items with `filename` and "Get a Document" with `name`; clients that met the real API
 * read list items as `name`. So `name` first, then `filename`; undefined when neither is a text.
 */
export function documentFileName(document: IDataObject): string | undefined {
	for (const value of [document.name, document.filename]) {
		if (typeof value === 'string' && value.trim() !== '') return value;
	}
	return undefined;
}
