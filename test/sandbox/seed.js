'use strict';

const { makePdf } = require('./pdf');
const { TRANSACTION_STATUSES, TRANSACTION_TYPES } = require('./constants');
const { usDate, second } = require('./clock');
const D = require('./seed-data');

// Deterministic demo data: same ids and names on every start (see README for the ids), and the same
// dates unless seedNow anchors them to another moment (the demo anchors them to its start).
const SEED_NOW = Date.UTC(2025, 5, 2, 16, 30, 0);
const HOUR = 3600e3;
const DAY = 86400e3;
const USER_ID = 100;
const PROFILES = { main: 1001, luxury: 1002, office: 1003, team: 1004 };
const MERGED_LOOP = { from: 50037, into: 50002 };

function prng(seed) {
	let a = seed >>> 0;
	const next = () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	return {
		next,
		int: (min, max) => min + Math.floor(next() * (max - min + 1)),
		pick: (arr) => arr[Math.floor(next() * arr.length)],
		chance: (p) => next() < p,
	};
}

function seedUserAndProfiles(store) {
	store.put('user', store.users, {
		id: USER_ID,
		firstName: 'Brian',
		lastName: 'Erwin',
		email: 'brianerwin@newkyhome.com',
		defaultProfileId: PROFILES.main,
	});
	const base = {
		phone: '+1 (859) 555 0100',
		fax: '+1 (859) 555 0199',
		address: '2100 Waterview Dr',
		city: 'Covington',
		state: 'KY',
		zipCode: '41011',
		country: 'US',
		userIds: [USER_ID],
	};
	const profiles = [
		{
			id: PROFILES.main,
			name: 'Brian Erwin',
			type: 'INDIVIDUAL',
			company: 'Newky Home Realty',
			requiresTemplate: false,
		},
		{
			id: PROFILES.luxury,
			name: 'Brian Erwin - Luxury',
			type: 'INDIVIDUAL',
			company: 'Newky Luxury Partners',
			requiresTemplate: true,
			address: '500 Riverside Dr',
			city: 'Newport',
			zipCode: '41071',
		},
		{
			id: PROFILES.office,
			name: 'Newky Home Realty - Covington Office',
			type: 'OFFICE',
			company: 'Newky Home Realty',
			requiresTemplate: false,
			phone: '+1 (859) 555 0000',
		},
		{
			id: PROFILES.team,
			name: 'The Erwin Team',
			type: 'TEAM',
			company: 'Newky Home Realty',
			requiresTemplate: false,
		},
	];
	for (const p of profiles)
		store.put('profile', store.profiles, { ...base, ...p, userIds: [USER_ID] });
}

function seedTemplates(store) {
	const t = (id, profileId, name, transactionType, shared = false, global = false) =>
		store.put('template', store.templates, {
			id,
			profileId,
			name,
			transactionType,
			shared,
			global,
			folders: D.FOLDER_NAMES[transactionType].slice(0, 2),
			taskLists: D.TASK_LISTS[transactionType].slice(0, 1),
		});
	t(1401, PROFILES.main, 'Purchase Offer - Standard', 'PURCHASE_OFFER');
	t(1402, PROFILES.main, 'Listing for Sale - Standard', 'LISTING_FOR_SALE');
	t(1403, PROFILES.main, 'Listing for Lease', 'LISTING_FOR_LEASE');
	t(1404, PROFILES.main, 'Lease Offer', 'LEASE_OFFER');
	t(1405, PROFILES.main, 'Office Purchase Checklist', 'PURCHASE_OFFER', true);
	t(1406, PROFILES.main, 'Kentucky REALTORS Purchase (global)', 'PURCHASE_OFFER', true, true);
	t(1411, PROFILES.luxury, 'Luxury Purchase', 'PURCHASE_OFFER');
	t(1412, PROFILES.luxury, 'Luxury Listing', 'LISTING_FOR_SALE');
	t(1413, PROFILES.luxury, 'Kentucky REALTORS Purchase (global)', 'PURCHASE_OFFER', true, true);
	t(1421, PROFILES.office, 'Office Standard Purchase', 'PURCHASE_OFFER', true);
	t(1431, PROFILES.team, 'Team Listing', 'LISTING_FOR_SALE', true);
}

