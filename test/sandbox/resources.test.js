'use strict';

const { start, client, admin } = require('./test-helpers');

describe('sandbox resources', () => {
	let sb;
	let api;
	beforeAll(async () => {
		sb = await start({ rateLimit: 100000 });
		api = await client(sb);
	});
	afterAll(() => sb.stop());
	beforeEach(() => admin(sb, 'POST', '/reset'));

	test('account and profiles', async () => {
		expect((await api('GET', '/account')).body).toEqual({
			data: {
				id: 100,
				firstName: 'Brian',
				lastName: 'Erwin',
				email: 'brianerwin@newkyhome.com',
				defaultProfileId: 1001,
			},
		});
		const profiles = await api('GET', '/profile');
		expect(profiles.body.meta.total).toBe(4);
		expect(profiles.body.data.map((p) => [p.id, p.type, p.default, p.requiresTemplate])).toEqual([
			[1001, 'INDIVIDUAL', true, false],
			[1002, 'INDIVIDUAL', false, true],
			[1003, 'OFFICE', false, false],
			[1004, 'TEAM', false, false],
		]);
		const one = await api('GET', '/profile/1002');
		expect(one.body.data.default).toBeUndefined();
		expect(one.body.data.requiresTemplate).toBe(true);

		const created = await api('POST', '/profile', {
			body: { name: 'My Profile', company: 'MyCompany', city: 'New York' },
		});
		expect(created.status).toBe(201);
		expect(created.body.data).toEqual(
			expect.objectContaining({
				id: 1005,
				type: 'INDIVIDUAL',
				name: 'My Profile',
				company: 'MyCompany',
			}),
		);
		const patched = await api('PATCH', '/profile/1005', { body: { company: 'My New Company' } });
		expect(patched.body.data.company).toBe('My New Company');
		expect(patched.body.data.name).toBe('My Profile');
		expect((await api('POST', '/profile', { body: { company: 'no name' } })).status).toBe(422);
		expect((await api('GET', '/profile/999')).status).toBe(404);
	});

	test('loops: get, create, update, with 201/200 and the documented shapes', async () => {
		const got = await api('GET', '/profile/1001/loop/50001');
		expect(got.body.data).toEqual(
			expect.objectContaining({
				id: 50001,
				transactionType: 'PURCHASE_OFFER',
				status: 'UNDER_CONTRACT',
				totalTaskCount: 9,
			}),
		);
		const created = await api('POST', '/profile/1001/loop', {
			body: {
				name: 'Atturo Garay, 3059 Main, Chicago, IL 60614',
				status: 'PRE_LISTING',
				transactionType: 'LISTING_FOR_SALE',
			},
		});
		expect(created.status).toBe(201);
		expect(created.body.data).toEqual(
			expect.objectContaining({
				id: 50038,
				profileId: 1001,
				status: 'PRE_LISTING',
				totalTaskCount: 0,
				loopUrl: 'https://www.dotloop.com/m/loop?viewId=50038',
			}),
		);
		const patched = await api('PATCH', '/profile/1001/loop/50038', { body: { status: 'SOLD' } });
		expect(patched.status).toBe(200);
		expect(patched.body.data.status).toBe('SOLD');
		expect(patched.body.data.profileId).toBeUndefined();
	});

	test('loop validation: 422 for names over 200, statuses invalid for the type, missing fields', async () => {
		const base = { name: 'x', transactionType: 'PURCHASE_OFFER', status: 'PRE_OFFER' };
		const long = await api('POST', '/profile/1001/loop', {
			body: { ...base, name: 'a'.repeat(201) },
		});
		expect(long.status).toBe(422);
		expect(long.body.errors[0]).toEqual({
			code: '422',
			source: { pointer: '/name' },
			detail: expect.stringMatching(/200/),
		});
		expect(
			(await api('POST', '/profile/1001/loop', { body: { ...base, name: 'a'.repeat(200) } }))
				.status,
		).toBe(201);
		const status = await api('POST', '/profile/1001/loop', {
			body: { ...base, status: 'ACTIVE_LISTING' },
		});
		expect(status.status).toBe(422);
		expect(status.body.errors[0].source).toEqual({ pointer: '/status' });
		expect((await api('POST', '/profile/1001/loop', { body: { name: 'x' } })).status).toBe(422);
		expect(
			(await api('PATCH', '/profile/1001/loop/50001', { body: { status: 'LEASED' } })).status,
		).toBe(422);
		expect(
			(await api('PATCH', '/profile/1001/loop/50001', { body: { transactionType: 'OTHER' } }))
				.status,
		).toBe(422);
		expect(
			(
				await api('PATCH', '/profile/1001/loop/50001', {
					body: { transactionType: 'OTHER', status: 'NEW' },
				})
			).status,
		).toBe(200);
	});

	test('loops on non-INDIVIDUAL profiles answer 403', async () => {
		for (const path of ['/profile/1003/loop', '/profile/1004/loop', '/profile/1003/loop/50001']) {
			const res = await api('GET', path);
			expect(res.status).toBe(403);
			expect(res.body.errors[0].code).toBe('403');
		}
		expect(
			(
				await api('POST', '/profile/1003/loop', {
					body: { name: 'x', transactionType: 'OTHER', status: 'NEW' },
				})
			).status,
		).toBe(403);
	});

	test('a requiresTemplate profile needs templateId; the template brings folders and task lists', async () => {
		const body = { name: '1 Luxury Ln', transactionType: 'PURCHASE_OFFER', status: 'PRE_OFFER' };
		const missing = await api('POST', '/profile/1002/loop', { body });
		expect(missing.status).toBe(422);
		expect(missing.body.errors[0].source).toEqual({ pointer: '/templateId' });
		expect(
			(await api('POST', '/profile/1002/loop', { body: { ...body, templateId: 1401 } })).status,
		).toBe(422);
		const ok = await api('POST', '/profile/1002/loop', { body: { ...body, templateId: 1411 } });
		expect(ok.status).toBe(201);
		const folders = await api('GET', `/profile/1002/loop/${ok.body.data.id}/folder`);
		expect(folders.body.meta.total).toBe(2);
		expect(ok.body.data.totalTaskCount).toBeGreaterThan(0);
	});

	test('unknown ids answer 404, non-numeric ids 400, malformed JSON 400, all in the errors shape', async () => {
		for (const path of [
			'/profile/1001/loop/59999',
			'/profile/1002/loop/50001',
			'/profile/1001/loop/50001/folder/1',
			'/profile/1001/loop/50001/folder/70001/document/80003',
			'/profile/1001/loop/50001/participant/1',
			'/profile/1001/loop/50001/tasklist/1',
			'/profile/1001/loop/50001/tasklist/20001/task/1',
			'/contact/1',
			'/profile/1001/loop-template/1',
			'/subscription/nope',
			'/nowhere',
		]) {
			const res = await api('GET', path);
			expect([path, res.status]).toEqual([path, 404]);
			expect(res.body.errors[0]).toEqual(
				expect.objectContaining({ code: '404', detail: expect.any(String) }),
			);
		}
		expect((await api('GET', '/profile/abc/loop')).status).toBe(400);
		const bad = await api('POST', '/contact', {
			body: '{"firstName": ',
			headers: { 'Content-Type': 'application/json' },
		});
		expect(bad.status).toBe(400);
		expect(bad.body.errors[0].detail).toMatch(/Malformed JSON/);
		expect((await api('PUT', '/contact/400001')).status).toBe(405);
	});

	test('loop details: get by section, partial PATCH, empty strings refused naming the field', async () => {
		const details = await api('GET', '/profile/1001/loop/50001/detail');
		expect(details.body.data['Property Address']).toEqual(
			expect.objectContaining({
				'Street Number': '2100',
				'Street Name': 'Waterview Dr',
				'Unit Number': '12',
				City: 'San Francisco',
				'State/Prov': 'CA',
				'Zip/Postal Code': '94114',
			}),
		);
		const patched = await api('PATCH', '/profile/1001/loop/50001/detail', {
			body: { Financials: { 'Purchase/Sale Price': '342342' } },
		});
		expect(patched.body.data.Financials['Purchase/Sale Price']).toBe('342342');
		expect(patched.body.data.Financials['Sale Commission Rate']).toBeDefined();
		expect(patched.body.data['Property Address'].City).toBe('San Francisco');
		const empty = await api('PATCH', '/profile/1001/loop/50001/detail', {
			body: { 'Contract Dates': { 'Closing Date': '' } },
		});
		expect(empty.status).toBe(400);
		expect(empty.body.errors[0].detail).toContain('Closing Date');
		expect(empty.body.errors[0].source).toEqual({ pointer: '/Contract Dates/Closing Date' });
	});

	test('loop details: values must be strings unless strictDetailValues is off; nested values never', async () => {
		const patch = (body) => api('PATCH', '/profile/1001/loop/50001/detail', { body });
		const number = await patch({ Financials: { 'Purchase/Sale Price': 342342 } });
		expect(number.status).toBe(400);
		expect(number.body.errors[0]).toEqual({
			code: '400',
			source: { pointer: '/Financials/Purchase~1Sale Price' },
			detail: 'Financials / Purchase/Sale Price must be a string, not 342342',
		});
		expect((await patch({ Property: { 'Year Built': true } })).status).toBe(400);
		await admin(sb, 'PATCH', '/config', { strictDetailValues: false });
		try {
			const kept = await patch({ Financials: { 'Purchase/Sale Price': 342342 } });
			expect(kept.body.data.Financials['Purchase/Sale Price']).toBe('342342');
			const nested = await patch({ Financials: { 'Purchase/Sale Price': { amount: 1 } } });
			expect(nested.status).toBe(400);
		} finally {
			await admin(sb, 'PATCH', '/config', { strictDetailValues: true });
		}
	});

	test('folders: create (trailing slash), rename, list', async () => {
		const created = await api('POST', '/profile/1001/loop/50002/folder/', {
			body: { name: 'Disclosures' },
		});
		expect(created.status).toBe(201);
		expect(Object.keys(created.body.data)).toEqual(['id', 'name', 'created', 'updated']);
		const renamed = await api('PATCH', `/profile/1001/loop/50002/folder/${created.body.data.id}`, {
			body: { name: 'Disclosures (renamed)' },
		});
		expect(renamed.body.data.name).toBe('Disclosures (renamed)');
		expect((await api('POST', '/profile/1001/loop/50002/folder/', { body: {} })).status).toBe(422);
	});

	test('paths are matched as documented unless strictPaths is off', async () => {
		const undocumented = [
			[
				'POST',
				'/profile/1001/loop/50002/folder',
				{ body: { name: 'x' } },
				'/profile/:profileId/loop/:loopId/folder/',
			],
			[
				'GET',
				'/profile/1001/loop/50001/tasklist',
				{},
				'/profile/:profileId/loop/:loopId/tasklist/',
			],
			['GET', '/profile/1001/loop/50001/folder/', {}, '/profile/:profileId/loop/:loopId/folder'],
			['GET', '/profile/', {}, '/profile'],
		];
		for (const [method, path, options, documented] of undocumented) {
			const res = await api(method, path, options);
			expect([path, res.status, res.body.errors[0].detail]).toEqual([
				path,
				404,
				`No endpoint ${method} /public/v2${path}; the documented path is /public/v2${documented}`,
			]);
		}
		expect((await api('GET', '/profile/1001/loop/50001/tasklist/')).status).toBe(200);
		await admin(sb, 'PATCH', '/config', { strictPaths: false });
		try {
			for (const [method, path, options] of undocumented) {
				expect([path, (await api(method, path, options)).status]).toEqual([
					path,
					method === 'POST' ? 201 : 200,
				]);
			}
			expect((await api('GET', '/profile/1001/loop/50001/tasklist/')).status).toBe(200);
		} finally {
			await admin(sb, 'PATCH', '/config', { strictPaths: true });
		}
	});

	test('participants: list, add (role required), get, update, delete 204', async () => {
		const list = await api('GET', '/profile/1001/loop/50001/participant');
		expect(list.body.meta.total).toBe(list.body.data.length);
		expect(list.body.data[0]).toEqual(
			expect.objectContaining({ id: 90001, fullName: 'Brian Erwin', role: 'BUYING_AGENT' }),
		);
		const noRole = await api('POST', '/profile/1001/loop/50001/participant', {
			body: { fullName: 'No Role', email: 'no.role@example.com' },
		});
		expect(noRole.status).toBe(422);
		expect(noRole.body.errors[0].source).toEqual({ pointer: '/role' });
		const body = {
			fullName: 'Brian Erwin',
			email: 'brian@example.com',
			role: 'BUYER',
			'Street Name': '123',
			'Street Number': 'Main St.',
			City: 'Cincinnati',
			'Zip/Postal Code': '45123',
			Country: 'USA',
			Phone: '(555) 555-5555',
			'Cell Phone': '(555) 555-4444',
			'Company Name': "Buyer's Company",
			'Marital Status': 'Married',
		};
		const added = await api('POST', '/profile/1001/loop/50001/participant', { body });
		expect(added.status).toBe(201);
		expect(added.body.data).toEqual({ id: expect.any(Number), ...body });
		const id = added.body.data.id;
		expect((await api('GET', `/profile/1001/loop/50001/participant/${id}`)).body.data.email).toBe(
			'brian@example.com',
		);
		const updated = await api('PATCH', `/profile/1001/loop/50001/participant/${id}`, {
			body: { email: 'brian@gmail.com' },
		});
		expect(updated.body.data).toEqual(
			expect.objectContaining({ email: 'brian@gmail.com', role: 'BUYER', fullName: 'Brian Erwin' }),
		);
		const removed = await api('DELETE', `/profile/1001/loop/50001/participant/${id}`);
		expect(removed.status).toBe(204);
		expect(removed.text).toBe('');
		expect((await api('GET', `/profile/1001/loop/50001/participant/${id}`)).status).toBe(404);
	});

	test('task lists and tasks', async () => {
		const lists = await api('GET', '/profile/1001/loop/50001/tasklist/');
		expect(lists.body).toEqual({
			meta: { total: 2 },
			data: [
				{ id: 20001, name: 'Contract to Close' },
				{ id: 20002, name: 'Compliance' },
			],
		});
		expect((await api('GET', '/profile/1001/loop/50001/tasklist/20001')).body.data).toEqual({
			id: 20001,
			name: 'Contract to Close',
		});
		const tasks = await api('GET', '/profile/1001/loop/50001/tasklist/20001/task');
		expect(tasks.body.meta.total).toBe(6);
		expect(tasks.body.data[0]).toEqual({
			id: 30001,
			name: 'Earnest money deposited',
			due: expect.stringMatching(/T00:00:00-04:00$/),
			completed: expect.any(Boolean),
		});
		expect(
			(await api('GET', '/profile/1001/loop/50001/tasklist/20001/task/30002')).body.data.id,
		).toBe(30002);
		expect((await api('GET', '/profile/1001/loop/50001/tasklist/20002/task/30002')).status).toBe(
			404,
		);
	});

	test('contacts: create 201, get, update, delete 204', async () => {
		const body = {
			firstName: 'Brian',
			lastName: 'Erwin',
			email: 'brianerwin@example.com',
			home: '(415) 8936 332',
			office: '(415) 1213 656',
			fax: '(415) 8655 686',
			address: '2100 Waterview Dr',
			city: 'San Francisco',
			zipCode: '94114',
			state: 'CA',
			country: 'US',
		};
		const created = await api('POST', '/contact', { body });
		expect(created.status).toBe(201);
		expect(created.body.data).toEqual({
			id: 400131,
			...body,
			created: expect.any(String),
			updated: expect.any(String),
		});
		const patched = await api('PATCH', '/contact/400131', { body: { home: '(415) 888 8888' } });
		expect(patched.body.data.home).toBe('(415) 888 8888');
		expect(patched.body.data.firstName).toBe('Brian');
		expect((await api('POST', '/contact', { body: { email: 'not-an-email' } })).status).toBe(422);
		expect((await api('POST', '/contact', { body: {} })).status).toBe(422);
		expect((await api('DELETE', '/contact/400131')).status).toBe(204);
		expect((await api('GET', '/contact/400131')).status).toBe(404);
	});

	test('contacts keep company and role (changelog 05/10/2017)', async () => {
		const created = await api('POST', '/contact', {
			body: { firstName: 'Lena', company: 'Allen Realty', role: 'Lender' },
		});
		expect(created.body.data).toEqual({
			id: 400131,
			firstName: 'Lena',
			company: 'Allen Realty',
			role: 'Lender',
			created: expect.any(String),
			updated: expect.any(String),
		});
		const patched = await api('PATCH', '/contact/400131', { body: { role: 'Inspector' } });
		expect(patched.body.data).toMatchObject({ company: 'Allen Realty', role: 'Inspector' });
		expect((await api('GET', '/contact/400131')).body.data.role).toBe('Inspector');
	});

	test('loop templates per profile', async () => {
		const list = await api('GET', '/profile/1002/loop-template');
		expect(list.body.data.map((t) => t.id)).toEqual([1411, 1412, 1413]);
		expect((await api('GET', '/profile/1001/loop-template/1401')).body.data).toEqual({
			id: 1401,
			profileId: 1001,
			name: 'Purchase Offer - Standard',
			transactionType: 'PURCHASE_OFFER',
			shared: false,
			global: false,
		});
		expect((await api('GET', '/profile/1003/loop-template')).status).toBe(200);
	});

	test('Loop-It creates the loop with address, participants and contacts', async () => {
		const body = {
			name: 'Brian Erwin',
			transactionType: 'PURCHASE_OFFER',
			status: 'PRE_OFFER',
			streetName: 'Waterview Dr',
			streetNumber: '2100',
			unit: '12',
			city: 'San Francisco',
			zipCode: '94114',
			state: 'CA',
			country: 'US',
			participants: [
				{ fullName: 'Brian Erwin', email: 'brianerwin@newkyhome.com', role: 'BUYER' },
				{ fullName: 'Allen Agent', email: 'allen.agent@example.com', role: 'LISTING_AGENT' },
				{ fullName: 'Nina Newcontact', email: 'nina.new@example.com', role: 'SELLER' },
			],
			templateId: 1401,
			mlsPropertyId: '43FSB8',
		};
		expect((await api('POST', '/loop-it', { body })).status).toBe(422);
		const res = await api('POST', '/loop-it?profile_id=1001', { body });
		expect(res.status).toBe(201);
		expect(res.body.data).toEqual({
			id: 50038,
			profileId: 1001,
			name: 'Brian Erwin',
			transactionType: 'PURCHASE_OFFER',
			status: 'PRE_OFFER',
			created: expect.any(String),
			updated: expect.any(String),
			loopUrl: 'https://www.dotloop.com/m/loop?viewId=50038',
		});
		const details = await api('GET', '/profile/1001/loop/50038/detail');
		expect(details.body.data['Property Address']).toEqual({
			'Street Name': 'Waterview Dr',
			'Street Number': '2100',
			'Unit Number': '12',
			City: 'San Francisco',
			'State/Prov': 'CA',
			'Zip/Postal Code': '94114',
			Country: 'US',
			'MLS Number': '43FSB8',
		});
		const participants = await api('GET', '/profile/1001/loop/50038/participant');
		expect(participants.body.data.map((p) => p.email)).toEqual([
			'allen.agent@example.com',
			'nina.new@example.com',
		]);
		const contacts = await api('GET', '/contact?batch_size=100&batch_number=2');
		expect(contacts.body.meta.total).toBe(131);
		expect(contacts.body.data.at(-1)).toEqual(
			expect.objectContaining({
				firstName: 'Nina',
				lastName: 'Newcontact',
				email: 'nina.new@example.com',
			}),
		);
		expect((await api('POST', '/loop-it?profile_id=1003', { body })).status).toBe(403);
		expect(
			(await api('POST', '/loop-it?profile_id=1002', { body: { ...body, templateId: undefined } }))
				.status,
		).toBe(422);
	});

	test('merged loops answer 301 with Location, keeping sub-paths', async () => {
		const seeded = await api('GET', '/profile/1001/loop/50037');
		expect(seeded.status).toBe(301);
		expect(seeded.headers.get('location')).toBe('/public/v2/profile/1001/loop/50002');

		const merged = await admin(sb, 'POST', '/loops/50003/merge', { intoLoopId: 50004 });
		expect(merged.body).toEqual({ fromId: 50003, toId: 50004, profileId: 1001 });
		const cases = [
			['GET', '/profile/1001/loop/50003', '/public/v2/profile/1001/loop/50004'],
			['PATCH', '/profile/1001/loop/50003', '/public/v2/profile/1001/loop/50004'],
			['GET', '/profile/1001/loop/50003/detail', '/public/v2/profile/1001/loop/50004/detail'],
			['PATCH', '/profile/1001/loop/50003/detail', '/public/v2/profile/1001/loop/50004/detail'],
			[
				'GET',
				'/profile/1001/loop/50003/folder?include_documents=true',
				'/public/v2/profile/1001/loop/50004/folder?include_documents=true',
			],
			['GET', '/profile/1001/loop/50003/tasklist/', '/public/v2/profile/1001/loop/50004/tasklist/'],
		];
		for (const [method, path, location] of cases) {
			const res = await api(method, path, method === 'PATCH' ? { body: {} } : {});
			expect([path, res.status, res.headers.get('location')]).toEqual([path, 301, location]);
		}
		const followed = await api('GET', '/profile/1001/loop/50003/folder', { headers: {} });
		const target = await api('GET', followed.headers.get('location').replace('/public/v2', ''));
		expect(target.status).toBe(200);
		expect(target.body.meta.total).toBeGreaterThan(0);

		const fresh = await admin(sb, 'POST', '/loops/50004/merge', {});
		expect(fresh.body.fromId).toBe(50004);
		expect(fresh.body.toId).toBe(50038);
		// Chains resolve to the final loop.
		expect((await api('GET', '/profile/1001/loop/50003')).headers.get('location')).toBe(
			'/public/v2/profile/1001/loop/50038',
		);
		expect((await api('GET', '/profile/1001/loop?batch_size=100')).body.meta.total).toBe(29);
	});

	test.each([
		[
			'subpath',
			'/public/v2/profile/1002/loop/50038/folder?include_documents=true',
			'/public/v2/profile/1002/loop/50038/detail',
		],
		['loop', '/public/v2/profile/1002/loop/50038', '/public/v2/profile/1002/loop/50038'],
		['none', null, null],
	])(
		'mergeLocation %s: what the Location of a sub-resource says; the loop itself always names the loop',
		async (mergeLocation, folderLocation, detailLocation) => {
			await admin(sb, 'PATCH', '/config', { mergeLocation });
			try {
				const merged = await admin(sb, 'POST', '/loops/50003/merge', { intoProfileId: 1002 });
				expect(merged.body).toEqual({ fromId: 50003, toId: 50038, profileId: 1002 });
				const answers = [];
				for (const [method, path] of [
					['GET', '/profile/1001/loop/50003'],
					['GET', '/profile/1001/loop/50003/folder?include_documents=true'],
					['PATCH', '/profile/1001/loop/50003/detail'],
				]) {
					const res = await api(method, path, method === 'PATCH' ? { body: {} } : {});
					answers.push([res.status, res.headers.get('location')]);
				}
				expect(answers).toEqual([
					[301, '/public/v2/profile/1002/loop/50038'],
					[301, folderLocation],
					[301, detailLocation],
				]);
				const moved = await api('GET', '/profile/1002/loop/50038/folder');
				expect(moved.status).toBe(200);
				expect(moved.body.meta.total).toBeGreaterThan(0);
			} finally {
				await admin(sb, 'PATCH', '/config', { mergeLocation: 'subpath' });
			}
		},
	);

	test('merge admin: into a loop of another profile, or a new loop there; refused where loops cannot live', async () => {
		const into = await admin(sb, 'POST', '/loops/50003/merge', { intoLoopId: 50031 });
		expect(into.body).toEqual({ fromId: 50003, toId: 50031, profileId: 1002 });
		const moved = await api('GET', '/profile/1001/loop/50003/participant');
		expect([moved.status, moved.headers.get('location')]).toEqual([
			301,
			'/public/v2/profile/1002/loop/50031/participant',
		]);
		expect((await admin(sb, 'POST', '/loops/50004/merge', { intoProfileId: 1003 })).status).toBe(
			422,
		);
		expect(
			(await admin(sb, 'POST', '/loops/50004/merge', { intoProfileId: 1002, intoLoopId: 50005 }))
				.status,
		).toBe(400);
	});

	test('the seeded state is deterministic across resets', async () => {
		const a = (await admin(sb, 'GET', '/state')).body;
		await api('POST', '/contact', { body: { firstName: 'Temp' } });
		await admin(sb, 'POST', '/reset');
		const b = (await admin(sb, 'GET', '/state')).body;
		expect(b.loops).toEqual(a.loops);
		expect(b.contacts).toEqual(a.contacts);
		expect(a.loops.find((l) => l.id === 50001).folders[0].documents[0]).toEqual(
			expect.objectContaining({
				id: 80001,
				contentType: 'application/pdf',
				sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
			}),
		);
	});
});
