'use strict';

// "Loop Transactions corresponding Statuses" (docs): which statuses a transaction type allows.
const TRANSACTION_STATUSES = {
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
};
const TRANSACTION_TYPES = Object.keys(TRANSACTION_STATUSES);
const ALL_STATUSES = [...new Set(Object.values(TRANSACTION_STATUSES).flat())];

const PROFILE_TYPES = [
	'INDIVIDUAL',
	'TEAM',
	'OFFICE',
	'COMPANY',
	'ASSOCIATION',
	'NATIONAL_PARTNER',
];

// "Built-in Contact/Loop Participant Roles" (docs), with the role-specific optional fields.
const ROLES = {
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

const PARTICIPANT_FIELDS = [
	'Street Name',
	'Street Number',
	'City',
	'State/Prov',
	'Zip/Postal Code',
	'Unit Number',
	'Country',
	'Phone',
	'Cell Phone',
	'Company Name',
	'Fax',
	'ID',
	'License #',
	'Marital Status',
];

const CONTACT_FIELDS = [
	'firstName',
	'lastName',
	'email',
	'home',
	'office',
	'fax',
	'address',
	'city',
	'zipCode',
	'state',
	'country',
	// Not in sections 12.3/12.4, but the changelog (05/10/2017): "Contacts API supports company and role".
	'company',
	'role',
];

const PROFILE_FIELDS = [
	'name',
	'company',
	'phone',
	'fax',
	'address',
	'city',
	'zipCode',
	'state',
	'country',
];

// "Get Loop Details" (docs): detail keys grouped by section.
const DETAIL_SECTIONS = {
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

// "Webhooks Event Targets and Corresponding Event Types" (docs).
const EVENT_TYPES_BY_TARGET = {
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
	PROFILE: [
		'LOOP_CREATED',
		'LOOP_UPDATED',
		'LOOP_MERGED',
		'LOOP_PARTICIPANT_CREATED',
		'LOOP_PARTICIPANT_UPDATED',
		'LOOP_PARTICIPANT_DELETED',
	],
};
const SUBSCRIPTION_EVENT_TYPES = ['SUBSCRIPTION_REMOVED', 'SUBSCRIPTION_DISABLED'];

// "Webhooks Event Delivery Statuses" (docs).
const DELIVERY_STATUSES = [
	'PENDING',
	'PENDING_RETRY',
	'SCHEDULED',
	'SUCCESS',
	'FAILED',
	'DISABLED',
];

// "Failure Handling" (docs): back-off after each failed attempt, then FAILED.
const RETRY_SCHEDULE_MS = [
	30e3,
	60e3,
	15 * 60e3,
	30 * 60e3,
	3600e3,
	2 * 3600e3,
	4 * 3600e3,
	8 * 3600e3,
];

const LOOP_SORT_CATEGORIES = [
	'default',
	'address',
	'created',
	'updated',
	'purchase_price',
	'listing_date',
	'expiration_date',
	'closing_date',
	'review_submission_date',
];

const GRANTED_SCOPE = 'account:read, profile:*, loop:*, contact:*, template:read';

module.exports = {
	TRANSACTION_STATUSES,
	TRANSACTION_TYPES,
	ALL_STATUSES,
	PROFILE_TYPES,
	ROLES,
	PARTICIPANT_FIELDS,
	CONTACT_FIELDS,
	PROFILE_FIELDS,
	DETAIL_SECTIONS,
	EVENT_TYPES_BY_TARGET,
	SUBSCRIPTION_EVENT_TYPES,
	DELIVERY_STATUSES,
	RETRY_SCHEDULE_MS,
	LOOP_SORT_CATEGORIES,
	GRANTED_SCOPE,
};