function seedContacts(store, r, now) {
	const fixed = [
		{ firstName: 'Sean', lastName: 'Seller', email: 'sean.seller@example.com' },
		{ firstName: 'Allen', lastName: 'Agent', email: 'allen.agent@example.com' },
		{ firstName: 'Brenda', lastName: 'Buyer', email: 'brenda.buyer@example.com' },
	];
	for (let i = 0; i < 130; i += 1) {
		const id = 400001 + i;
		const first = fixed[i] ? fixed[i].firstName : D.FIRST_NAMES[i % D.FIRST_NAMES.length];
		const last = fixed[i] ? fixed[i].lastName : D.LAST_NAMES[(i * 7 + 3) % D.LAST_NAMES.length];
		const place = D.CITIES[i % D.CITIES.length];
		const jitter = r.int(0, 20);
		// The newest three changed within the last day, so a "changed in the last 25 hours" sync finds them.
		const age =
			i >= 127 ? (130 - i) * 6 * HOUR + jitter * 60e3 : (130 - i) * 5 * DAY + jitter * HOUR;
		const updated = second(now - age);
		store.put('contact', store.contacts, {
			id,
			userId: USER_ID,
			firstName: first,
			lastName: last,
			email: fixed[i] ? fixed[i].email : `${first}.${last}.${id}@example.com`.toLowerCase(),
			home: `(859) 555-${String(1000 + i).slice(-4)}`,
			office: r.chance(0.6) ? `(513) 555-${String(2000 + i).slice(-4)}` : undefined,
			fax: r.chance(0.2) ? `(513) 555-${String(3000 + i).slice(-4)}` : undefined,
			address: `${r.int(10, 9999)} ${r.pick(D.STREETS)}`,
			city: place.city,
			zipCode: place.zip,
			state: place.state,
			country: 'US',
			created: updated - r.int(0, 200) * DAY,
			updated,
		});
	}
}

function addressOf(r) {
	const place = r.pick(D.CITIES);
	return {
		number: String(r.int(10, 4999)),
		street: r.pick(D.STREETS),
		unit: r.chance(0.2) ? String(r.int(1, 40)) : '',
		...place,
	};
}

