'use strict';

// Name pools for the deterministic demo data (seed.js).
const FIRST_NAMES = [
	'Sean', 'Allen', 'Brenda', 'Carla', 'Derek', 'Elena', 'Frank', 'Grace', 'Hector', 'Irene',
	'Jamal', 'Karen', 'Luis', 'Monica', 'Nathan', 'Olivia', 'Pedro', 'Quinn', 'Rachel', 'Samuel',
	'Tanya', 'Umar', 'Vera', 'Walter', 'Xenia', 'Yusuf', 'Zoe', 'Atturo', 'Bianca', 'Colin',
];
const LAST_NAMES = [
	'Seller', 'Agent', 'Buyer', 'Garay', 'Nguyen', 'Patel', 'Schmidt', 'Okafor', 'Kowalski', 'Rossi',
	'Hughes', 'Tanaka', 'Moreno', 'Fischer', 'Brennan', 'Lindqvist', 'Adeyemi', 'Castillo', 'Dubois',
	'Eriksen', 'Fontaine', 'Gallagher', 'Haddad', 'Ivanova', 'Jensen', 'Keller', 'Larsen', 'Murphy',
];
const STREETS = [
	'Waterview Dr', 'Main St', 'Madison Ave', 'Scott Blvd', 'Greenup St', 'Dixie Hwy', 'Highland Ave',
	'Riverside Dr', 'Monmouth St', 'Fort Thomas Ave', 'Vine St', 'Observatory Ave', 'Erie Ave',
	'Delta Ave', 'Burnet Ave', 'Linwood Ave', 'Grandview Ave', 'Amsterdam Rd', 'Turkeyfoot Rd',
	'Buttermilk Pike',
];
const CITIES = [
	{ city: 'Covington', state: 'KY', zip: '41011', county: 'Kenton' },
	{ city: 'Newport', state: 'KY', zip: '41071', county: 'Campbell' },
	{ city: 'Fort Thomas', state: 'KY', zip: '41075', county: 'Campbell' },
	{ city: 'Florence', state: 'KY', zip: '41042', county: 'Boone' },
	{ city: 'Cincinnati', state: 'OH', zip: '45202', county: 'Hamilton' },
	{ city: 'Mason', state: 'OH', zip: '45040', county: 'Warren' },
	{ city: 'San Francisco', state: 'CA', zip: '94114', county: 'San Francisco' },
];
const COMPANIES = [
	'Allen Realty', 'Queen City Title', 'Ohio Valley Mortgage', 'Tri-State Inspections',
	'Bluegrass Escrow', 'River City Appraisals', 'Northern Kentucky Lending', 'Keller Law Group',
];
const FOLDER_NAMES = {
	PURCHASE_OFFER: ['Purchase Agreement', 'Disclosures', 'Inspection', 'Closing'],
	LISTING_FOR_SALE: ['Listing Agreement', 'Disclosures', 'Marketing', 'Offers'],
	LISTING_FOR_LEASE: ['Listing Agreement', 'Lease Documents', 'Applications'],
	LEASE_OFFER: ['Lease Application', 'Lease Agreement', 'Move-in'],
	REAL_ESTATE_OTHER: ['Documents', 'Correspondence'],
	OTHER: ['Documents', 'Notes'],
};
const DOCUMENT_NAMES = {
	'Purchase Agreement': ['Purchase Agreement.pdf', 'Addendum A - Inspection.pdf'],
	Disclosures: ['Seller Disclosure.pdf', 'Lead Based Paint Disclosure.pdf', 'Agency Disclosure.pdf'],
	Inspection: ['Home Inspection Report.pdf'],
	Closing: ['Closing Disclosure.pdf', 'Settlement Statement.pdf'],
	'Listing Agreement': ['Exclusive Right to Sell.pdf', 'MLS Input Sheet.pdf'],
	Marketing: ['Property Flyer.pdf'],
	Offers: ['Offer - Nguyen.pdf', 'Counter Offer.pdf'],
	'Lease Documents': ['Residential Lease.pdf'],
	Applications: ['Rental Application - Patel.pdf'],
	'Lease Application': ['Rental Application.pdf'],
	'Lease Agreement': ['Residential Lease Agreement.pdf', 'Pet Addendum.pdf'],
	'Move-in': ['Move-in Checklist.pdf'],
	Documents: ['Referral Agreement.pdf', 'Engagement Letter.pdf'],
	Correspondence: ['Letter of Intent.pdf'],
	Notes: ['Meeting Notes.pdf'],
};
const ROLE_SETS = {
	PURCHASE_OFFER: ['BUYER', 'BUYING_AGENT', 'SELLER', 'LISTING_AGENT', 'LOAN_OFFICER', 'ESCROW_TITLE_REP'],
	LISTING_FOR_SALE: ['SELLER', 'LISTING_AGENT', 'LISTING_BROKER', 'BUYING_AGENT', 'APPRAISER'],
	LISTING_FOR_LEASE: ['LANDLORD', 'LISTING_AGENT', 'TENANT', 'PROPERTY_MANAGER'],
	LEASE_OFFER: ['TENANT', 'TENANT_AGENT', 'LANDLORD', 'PROPERTY_MANAGER'],
	REAL_ESTATE_OTHER: ['OTHER', 'TRANSACTION_COORDINATOR', 'ADMIN'],
	OTHER: ['OTHER', 'TRANSACTION_COORDINATOR'],
};
const TASK_LISTS = {
	PURCHASE_OFFER: [
		{ name: 'Contract to Close', tasks: ['Earnest money deposited', 'Order inspection', 'Review inspection report', 'Appraisal ordered', 'Loan commitment received', 'Final walkthrough'] },
		{ name: 'Compliance', tasks: ['Agency disclosure signed', 'Lead paint disclosure signed', 'Broker review'] },
	],
	LISTING_FOR_SALE: [
		{ name: 'Listing Checklist', tasks: ['Listing agreement signed', 'Photos scheduled', 'MLS entry', 'Lockbox installed', 'Open house'] },
	],
	LISTING_FOR_LEASE: [{ name: 'Lease Listing', tasks: ['Listing agreement signed', 'Photos', 'Screen applicants', 'Lease signed'] }],
	LEASE_OFFER: [{ name: 'Lease Offer', tasks: ['Application submitted', 'Credit check', 'Deposit received'] }],
	REAL_ESTATE_OTHER: [{ name: 'My Tasks', tasks: ['Kickoff call', 'Collect documents', 'Follow up'] }],
	OTHER: [{ name: 'My Tasks', tasks: ['Intro call', 'Send referral agreement', 'Follow up'] }],
};
const ACTIVITY_TEMPLATES = [
	'{user} viewed document {doc}',
	'{other} viewed document {doc}',
	'{user} shared document {doc} with {other}',
	'{other} signed document {doc}',
	'{user} uploaded document {doc}',
	'{user} updated loop details',
	'{user} sent a message to {other}',
	'{other} initialed document {doc}',
	'{user} completed task {task}',
];

module.exports = {
	FIRST_NAMES,
	LAST_NAMES,
	STREETS,
	CITIES,
	COMPANIES,
	FOLDER_NAMES,
	DOCUMENT_NAMES,
	ROLE_SETS,
	TASK_LISTS,
	ACTIVITY_TEMPLATES,
};
