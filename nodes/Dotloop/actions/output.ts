import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

/** Each Dotloop record becomes its own output item. */
export function toItems(records: IDataObject | IDataObject[]): INodeExecutionData[] {
	return (Array.isArray(records) ? records : [records]).map((json) => ({ json }));
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