function detailsFor(r, loop, addr) {
	const type = loop.transactionType;
	const lease = type === 'LISTING_FOR_LEASE' || type === 'LEASE_OFFER';
	const price = lease ? r.int(12, 45) * 100 : r.int(300, 1900) * 500;
	const rate = r.pick(['2.5', '3', '3', '6']);
	const total = Math.round((price * Number(rate)) / 100);
	const created = loop.created;
	const d = (days) => usDate(created + days * DAY);
	const details = {
		'Property Address': {
			Country: 'US',
			'Street Number': addr.number,
			'Street Name': addr.street,
			City: addr.city,
			'State/Prov': addr.state,
			'Zip/Postal Code': addr.zip,
			County: addr.county,
			'MLS Number': `NKY${r.int(100000, 999999)}`,
			'Parcel/Tax ID': `${r.int(10, 99)}-${r.int(100, 999)}-${r.int(10, 99)}`,
		},
		Financials: {
			'Purchase/Sale Price': String(price),
			'Sale Commission Rate': rate,
			'Sale Commission Split % - Buy Side': '50',
			'Sale Commission Split % - Sell Side': '50',
			'Sale Commission Total': String(total),
			'Sale Commission Split $ - Buy Side': String(Math.round(total / 2)),
			'Sale Commission Split $ - Sell Side': String(total - Math.round(total / 2)),
		},
		Property: {
			'Year Built': String(r.int(1895, 2022)),
			Bedrooms: String(r.int(1, 6)),
			Bathrooms: String(r.int(1, 4)),
			'Square Footage': String(r.int(8, 45) * 100),
			'Lot Size': `${(r.int(5, 60) / 100).toFixed(2)} acres`,
			'School District': `${addr.county} County Schools`,
			Type: r.pick(['Single Family', 'Condo', 'Townhouse', 'Multi-Family']),
		},
		'Geographic Description': {
			Subdivision: `${r.pick(D.LAST_NAMES)} Estates`,
			Lot: String(r.int(1, 120)),
			Block: String.fromCharCode(65 + r.int(0, 7)),
			'MLS Area': `${addr.city} ${r.int(1, 9)}`,
		},
		'Contract Info': {
			'Transaction Number': `T-${loop.id}`,
			Class: lease ? 'Lease' : 'Residential',
			Type: type.startsWith('LISTING') ? 'Listing' : 'Offer',
		},
	};
	if (addr.unit) details['Property Address']['Unit Number'] = addr.unit;
	if (type === 'PURCHASE_OFFER' || type === 'LEASE_OFFER') {
		details['Offer Dates'] = {
			'Offer Date': d(2),
			'Offer Expiration Date': d(5),
			'Inspection Date': d(12),
			'Occupancy Date': d(45),
		};
		details.Financials['Earnest Money Amount'] = String(lease ? price : Math.round(price * 0.01));
		details.Financials['Earnest Money Held By'] = 'Queen City Title';
	}
	if (type.startsWith('LISTING')) {
		details['Listing Information'] = {
			'Listing Date': d(1),
			'Expiration Date': d(181),
			'Original Price': String(Math.round(price * 1.05)),
			'Current Price': String(price),
			Remarks: 'Move-in ready, updated kitchen, close to the river.',
		};
	}
	if (['UNDER_CONTRACT', 'SOLD', 'LEASED', 'DONE'].includes(loop.status)) {
		details['Contract Dates'] = {
			'Contract Agreement Date': d(7),
			'Closing Date': d(r.int(30, 60)),
		};
	}
	if (type === 'OTHER' || type === 'REAL_ESTATE_OTHER') {
		details.Referral = {
			'Referral %': '25',
			'Referral Source': `${r.pick(D.FIRST_NAMES)} ${r.pick(D.LAST_NAMES)}`,
		};
	}
	return details;
}

const AGENT_ROLE = {
	PURCHASE_OFFER: 'BUYING_AGENT',
	LISTING_FOR_SALE: 'LISTING_AGENT',
	LISTING_FOR_LEASE: 'LISTING_AGENT',
	LEASE_OFFER: 'TENANT_AGENT',
	REAL_ESTATE_OTHER: 'ADMIN',
	OTHER: 'ADMIN',
};

function seedParticipants(store, r, loop) {
	const user = store.users.get(USER_ID);
	const add = (fields) => {
		const p = store.put('participant', store.participants, {
			id: store.lastIds.participant + 1,
			loopId: loop.id,
			...fields,
		});
		loop.participantIds.push(p.id);
		return p;
	};
	add({
		fullName: `${user.firstName} ${user.lastName}`,
		email: user.email,
		role: AGENT_ROLE[loop.transactionType],
		Phone: '(859) 555-0100',
		'Company Name': 'Newky Home Realty',
		'License #': 'KY-203344',
	});
	const roles = D.ROLE_SETS[loop.transactionType].filter(
		(role) => role !== AGENT_ROLE[loop.transactionType],
	);
	const count = r.int(2, Math.min(4, roles.length));
	for (let i = 0; i < count; i += 1) {
		const first = r.pick(D.FIRST_NAMES);
		const last = r.pick(D.LAST_NAMES);
		const role = roles[i];
		const fields = {
			fullName: `${first} ${last}`,
			email: `${first}.${last}@example.net`.toLowerCase(),
			role,
			Phone: `(513) 555-${String(r.int(0, 9999)).padStart(4, '0')}`,
		};
		if (
			role.endsWith('AGENT') ||
			role.endsWith('BROKER') ||
			role.endsWith('REP') ||
			role === 'LOAN_OFFICER' ||
			role === 'APPRAISER'
		) {
			fields['Company Name'] = r.pick(D.COMPANIES);
			fields['License #'] = `KY-${r.int(100000, 999999)}`;
		}
		if (role === 'BUYER' || role === 'SELLER' || role === 'TENANT') {
			fields['Marital Status'] = r.pick(['Single', 'Married']);
			fields['Cell Phone'] = `(859) 555-${String(r.int(0, 9999)).padStart(4, '0')}`;
			const place = r.pick(D.CITIES);
			Object.assign(fields, {
				'Street Number': String(r.int(10, 4999)),
				'Street Name': r.pick(D.STREETS),
				City: place.city,
				'State/Prov': place.state,
				'Zip/Postal Code': place.zip,
				Country: 'US',
			});
		}
		add(fields);
	}
}

