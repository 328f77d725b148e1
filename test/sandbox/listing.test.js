'use strict';

const { start, client, admin } = require('./test-helpers');

describe('sandbox paging, filters and sorting', () => {
	let sb;
	let api;
	beforeAll(async () => {
		sb = await start({ rateLimit: 100000 });
		api = await client(sb);
	});
	afterAll(() => sb.stop());

	test('loops page with batch_size/batch_number and report the full total', async () => {
		const first = await api('GET', '/profile/1001/loop');
		expect(first.status).toBe(200);
		expect(first.body.meta.total).toBe(30);
		expect(first.body.data).toHaveLength(20);
		const second = await api('GET', '/profile/1001/loop?batch_size=20&batch_number=2');
		expect(second.body.data).toHaveLength(10);
		const ids = [...first.body.data, ...second.body.data].map((l) => l.id);
		expect(new Set(ids).size).toBe(30);
		expect(ids).not.toContain(50037);
		const beyond = await api('GET', '/profile/1001/loop?batch_size=20&batch_number=3');
		expect(beyond.body).toEqual({ meta: { total: 30 }, data: [] });
		const max = await api('GET', '/profile/1001/loop?batch_size=100');
		expect(max.body.data).toHaveLength(30);
	});

	test('a loop summary has the documented shape', async () => {
		const res = await api('GET', '/profile/1001/loop?batch_size=1');
		expect(Object.keys(res.body.data[0])).toEqual([
			'id',
			'name',
			'status',
			'transactionType',
			'totalTaskCount',
			'completedTaskCount',
			'updated',
			'created',
			'loopUrl',
		]);
		expect(res.body.data[0].updated).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
		expect(res.body.data[0].loopUrl).toBe(
			`https://www.dotloop.com/m/loop?viewId=${res.body.data[0].id}`,
		);
	});

	test.each([['101'], ['0'], ['abc'], ['-5']])(
		'batch_size=%s answers 400 in the errors shape',
		async (size) => {
			const res = await api('GET', `/profile/1001/loop?batch_size=${size}`);
			expect(res.status).toBe(400);
			expect(res.body).toEqual({
				errors: [
					{
						code: '400',
						source: { parameter: 'batch_size' },
						detail: 'batch_size must be between 1 and 100',
					},
				],
			});
		},
	);

	test('batch_number must be a positive integer', async () => {
		expect((await api('GET', '/contact?batch_number=0')).status).toBe(400);
	});

	test('contacts page past 100 and filter on updated_min', async () => {
		const p1 = await api('GET', '/contact?batch_size=100');
		const p2 = await api('GET', '/contact?batch_size=100&batch_number=2');
		expect(p1.body.meta.total).toBe(130);
		expect(p1.body.data).toHaveLength(100);
		expect(p2.body.data).toHaveLength(30);
		const cut = p1.body.data[60].updated;
		const filtered = await api('GET', `/contact?batch_size=100&filter=updated_min=${cut}`);
		expect(filtered.body.meta.total).toBeGreaterThan(0);
		expect(filtered.body.meta.total).toBeLessThan(130);
		for (const c of filtered.body.data)
			expect(Date.parse(c.updated)).toBeGreaterThanOrEqual(Date.parse(cut));
	});

	test('activities are batch paged with meta.total -1 across more than one page of 100', async () => {
		const p1 = await api('GET', '/profile/1001/loop/50001/activity?batch_size=100');
		const p2 = await api('GET', '/profile/1001/loop/50001/activity?batch_size=100&batch_number=2');
		expect(p1.body.meta.total).toBe(-1);
		expect(p1.body.data).toHaveLength(100);
		expect(p2.body.meta.total).toBe(-1);
		expect(p2.body.data).toHaveLength(37);
		expect(Object.keys(p1.body.data[0])).toEqual(['message', 'date']);
		expect(Date.parse(p1.body.data[0].date)).toBeGreaterThanOrEqual(
			Date.parse(p1.body.data[99].date),
		);
		const dflt = await api('GET', '/profile/1001/loop/50001/activity');
		expect(dflt.body.data).toHaveLength(20);
		expect((await api('GET', '/profile/1001/loop/50001/activity?batch_size=101')).status).toBe(400);
	});

	test('filter pairs join with "," and values with "|"', async () => {
		const types = await api(
			'GET',
			'/profile/1001/loop?batch_size=100&filter=transaction_type=PURCHASE_OFFER|LEASE_OFFER',
		);
		expect(types.body.meta.total).toBe(9);
		for (const l of types.body.data)
			expect(['PURCHASE_OFFER', 'LEASE_OFFER']).toContain(l.transactionType);

		const both = await api(
			'GET',
			`/profile/1001/loop?batch_size=100&filter=${encodeURIComponent('transaction_type=PURCHASE_OFFER|LEASE_OFFER,transaction_status=UNDER_CONTRACT')}`,
		);
		expect(both.body.meta.total).toBe(3);
		for (const l of both.body.data) expect(l.status).toBe('UNDER_CONTRACT');

		const all = (await api('GET', '/profile/1001/loop?batch_size=100')).body.data;
		const cut = all.map((l) => l.updated).sort()[20];
		const recent = await api(
			'GET',
			`/profile/1001/loop?batch_size=100&filter=updated_min=${cut},transaction_status=ARCHIVED|SOLD|UNDER_CONTRACT|ACTIVE_LISTING|PRE_OFFER|PRE_LISTING|PRIVATE_LISTING|LEASED|NEW|IN_PROGRESS|DONE`,
		);
		expect(recent.body.meta.total).toBe(all.filter((l) => l.updated >= cut).length);

		const createdCut = all.map((l) => l.created).sort()[25];
		const created = await api(
			'GET',
			`/profile/1001/loop?batch_size=100&filter=created_min=${createdCut}`,
		);
		expect(created.body.meta.total).toBe(5);
	});

	test('repeated filter parameters are joined, as the real server binds them', async () => {
		const res = await api(
			'GET',
			'/profile/1001/loop?batch_size=100&filter=transaction_type=PURCHASE_OFFER&filter=transaction_status=SOLD',
		);
		expect(res.body.meta.total).toBe(1);
	});

	test('dates with milliseconds are refused as unparseable', async () => {
		const res = await api('GET', '/profile/1001/loop?filter=updated_min=2024-01-01T00:00:00.000Z');
		expect(res.status).toBe(400);
		expect(res.body.errors[0].detail).toMatch(/Unparseable date/);
		expect((await api('GET', '/contact?filter=updated_min=2024-01-01T00:00:00.123Z')).status).toBe(
			400,
		);
		expect(
			(await api('GET', '/profile/1001/loop?filter=updated_min=2024-01-01T00:00:00Z')).status,
		).toBe(200);
		expect((await api('GET', '/profile/1001/loop?filter=bogus=1')).status).toBe(400);
		expect((await api('GET', '/profile/1001/loop?filter=transaction_type=HOUSEBOAT')).status).toBe(
			400,
		);
	});

	test('sort orders by category, ascending unless told', async () => {
		const created = (
			await api('GET', '/profile/1001/loop?batch_size=100&sort=created')
		).body.data.map((l) => l.created);
		expect(created).toEqual([...created].sort());
		const desc = (
			await api('GET', '/profile/1001/loop?batch_size=100&sort=created:desc')
		).body.data.map((l) => l.created);
		expect(desc).toEqual([...created].reverse());

		const priced = (
			await api(
				'GET',
				'/profile/1001/loop?batch_size=100&sort=purchase_price:desc&include_details=true',
			)
		).body.data;
		const prices = priced.map((l) => Number(l.details.Financials['Purchase/Sale Price']));
		expect(prices).toEqual([...prices].sort((a, b) => b - a));

		const dflt = (await api('GET', '/profile/1001/loop?batch_size=100')).body.data.map(
			(l) => l.updated,
		);
		expect(dflt).toEqual([...dflt].sort().reverse());

		for (const category of [
			'default',
			'address',
			'updated',
			'listing_date',
			'expiration_date',
			'closing_date',
			'review_submission_date',
		]) {
			const res = await api('GET', `/profile/1001/loop?sort=${category}:asc`);
			expect(res.status).toBe(200);
			expect(res.body.meta.total).toBe(30);
		}
		expect((await api('GET', '/profile/1001/loop?sort=price')).status).toBe(400);
		expect((await api('GET', '/profile/1001/loop?sort=created:up')).status).toBe(400);
	});

	test('include_details adds details keyed by section', async () => {
		const without = await api('GET', '/profile/1001/loop?batch_size=2');
		expect(without.body.data[0].details).toBeUndefined();
		const withDetails = await api('GET', '/profile/1001/loop?batch_size=2&include_details=true');
		const { details } = withDetails.body.data[0];
		expect(details['Property Address']).toEqual(
			expect.objectContaining({ 'Street Name': expect.any(String), City: expect.any(String) }),
		);
		expect(details.Financials['Purchase/Sale Price']).toMatch(/^\d+$/);
	});

	describe('listDetails: where a list item carries include_details', () => {
		afterEach(() => admin(sb, 'PATCH', '/config', { listDetails: 'details' }));
		const listed = async (query) =>
			(await api('GET', `/profile/1001/loop?batch_size=1${query}`)).body.data[0];

		test.each([
			['details', (item, details) => ({ ...item, details })],
			['loopDetails', (item, details) => ({ ...item, loopDetails: details })],
			['inline', (item, details) => ({ ...item, ...details })],
			['omitted', (item) => item],
		])('%s', async (reading, expected) => {
			expect((await admin(sb, 'PATCH', '/config', { listDetails: reading })).status).toBe(200);
			const plain = await listed('');
			const details = (await api('GET', `/profile/1001/loop/${plain.id}/detail`)).body.data;
			expect(Object.keys(details)).toEqual(expect.arrayContaining(['Property Address']));
			expect(await listed('&include_details=true')).toEqual(expected(plain, details));
			expect(await listed('&include_details=false')).toEqual(plain);
		});

		test('any other reading is refused', async () => {
			const res = await admin(sb, 'PATCH', '/config', { listDetails: 'nested' });
			expect(res.status).toBe(400);
			expect(JSON.stringify(res.body)).toContain(
				'listDetails must be \\"details\\", \\"loopDetails\\", \\"inline\\" or \\"omitted\\"',
			);
		});
	});

	test('include_documents adds document metadata to folders', async () => {
		const plain = await api('GET', '/profile/1001/loop/50001/folder');
		expect(plain.body.meta.total).toBe(3);
		expect(plain.body.data[0].documents).toBeUndefined();
		const withDocs = await api('GET', '/profile/1001/loop/50001/folder?include_documents=true');
		expect(withDocs.body.data[0].documents.map((d) => d.id)).toEqual([80001, 80002]);
		expect(withDocs.body.data[2].documents).toEqual([]);
		const one = await api('GET', '/profile/1001/loop/50001/folder/70001?include_documents=true');
		expect(one.body.data.documents).toHaveLength(2);
		expect(
			(await api('GET', '/profile/1001/loop/50001/folder/70001')).body.data.documents,
		).toBeUndefined();
	});

	test('benchmark-sized profiles still page and filter (seed/loops)', async () => {
		const seeded = await admin(sb, 'POST', '/seed/loops', { profileId: 1001, count: 10000 });
		expect(seeded.status).toBe(200);
		expect(seeded.body.count).toBe(10000);
		const res = await api('GET', '/profile/1001/loop?batch_size=100&batch_number=50&sort=address');
		expect(res.body.meta.total).toBe(10030);
		expect(res.body.data).toHaveLength(100);
		await admin(sb, 'POST', '/reset');
		expect((await api('GET', '/profile/1001/loop')).body.meta.total).toBe(30);
	});
});
