'use strict';

const fs = require('fs');
const { SECTIONS, extractSection, readSection, findDocFile } = require('./doc-text');
const C = require('./constants');
const { start } = require('./test-helpers');

/** The sandbox's tables come from its copies of the documentation; the copies from the documentation. */
describe('the documentation copies in docs/', () => {
	const docFile = findDocFile();
	const whenDocPresent = docFile ? test.each(SECTIONS) : test.skip.each(SECTIONS);

	whenDocPresent('"%s" is word for word the section of the documentation file', (title) => {
		expect(readSection(title)).toBe(extractSection(fs.readFileSync(docFile, 'utf8'), title));
	});

	test('a section runs to the next heading of its own level, its subsections included', () => {
		const text = ['1. A', 'x', '1.1. B', 'y', '1.1.1. C', 'z', '1.2. D', 'w', '2. E', ''].join(
			'\n',
		);
		expect(extractSection(text, 'B')).toBe('1.1. B\ny\n1.1.1. C\nz\n');
		expect(extractSection(text, 'A')).toBe('1. A\nx\n1.1. B\ny\n1.1.1. C\nz\n1.2. D\nw\n');
		expect(() => extractSection(text, 'F')).toThrow('0 sections titled "F"');
	});
});

/** Where the documentation's text is irregular, what the parsers make of it. */
describe('tables read from the documentation', () => {
	test('"optional fields: Fax,ID,License #" (BUYING_BROKER, no spaces) splits like the others', () => {
		expect(C.ROLES.BUYING_BROKER).toEqual(C.ROLES.BUYING_AGENT);
		expect(C.ROLES.BUYING_AGENT.join('|')).toBe('Fax|ID|License #');
		expect(Object.keys(C.ROLES)).toHaveLength(28);
		expect(C.ROLES.TENANT.join('|')).toBe('ID|License #|Marital Status');
	});

	test('"Get Loop Details" lists Offer Dates / Offer Date twice: one field', () => {
		expect(C.DETAIL_SECTIONS['Offer Dates'].join('|')).toBe(
			'Inspection Date|Offer Date|Offer Expiration Date|Occupancy Date',
		);
		expect(C.DETAIL_SECTIONS['Listing Information']).toContain("Homeowner's Association Dues");
		expect(Object.values(C.DETAIL_SECTIONS).flat()).toHaveLength(61);
	});

	test('"30s, 1min, 15min, 30min, 1hr, 2hr, 4hr, and 8hr" is the retry schedule in ms', () => {
		const min = 60e3;
		expect(C.RETRY_SCHEDULE_MS).toEqual([
			0.5 * min,
			min,
			15 * min,
			30 * min,
			60 * min,
			120 * min,
			240 * min,
			480 * min,
		]);
	});

	test("participant fields: the table's [optional] ones, then the role-specific ones", () => {
		expect(C.PARTICIPANT_FIELDS.join('|')).toBe(
			'Street Name|Street Number|City|State/Prov|Zip/Postal Code|Unit Number|Country|Phone|Cell Phone|Company Name|ID|License #|Marital Status|Fax',
		);
	});

	test("contact fields add the changelog's company and role; profile fields the example's fax", () => {
		expect(C.CONTACT_FIELDS.slice(-3).join('|')).toBe('country|company|role');
		expect(C.PROFILE_FIELDS.join('|')).toBe(
			'name|company|phone|address|city|zipCode|state|country|fax',
		);
	});

	test("the rest, in the documentation's order", () => {
		expect(C.TRANSACTION_TYPES.join('|')).toBe(
			'PURCHASE_OFFER|LISTING_FOR_SALE|LISTING_FOR_LEASE|LEASE_OFFER|REAL_ESTATE_OTHER|OTHER',
		);
		expect(C.TRANSACTION_STATUSES.LISTING_FOR_LEASE.join('|')).toBe(
			'PRE_LISTING|PRIVATE_LISTING|ACTIVE_LISTING|UNDER_CONTRACT|LEASED|ARCHIVED',
		);
		expect(C.PROFILE_TYPES.join('|')).toBe(
			'INDIVIDUAL|TEAM|OFFICE|COMPANY|ASSOCIATION|NATIONAL_PARTNER',
		);
		expect(Object.keys(C.EVENT_TYPES_BY_TARGET).join('|')).toBe('USER|PROFILE');
		expect(Object.values(C.EVENT_TYPES_BY_TARGET).flat()).toHaveLength(14);
		expect(C.SUBSCRIPTION_EVENT_TYPES.join('|')).toBe('SUBSCRIPTION_REMOVED|SUBSCRIPTION_DISABLED');
		expect(C.DELIVERY_STATUSES.join('|')).toBe(
			'PENDING|PENDING_RETRY|SCHEDULED|SUCCESS|FAILED|DISABLED',
		);
		expect(C.LOOP_SORT_CATEGORIES).toHaveLength(9);
		expect(C.LOOP_SORT_CATEGORIES[8]).toBe('review_submission_date');
		expect(C.GRANTED_SCOPE).toBe('account:read, profile:*, loop:*, contact:*, template:read');
	});

	test('"Subscriptions Overview" and the Addendum list the same event types per target', () => {
		const table = readSection('Subscriptions Overview');
		const listed = table
			.slice(table.indexOf('Target Type Event Types'), table.indexOf('Create Subscription Request'))
			.split('\n')
			.filter((line) => /^[A-Z_]+$/.test(line));
		const byTarget = {};
		let target;
		for (const name of listed) {
			if (C.EVENT_TYPES_BY_TARGET[name]) byTarget[(target = name)] = [];
			else byTarget[target].push(name);
		}
		expect(byTarget).toEqual(C.EVENT_TYPES_BY_TARGET);
	});
});

/** The seed writes names by hand; each must be one the documentation gives. */
describe('the seeded data uses only documented names', () => {
	let sb;
	beforeAll(async () => {
		sb = await start();
	});
	afterAll(() => sb.stop());

	test('loop details: documented sections and fields', () => {
		const unknown = [];
		for (const loop of sb.store.loops.values())
			for (const [section, fields] of Object.entries(loop.details))
				for (const field of Object.keys(fields))
					if (!(C.DETAIL_SECTIONS[section] || []).includes(field))
						unknown.push(`${loop.id} ${section} / ${field}`);
		expect(unknown).toEqual([]);
		expect(sb.store.loops.size).toBeGreaterThan(30);
	});

	test('participants: built-in roles, documented fields, role-specific fields only where allowed', () => {
		const roleSpecific = new Set(Object.values(C.ROLES).flat());
		const wrong = [];
		for (const p of sb.store.participants.values()) {
			if (!C.ROLES[p.role]) wrong.push(`${p.id} role ${p.role}`);
			for (const key of Object.keys(p)) {
				if (['id', 'loopId', 'fullName', 'email', 'role'].includes(key)) continue;
				if (!C.PARTICIPANT_FIELDS.includes(key)) wrong.push(`${p.id} field ${key}`);
				else if (roleSpecific.has(key) && !(C.ROLES[p.role] || []).includes(key))
					wrong.push(`${p.id} ${p.role} may not have ${key}`);
			}
		}
		expect(wrong).toEqual([]);
		expect(sb.store.participants.size).toBeGreaterThan(100);
	});

	test('loops: documented transaction types with their statuses; profiles: documented types', () => {
		for (const loop of sb.store.loops.values())
			expect(C.TRANSACTION_STATUSES[loop.transactionType]).toContain(loop.status);
		for (const profile of sb.store.profiles.values())
			expect(C.PROFILE_TYPES).toContain(profile.type);
	});
});
