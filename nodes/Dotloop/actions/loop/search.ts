import type { IDataObject } from 'n8n-workflow';

import { loopDetailsOfSummary } from '../../rules/loopDetails';

export const LOOP_SEARCH_FIELDS = ['name', 'mlsNumber', 'streetAddress'] as const;
export type LoopSearchField = (typeof LOOP_SEARCH_FIELDS)[number];

/** Lower case, punctuation dropped, runs of spaces made one: "2100  Waterview Dr." → "2100 waterview dr". */
function normalized(value: unknown): string {
	return String(value ?? '')
		.toLowerCase()
		.replace(/[^\p{L}\p{N}\s]/gu, ' ')
		.replace(/\s+/g, ' ')
		.trim();
}

/** A loop summary's "Property Address" section, when it carries its details. */
function propertyAddress(loop: IDataObject): IDataObject {
	const address = loopDetailsOfSummary(loop)?.['Property Address'];
	return address && typeof address === 'object' ? (address as IDataObject) : {};
}

/** Whether Search By compares loop details, which a list without details cannot answer. */
export const searchesDetails = (field: LoopSearchField): boolean => field !== 'name';

/** Whether a loop summary matches the search text in the chosen field. */
export function loopMatcher(field: LoopSearchField, text: string): (loop: IDataObject) => boolean {
	if (field === 'name') {
		const wanted = text.trim().toLowerCase();
		return (loop) =>
			String(loop.name ?? '')
				.toLowerCase()
				.includes(wanted);
	}
	if (field === 'mlsNumber') {
		const wanted = text.replace(/\s+/g, '').toLowerCase();
		return (loop) => {
			const mls = String(propertyAddress(loop)['MLS Number'] ?? '')
				.replace(/\s+/g, '')
				.toLowerCase();
			return mls !== '' && mls === wanted;
		};
	}
	const wanted = normalized(text);
	return (loop) => {
		const address = propertyAddress(loop);
		const street = normalized(`${address['Street Number'] ?? ''} ${address['Street Name'] ?? ''}`);
		return street !== '' && street === wanted;
	};
}