function seedFolders(store, r, loop, { folderCount, docsPerFolder }) {
	const names = D.FOLDER_NAMES[loop.transactionType].slice(0, folderCount);
	names.forEach((name, fi) => {
		const created = loop.created + (fi + 1) * 3600e3;
		const folder = store.put('folder', store.folders, {
			id: store.lastIds.folder + 1,
			loopId: loop.id,
			name,
			created,
			updated: created,
			documentIds: [],
		});
		loop.folderIds.push(folder.id);
		const docNames = D.DOCUMENT_NAMES[name] || ['Document.pdf'];
		const count =
			docsPerFolder === undefined
				? r.int(0, docNames.length)
				: Math.min(docsPerFolder[fi] || 0, docNames.length);
		for (let di = 0; di < count; di += 1) {
			const id = store.lastIds.document + 1;
			const docCreated = created + (di + 1) * 600e3;
			const bytes = makePdf(docNames[di].replace(/\.pdf$/, ''), [
				`Loop: ${loop.name}`,
				`Folder: ${name}`,
				`Document id: ${id}`,
				'Dotloop sandbox demo document',
			]);
			store.put('document', store.documents, {
				id,
				folderId: folder.id,
				loopId: loop.id,
				name: docNames[di],
				contentType: 'application/pdf',
				bytes,
				created: docCreated,
				updated: docCreated,
			});
			folder.documentIds.push(id);
			folder.updated = Math.max(folder.updated, docCreated);
		}
	});
}

function seedTasks(store, r, loop) {
	const done = ['SOLD', 'LEASED', 'DONE', 'ARCHIVED'].includes(loop.status);
	for (const spec of D.TASK_LISTS[loop.transactionType]) {
		const list = store.put('taskList', store.taskLists, {
			id: store.lastIds.taskList + 1,
			loopId: loop.id,
			name: spec.name,
			taskIds: [],
		});
		loop.taskListIds.push(list.id);
		spec.tasks.forEach((name, i) => {
			const due = new Date(loop.created + (i + 1) * 4 * DAY).toISOString().slice(0, 10);
			const task = store.put('task', store.tasks, {
				id: store.lastIds.task + 1,
				taskListId: list.id,
				name,
				due: `${due}T00:00:00-04:00`,
				completed: done || r.chance(0.4),
			});
			list.taskIds.push(task.id);
		});
	}
}

function seedActivities(store, r, loop, count) {
	const user = 'Brian Erwin';
	const others = loop.participantIds
		.map((id) => store.participants.get(id).fullName)
		.filter((n) => n !== user);
	const docs = loop.folderIds
		.flatMap((id) => store.folders.get(id).documentIds)
		.map((id) => store.documents.get(id).name);
	const tasks = loop.taskListIds
		.flatMap((id) => store.taskLists.get(id).taskIds)
		.map((id) => store.tasks.get(id).name);
	const span = Math.max(loop.updated - loop.created, 3600e3);
	loop.activities.push({ message: `${user} created loop ${loop.name}`, date: loop.created });
	for (let i = 1; i < count; i += 1) {
		const message = r
			.pick(D.ACTIVITY_TEMPLATES)
			.replace('{user}', user)
			.replace('{other}', others.length ? r.pick(others) : 'Allen Agent')
			.replace(
				'{doc}',
				(docs.length ? r.pick(docs) : 'Agency Disclosure Statement - Seller.pdf').replace(
					/\.pdf$/,
					'',
				),
			)
			.replace('{task}', tasks.length ? r.pick(tasks) : 'Follow up');
		loop.activities.push({ message, date: second(loop.created + Math.floor((span * i) / count)) });
	}
}

