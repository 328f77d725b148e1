/** Dotloop's fixed values, from the "Addendum" of the Public API v2 documentation (https://dotloop.github.io/public-api/). */

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

/** Built-in participant/contact roles and the role-specific fields each accepts. */
export const PARTICIPANT_ROLES: Record<string, string[]> = {
	ADMIN: ['ID', 'License #'],
	APPRAISER: ['ID', 'License #'],
	BUYER_ATTORNEY: ['ID', 'License #'],
	BUYER: ['Marital Status'],
	BUYING_AGENT: ['Fax', 'ID', 'License #'],
	BUYING_BROKER: ['Fax', 'ID', 'License #'],
	ESCROW_TITLE_REP: ['ID', 'License #'],
	HOME_IMPROVEMENT_SPECIALIST: ['ID', 'License #'],
	HOME_INSPECTOR: ['ID', 'License #'],
	HOME_SECURITY_PROVIDER: ['ID', 'License #'],
	HOME_WARRANTY_REP: ['ID', 'License #'],
	INSPECTOR: ['ID', 'License #'],
	INSURANCE_REP: ['ID', 'License #'],
	LANDLORD: ['ID', 'License #'],
	LISTING_AGENT: ['Fax', 'ID', 'License #'],
	LISTING_BROKER: ['Fax', 'ID', 'License #'],
	LOAN_OFFICER: ['ID', 'License #'],
	LOAN_PROCESSOR: ['ID', 'License #'],
	MANAGING_BROKER: ['ID', 'License #'],
	MOVING_STORAGE: ['ID', 'License #'],
	OTHER: ['ID', 'License #'],
	PROPERTY_MANAGER: ['ID', 'License #'],
	SELLER_ATTORNEY: ['ID', 'License #'],
	SELLER: ['Marital Status'],
	TENANT_AGENT: ['ID', 'License #'],
	TENANT: ['ID', 'License #', 'Marital Status'],
	TRANSACTION_COORDINATOR: ['ID', 'License #'],
	UTILITIES_PROVIDER: ['ID', 'License #'],
};

export const PROFILE_TYPES = [
	'INDIVIDUAL',
	'TEAM',
	'OFFICE',
	'COMPANY',
	'ASSOCIATION',
	'NATIONAL_PARTNER',
] as const;

export const WEBHOOK_EVENTS = {
	PROFILE: [
		'LOOP_CREATED',
		'LOOP_UPDATED',
		'LOOP_MERGED',
		'LOOP_PARTICIPANT_CREATED',
		'LOOP_PARTICIPANT_UPDATED',
		'LOOP_PARTICIPANT_DELETED',
	],
	USER: [
		'CONTACT_CREATED',
		'CONTACT_UPDATED',
		'CONTACT_DELETED',
		'PROFILE_UPDATED',
		'USER_PROFILE_ACTIVATED',
		'USER_PROFILE_DEACTIVATED',
		'USER_ADDED_TO_PROFILE',
		'USER_REMOVED_FROM_PROFILE',
	],
} as const;

export type WebhookTargetType = keyof typeof WEBHOOK_EVENTS;

/** Sent when a subscription is disabled or deleted, whatever it subscribed to. */
export const SUBSCRIPTION_NOTICES = ['SUBSCRIPTION_DISABLED', 'SUBSCRIPTION_REMOVED'] as const;

export const DELIVERY_STATUSES = [
	'PENDING',
	'PENDING_RETRY',
	'SCHEDULED',
	'SUCCESS',
	'FAILED',
	'DISABLED',
] as const;

export const LOOP_SORT_CATEGORIES = [
	'default',
	'address',
	'created',
	'updated',
	'purchase_price',
	'listing_date',
	'expiration_date',
	'closing_date',
	'review_submission_date',
] as const;

/** Loop detail sections and their fields (docs: "Get Loop Details"). */
export const LOOP_DETAIL_FIELDS: Record<string, string[]> = {
	'Property Address': [
		'Country',
		'Street Number',
		'Street Name',
		'Unit Number',
		'City',
		'State/Prov',
		'Zip/Postal Code',
		'County',
		'MLS Number',
		'Parcel/Tax ID',
	],
	Financials: [
		'Purchase/Sale Price',
		'Sale Commission Rate',
		'Sale Commission Split % - Buy Side',
		'Sale Commission Split % - Sell Side',
		'Sale Commission Total',
		'Earnest Money Amount',
		'Earnest Money Held By',
		'Sale Commission Split $ - Buy Side',
		'Sale Commission Split $ - Sell Side',
	],
	'Contract Dates': ['Contract Agreement Date', 'Closing Date'],
	'Offer Dates': ['Inspection Date', 'Offer Date', 'Offer Expiration Date', 'Occupancy Date'],
	'Contract Info': ['Transaction Number', 'Class', 'Type'],
	Referral: ['Referral %', 'Referral Source'],
	'Listing Information': [
		'Expiration Date',
		'Listing Date',
		'Original Price',
		'Current Price',
		'1st Mortgage Balance',
		'2nd Mortgage Balance',
		'Other Liens',
		'Description of Other Liens',
		"Homeowner's Association",
		"Homeowner's Association Dues",
		'Total Encumbrances',
		'Property Includes',
		'Property Excludes',
		'Remarks',
	],
	'Geographic Description': [
		'MLS Area',
		'Legal Description',
		'Map Grid',
		'Subdivision',
		'Lot',
		'Deed Page',
		'Deed Book',
		'Section',
		'Addition',
		'Block',
	],
	Property: [
		'Year Built',
		'Bedrooms',
		'Square Footage',
		'School District',
		'Type',
		'Bathrooms',
		'Lot Size',
	],
};

/** Turns `LISTING_FOR_SALE` into "Listing For Sale" for option lists. */
export function humanize(constant: string): string {
	return constant
		.toLowerCase()
		.split('_')
		.map((word) => word.charAt(0).toUpperCase() + word.slice(1))
		.join(' ');
}

export function toOptions(values: readonly string[]) {
	return values.map((value) => ({ name: humanize(value), value }));
}

/** Options in alphabetical order of their names (n8n's lint asks it of every option list). */
export function sortedOptions<T extends { name: string }>(options: readonly T[]): T[] {
	return [...options].sort((a, b) => a.name.localeCompare(b.name));
}

/** Parameters of a collection in alphabetical order of their display names (n8n's lint asks it too). */
export function sortedByDisplayName<T extends { displayName: string }>(
	properties: readonly T[],
): T[] {
	return [...properties].sort((a, b) => a.displayName.localeCompare(b.displayName));
}
