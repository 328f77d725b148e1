'use strict';

const { readSection, extractSection } = require('./doc-text');

// Dotloop's fixed values, read from the documentation's own text (the copies in docs/, see doc-text.js)
// when the sandbox loads: nothing here is typed in from the node, so where the node reads the
// documentation wrong, the sandbox disagrees with it.

function fail(section, what) {
	throw new Error(`Sandbox: could not read ${what} from the documentation section "${section}"`);
}

const nonEmptyLines = (text) =>
	text
		.split('\n')
		.map((line) => line.trim())
		.filter(Boolean);

// "  • A" / "    • b" lists: the top items in order, each with the texts of its sub-items.
function bulletTree(section, title = section) {
	const items = [];
	for (const line of readSectionPart(section, title).split('\n')) {
		const m = /^( *)• (.+)$/.exec(line);
		if (!m) continue;
		if (m[1].length <= 2) items.push({ text: m[2].trim(), children: [] });
		else if (items.length) items[items.length - 1].children.push(m[2].trim());
	}
	if (!items.length) fail(title, 'a list');
	return items;
}

function readSectionPart(section, title) {
	const text = readSection(section);
	return title === section ? text : extractSection(text, title);
}

// A "Name Type Description" table: each name with its description ("" when none), in the doc's order.
const TYPES = new Set(['string', 'number', 'integer', 'long', 'boolean']);
function parameterTable(section) {
	const text = extractSection(readSection(section), 'Parameters');
	const lines = nonEmptyLines(text.slice(text.indexOf('Name Type Description')));
	const rows = [];
	for (let i = 1; i + 1 < lines.length; i += 1) {
		if (!TYPES.has(lines[i + 1])) continue;
		const description = lines[i + 2] !== undefined && !TYPES.has(lines[i + 3]) ? lines[i + 2] : '';
		rows.push({ name: lines[i].replace(/^'(.*)'$/, '$1'), description });
	}
	if (!rows.length) fail(section, 'the parameter table');
	return rows;
}

// "Built-in Contact/Loop Participant Roles": role → its role-specific optional fields.
const ROLES = Object.fromEntries(
	bulletTree('Types / Constants', 'Built-in Contact/Loop Participant Roles').map((role) => {
		const fields = role.children.find((c) => c.startsWith('optional fields:'));
		if (!fields)
			fail('Built-in Contact/Loop Participant Roles', `the optional fields of ${role.text}`);
		return [
			role.text,
			fields
				.slice('optional fields:'.length)
				.trim()
				.split(/\s*,\s*/),
		];
	}),
);

// "Profile Types".
const PROFILE_TYPES = bulletTree('Types / Constants', 'Profile Types').map((t) => t.text);

// "Loop Transactions corresponding Statuses": transaction type → the statuses it allows.
const TRANSACTION_STATUSES = Object.fromEntries(
	bulletTree('Types / Constants', 'Loop Transactions corresponding Statuses').map((t) => [
		t.text,
		t.children,
	]),
);
const TRANSACTION_TYPES = Object.keys(TRANSACTION_STATUSES);
const ALL_STATUSES = [...new Set(Object.values(TRANSACTION_STATUSES).flat())];

// "Webhooks Event Targets and Corresponding Event Types".
const EVENT_TYPES_BY_TARGET = Object.fromEntries(
	bulletTree('Types / Constants', 'Webhooks Event Targets and Corresponding Event Types').map(
		(t) => [t.text, t.children],
	),
);

// "Subscriptions Overview": the table under "Subscription Event Type Description".
const SUBSCRIPTION_EVENT_TYPES = (() => {
	const text = readSection('Subscriptions Overview');
	const table = text.slice(text.indexOf('Subscription Event Type Description'));
	const types = nonEmptyLines(table).filter((line) => /^SUBSCRIPTION_[A-Z_]+$/.test(line));
	if (!types.length) fail('Subscriptions Overview', 'the subscription event types');
	return types;
})();