function newLoopRecord(id, profileId, fields) {
	return {
		id,
		profileId,
		name: fields.name,
		transactionType: fields.transactionType,
		status: fields.status,
		created: fields.created,
		updated: fields.updated,
		templateId: fields.templateId,
		reviewSubmissionDate: fields.reviewSubmissionDate,
		details: {},
		folderIds: [],
		participantIds: [],
		taskListIds: [],
		activities: [],
		mergedInto: undefined,
	};
}

function seedLoop(
	store,
	r,
	{ id, profileId, transactionType, status, index, rich, templateId, now },
) {
	const addr =
		id === 50001
			? {
					number: '2100',
					street: 'Waterview Dr',
					unit: '12',
					city: 'San Francisco',
					state: 'CA',
					zip: '94114',
					county: 'San Francisco',
				}
			: addressOf(r);
	const created = second(now - (40 - index) * 9 * DAY - r.int(0, 86400) * 1000);
	const updated = Math.min(
		second(created + r.int(1, 30) * DAY + r.int(0, 86400) * 1000),
		now - HOUR,
	);
	const street = `${addr.number} ${addr.street}${addr.unit ? ` #${addr.unit}` : ''}`;
	const place = `${addr.city}, ${addr.state} ${addr.zip}`;
	const name =
		index % 4 === 3
			? `${r.pick(D.FIRST_NAMES)} ${r.pick(D.LAST_NAMES)}, ${street}, ${place}`
			: `${street}, ${place}`;
	const done = ['SOLD', 'LEASED', 'DONE'].includes(status);
	const loop = store.put(
		'loop',
		store.loops,
		newLoopRecord(id, profileId, {
			name,
			transactionType,
			status,
			created,
			updated,
			templateId,
			reviewSubmissionDate: done ? second(updated - DAY) : undefined,
		}),
	);
	loop.details = detailsFor(r, loop, addr);
	seedParticipants(store, r, loop);
	seedFolders(
		store,
		r,
		loop,
		rich ? { folderCount: 3, docsPerFolder: [2, 2, 0] } : { folderCount: r.int(1, 3) },
	);
	seedTasks(store, r, loop);
	seedActivities(store, r, loop, rich ? 137 : r.int(6, 24));
	return loop;
}

function seedLoops(store, r, now) {
	const combos = [];
	for (const type of TRANSACTION_TYPES)
		for (const status of TRANSACTION_STATUSES[type]) combos.push([type, status]);
	// 50001 is the richest loop: PURCHASE_OFFER / UNDER_CONTRACT with documents and 137 activities.
	combos.unshift(['PURCHASE_OFFER', 'UNDER_CONTRACT']);
	combos.push(['LISTING_FOR_SALE', 'ACTIVE_LISTING']);
	combos.forEach(([transactionType, status], i) => {
		seedLoop(store, r, {
			id: 50001 + i,
			profileId: PROFILES.main,
			transactionType,
			status,
			index: i,
			rich: i === 0,
			now,
		});
	});
	const luxury = [
		['PURCHASE_OFFER', 'PRE_OFFER', 1411],
		['PURCHASE_OFFER', 'UNDER_CONTRACT', 1411],
		['LISTING_FOR_SALE', 'ACTIVE_LISTING', 1412],
		['LISTING_FOR_SALE', 'SOLD', 1412],
		['PURCHASE_OFFER', 'SOLD', 1413],
		['LISTING_FOR_SALE', 'PRE_LISTING', 1412],
	];
	luxury.forEach(([transactionType, status, templateId], i) => {
		seedLoop(store, r, {
			id: 50031 + i,
			profileId: PROFILES.luxury,
			transactionType,
			status,
			index: i + 30,
			templateId,
			now,
		});
	});
	// 50037 was merged into 50002 before the sandbox started: it answers 301.
	const merged = seedLoop(store, r, {
		id: MERGED_LOOP.from,
		profileId: PROFILES.main,
		transactionType: 'PURCHASE_OFFER',
		status: 'PRE_OFFER',
		index: 36,
		now,
	});
	store.moveLoopContents(merged, store.loops.get(MERGED_LOOP.into));
}

