import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { dotloopApiRequest, type DotloopRequest } from '../transport';

/** Each Dotloop record becomes its own output item. */
export function toItems(records: IDataObject | IDataObject[]): INodeExecutionData[] {
	return (Array.isArray(records) ? records : [records]).map((json) => ({ json }));
}

/** One request to Dotloop whose answer, one record or a list sent whole, is the output. */
export async function requestItems(
	this: IExecuteFunctions,
	request: DotloopRequest,
): Promise<INodeExecutionData[]> {
	return toItems(await dotloopApiRequest.call(this, request));
}

/**
 * Loop records with the profile they belong to: Loop-It answers with profileId (section 2.3) but the
 * loop endpoints (section 5) do not, so every loop item carries it whichever operation made it.
 */
export function withProfileId(
	records: IDataObject | IDataObject[],
	profileId: number,
): IDataObject[] {
	return (Array.isArray(records) ? records : [records]).map((record) =>
		record.profileId === undefined ? { ...record, profileId } : record,
	);
}

export function deleted(id: number | string): INodeExecutionData[] {
	return [{ json: { deleted: true, id } }];
}

/** Drops values the user left empty, so Dotloop never receives "" for a field nobody set. */
export function withoutEmpty(fields: IDataObject): IDataObject {
	const body: IDataObject = {};
	for (const [key, value] of Object.entries(fields)) {
		if (value === undefined || value === null) continue;
		if (typeof value === 'string' && value.trim() === '') continue;
		body[key] = value;
	}
	return body;
}