// "Webhooks Event Delivery Statuses" (the sub-items are their descriptions).
const DELIVERY_STATUSES = bulletTree('Types / Constants', 'Webhooks Event Delivery Statuses').map(
	(s) => s.text,
);

// "Failure Handling": "a back-off policy of 30s, 1min, ..., and 8hr, after which ... failed".
const RETRY_SCHEDULE_MS = (() => {
	const m = /back-off policy of (.+?), after which/.exec(readSection('Failure Handling'));
	if (!m) fail('Failure Handling', 'the back-off policy');
	const unitMs = { s: 1e3, min: 60e3, hr: 3600e3 };
	return m[1].split(/,\s*(?:and\s+)?/).map((step) => {
		const parts = /^(\d+)(s|min|hr)$/.exec(step.trim());
		if (!parts) fail('Failure Handling', `the back-off step "${step}"`);
		return Number(parts[1]) * unitMs[parts[2]];
	});
})();

// "List all Loops", parameter sort: "Possible sort categories: default, address, ...".
const LOOP_SORT_CATEGORIES = (() => {
	const m = /Possible sort categories: (.+)$/m.exec(readSection('List all Loops'));
	if (!m) fail('List all Loops', 'the sort categories');
	return m[1].trim().split(/\s*,\s*/);
})();

// "Get Loop Details": rows of 'Section' 'Field' type [description]; section → its fields in the
// doc's order. The doc lists 'Offer Dates' / 'Offer Date' twice: it is one field.
const DETAIL_SECTIONS = (() => {
	const quoted = nonEmptyLines(readSection('Get Loop Details'))
		.filter((line) => /^'.*'$/.test(line))
		.map((line) => line.slice(1, -1));
	if (!quoted.length || quoted.length % 2) fail('Get Loop Details', 'the section/field pairs');
	const out = {};
	for (let i = 0; i < quoted.length; i += 2) {
		const fields = (out[quoted[i]] = out[quoted[i]] || []);
		if (!fields.includes(quoted[i + 1])) fields.push(quoted[i + 1]);
	}
	return out;
})();

// "Add a Loop Participant": the table's [optional] fields, then (as its note says) the role-specific
// fields of "Built-in Contact/Loop Participant Roles". fullName, email and role are handled apart.
const PARTICIPANT_FIELDS = [
	...new Set([
		...parameterTable('Add a Loop Participant')
			.filter((row) => row.description.startsWith('[optional]'))
			.map((row) => row.name),
		...Object.values(ROLES).flat(),
	]),
];

// "Create a Contact" table, plus the fields of the changelog's 05/10/2017 line "Contacts API supports
// company and role property now" (see README, "Where the documentation is ambiguous").
const CONTACT_FIELDS = (() => {
	const m = /Contacts API supports (\w+) and (\w+) propert/.exec(readSection('Changelog'));
	if (!m) fail('Changelog', 'the contact fields added on 05/10/2017');
	return [...parameterTable('Create a Contact').map((row) => row.name), m[1], m[2]];
})();

// "Create a Profile" table, plus what its Example sends beyond it (fax, which every profile answer
// of "Profiles" shows too).
const PROFILE_FIELDS = (() => {
	const names = parameterTable('Create a Profile').map((row) => row.name);
	const example = extractSection(readSection('Create a Profile'), 'Example');
	const json = example.slice(example.indexOf('{'), example.lastIndexOf('}') + 1);
	return [...new Set([...names, ...Object.keys(JSON.parse(json))])];
})();

// "Refreshing Access Token after expiration": the scope its response grants. ("Obtaining Access
// Token" shows a shorter example, "profile:*, loop:*", which would forbid most of the API.)
const GRANTED_SCOPE = (() => {
	const m = /"scope": "([^"]+)"/.exec(readSection('Refreshing Access Token after expiration'));
	if (!m) fail('Refreshing Access Token after expiration', 'the scope');
	return m[1];
})();

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