// `demoData: false` keeps only the account skeleton (user, profiles, templates): no loops, no contacts.
function seed(store, { demoData = true, now = SEED_NOW } = {}) {
	const r = prng(20250602);
	seedUserAndProfiles(store);
	seedTemplates(store);
	if (!demoData) return;
	seedContacts(store, r, now);
	seedLoops(store, r, now);
}

// For benchmarks: many plain loops, quickly (details for filters and sorting, no documents).
function generateLoops(store, profileId, count, now = Date.now()) {
	const r = prng(count * 7919 + profileId);
	const first = store.lastIds.loop + 1;
	for (let i = 0; i < count; i += 1) {
		const transactionType = TRANSACTION_TYPES[i % TRANSACTION_TYPES.length];
		const statuses = TRANSACTION_STATUSES[transactionType];
		const status = statuses[Math.floor(i / TRANSACTION_TYPES.length) % statuses.length];
		const addr = addressOf(r);
		const created = second(now - (count - i) * 60e3);
		const id = store.nextId('loop');
		const loop = newLoopRecord(id, profileId, {
			name: `${addr.number} ${addr.street}, ${addr.city}, ${addr.state} ${addr.zip}`,
			transactionType,
			status,
			created,
			updated: created,
		});
		loop.details = {
			'Property Address': {
				'Street Number': addr.number,
				'Street Name': addr.street,
				City: addr.city,
				'State/Prov': addr.state,
				'Zip/Postal Code': addr.zip,
				Country: 'US',
			},
			Financials: { 'Purchase/Sale Price': String(r.int(300, 1900) * 500) },
		};
		store.loops.set(id, loop);
	}
	return { firstId: first, lastId: store.lastIds.loop, count };
}

// Bulk contacts for large-account tests and benchmarks, in section 12.1's shape (plus `created`, which
// the changelog of 05/31/2017 adds): unique emails, one contact changed a minute after the one before.
function generateContacts(store, userId, count, now = Date.now()) {
	const r = prng(count * 104729 + userId);
	const first = store.lastIds.contact + 1;
	for (let i = 0; i < count; i += 1) {
		const id = store.nextId('contact');
		const firstName = D.FIRST_NAMES[i % D.FIRST_NAMES.length];
		const lastName = D.LAST_NAMES[(i * 7 + 3) % D.LAST_NAMES.length];
		const place = r.pick(D.CITIES);
		const updated = second(now - (count - i) * 60e3);
		store.contacts.set(id, {
			id,
			userId,
			firstName,
			lastName,
			email: `${firstName}.${lastName}.${id}@example.com`.toLowerCase(),
			home: `(859) 555-${String(1000 + (i % 9000)).slice(-4)}`,
			office: `(513) 555-${String(2000 + (i % 8000)).slice(-4)}`,
			fax: r.chance(0.2) ? `(513) 555-${String(3000 + (i % 7000)).slice(-4)}` : undefined,
			address: `${r.int(10, 9999)} ${r.pick(D.STREETS)}`,
			city: place.city,
			zipCode: place.zip,
			state: place.state,
			country: 'US',
			created: updated - r.int(0, 200) * DAY,
			updated,
		});
	}
	return { firstId: first, lastId: store.lastIds.contact, count };
}

module.exports = {
	seed,
	generateLoops,
	generateContacts,
	newLoopRecord,
	SEED_NOW,
	USER_ID,
	PROFILES,
	MERGED_LOOP,
};
