import type { IDataObject } from 'n8n-workflow';

/** Dotloop's transaction types and the loop statuses of each, from the "Addendum" of the Public API v2 documentation. */
export const TRANSACTION_STATUSES = {
	PURCHASE_OFFER: ['PRE_OFFER', 'UNDER_CONTRACT', 'SOLD', 'ARCHIVED'],
	LISTING_FOR_SALE: [
		'PRE_LISTING',
		'PRIVATE_LISTING',
		'ACTIVE_LISTING',
		'UNDER_CONTRACT',
		'SOLD',
		'ARCHIVED',
	],
	LISTING_FOR_LEASE: [
		'PRE_LISTING',
		'PRIVATE_LISTING',
		'ACTIVE_LISTING',
		'UNDER_CONTRACT',
		'LEASED',
		'ARCHIVED',
	],
	LEASE_OFFER: ['PRE_OFFER', 'UNDER_CONTRACT', 'LEASED', 'ARCHIVED'],
	REAL_ESTATE_OTHER: ['NEW', 'IN_PROGRESS', 'DONE', 'ARCHIVED'],
	OTHER: ['NEW', 'IN_PROGRESS', 'DONE', 'ARCHIVED'],
} as const;

export type TransactionType = keyof typeof TRANSACTION_STATUSES;

export const TRANSACTION_TYPES = Object.keys(TRANSACTION_STATUSES) as TransactionType[];

export const TRANSACTION_STATUS_VALUES = [
	...new Set(Object.values(TRANSACTION_STATUSES).flat()),
] as string[];

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
