import type { IDataObject } from 'n8n-workflow';

/**
 * Dotloop's loop statuses grouped into the stages back-office and CRM syncs map them to (as SkySlope Books'
 * Dotloop mapping does). Withdrawn and Terminated are not in the documentation's list (Addendum 17.1.3) but
 * real accounts show them. Pre-listing counts as Active (a listing being prepared, not under contract);
 * In Progress, between New and Done of the "Other" transaction types, as Pending.
 */
export const STATUS_CATEGORIES = {
	Active: ['PRE_LISTING', 'PRIVATE_LISTING', 'ACTIVE_LISTING', 'NEW'],
	Pending: ['PRE_OFFER', 'UNDER_CONTRACT', 'IN_PROGRESS'],
	Closed: ['SOLD', 'LEASED', 'DONE'],
	Cancelled: ['WITHDRAWN', 'TERMINATED'],
	Archived: ['ARCHIVED'],
} as const;

export type StatusCategory = keyof typeof STATUS_CATEGORIES | 'Unknown';

const CATEGORY_OF_STATUS = new Map<string, StatusCategory>(
	(Object.keys(STATUS_CATEGORIES) as Array<keyof typeof STATUS_CATEGORIES>).flatMap((category) =>
		STATUS_CATEGORIES[category].map((status) => [status, category] as const),
	),
);

/** The stage of a loop status ("UNDER_CONTRACT", or "Under Contract" as some accounts write it); 'Unknown' for any other value, never an error. */
export function statusCategory(status: unknown): StatusCategory {
	if (typeof status !== 'string') return 'Unknown';
	const constant = status
		.trim()
		.toUpperCase()
		.replace(/[\s-]+/g, '_');
	return CATEGORY_OF_STATUS.get(constant) ?? 'Unknown';
}

/** The loop record with `statusCategory` right after its `status` (unchanged); a record without `status` as it is. */
export function withStatusCategory(loop: IDataObject): IDataObject {
	if (!('status' in loop)) return loop;
	const out: IDataObject = {};
	for (const [key, value] of Object.entries(loop)) {
		if (key === 'statusCategory') continue;
		out[key] = value;
		if (key === 'status') out.statusCategory = statusCategory(value);
	}
	return out;
}
