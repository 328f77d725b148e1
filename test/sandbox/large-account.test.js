'use strict';

const { start, client, admin } = require('./test-helpers');

const MONTHS =
	'January|February|March|April|May|June|July|August|September|October|November|December';

describe('sandbox: a large account and the readings it brings', () => {
	let sb;
	let api;
	beforeAll(async () => {
		sb = await start({ rateLimit: 1e6 });
		api = await client(sb);
	});
	afterAll(() => sb.stop());
	afterEach(async () => {
		await admin(sb, 'POST', '/reset');
		await admin(sb, 'PATCH', '/config', { contactCreated: true, detailDateFormat: 'mdy' });
	});

	test('contacts carry created (changelog 05/31/2017) unless contactCreated is false', async () => {
		const made = await api('POST', '/contact', { body: { firstName: 'Cora' } });
		expect(Object.keys(made.body.data)).toEqual(['id', 'firstName', 'created', 'updated']);
		expect(made.body.data.created).toBe(made.body.data.updated);
		const seeded = (await api('GET', '/contact/400001')).body.data;
		expect(seeded.created < seeded.updated).toBe(true);
		expect(seeded.created).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);

		await admin(sb, 'PATCH', '/config', { contactCreated: false });
		const listed = (await api('GET', '/contact?batch_size=100')).body.data;
		expect(listed).toHaveLength(100);
		expect(listed.some((c) => 'created' in c)).toBe(false);
		expect('created' in (await api('GET', `/contact/${made.body.data.id}`)).body.data).toBe(false);
		expect((await admin(sb, 'PATCH', '/config', { contactCreated: 'no' })).status).toBe(400);
	});

	test('a hidden contact keeps its id and stamp and is listed only once revealed', async () => {
		const sim = async (b) => (await admin(sb, 'POST', '/simulate', b)).body.data;
		const early = await sim({
			action: 'createContact',
			firstName: 'Early',
			hidden: true,
			at: '2030-01-01T00:00:00Z',
		});
		const late = await sim({ action: 'createContact', firstName: 'Late' });
		expect([early.id, late.id]).toEqual([400131, 400132]);
		const ids = async () =>
			(await api('GET', '/contact?batch_size=100&batch_number=2')).body.data.map((c) => c.id);
		expect(await ids()).toEqual([...Array.from({ length: 30 }, (_, i) => 400101 + i), 400132]);
		expect((await api('GET', '/contact/400131')).status).toBe(404);
		await sim({ action: 'revealContact', contactId: 400131 });
		expect((await ids()).slice(-2)).toEqual([400131, 400132]);
		const shown = (await api('GET', '/contact/400131')).body.data;
		expect([shown.created, shown.updated]).toEqual([
			'2030-01-01T00:00:00Z',
			'2030-01-01T00:00:00Z',
		]);
		expect(
			(await admin(sb, 'POST', '/simulate', { action: 'createContact', hidden: 1 })).status,
		).toBe(400);
	});

	test('detailDateFormat "text" answers loop-detail dates as "March 05, 2017" wherever details go', async () => {
		const mdy = (await api('GET', '/profile/1001/loop/50001/detail')).body.data;
		const offer = mdy['Offer Dates']['Offer Date'];
		expect(offer).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
		await api('PATCH', '/profile/1001/loop/50001/detail', {
			body: { 'Offer Dates': { 'Inspection Date': '03/05/2017' } },
		});

		await admin(sb, 'PATCH', '/config', { detailDateFormat: 'text' });
		const text = (await api('GET', '/profile/1001/loop/50001/detail')).body.data;
		const [m, d, y] = offer.split('/');
		const month = MONTHS.split('|')[Number(m) - 1];
		expect(text['Offer Dates']['Offer Date']).toBe(`${month} ${d}, ${y}`);
		expect(text['Offer Dates']['Inspection Date']).toBe('March 05, 2017');
		// Only dates change: prices, names and numbers stay as they are.
		expect(text.Financials).toEqual(mdy.Financials);
		expect(text['Property Address']).toEqual(mdy['Property Address']);
		const listed = (await api('GET', '/profile/1001/loop?include_details=true&batch_size=100')).body
			.data;
		const item = listed.find((l) => l.id === 50001);
		expect(item.details['Offer Dates']['Inspection Date']).toBe('March 05, 2017');
		expect((await admin(sb, 'PATCH', '/config', { detailDateFormat: 'iso' })).status).toBe(400);
	});

	test('a profile can be deactivated (changelog 03/23/2017) and its loops refused with 403 or 404', async () => {
		const before = (await api('GET', '/profile')).body.data;
		expect(before.map((p) => [p.id, p.deactivated])).toEqual([
			[1001, false],
			[1002, false],
			[1003, false],
			[1004, false],
		]);
		expect(
			(await admin(sb, 'PATCH', '/profiles/1002', { deactivated: true, refuse: 403 })).body,
		).toEqual({ id: 1002, deactivated: true, refuse: 403 });
		const after = (await api('GET', '/profile')).body.data;
		expect(after.find((p) => p.id === 1002).deactivated).toBe(true);

		const refused = await api('GET', '/profile/1002/loop');
		expect(refused.status).toBe(403);
		expect(refused.body.errors[0].detail).toBe('Access to profile 1002 denied');
		expect((await api('GET', '/profile/1002/loop/50031')).status).toBe(403);
		await admin(sb, 'PATCH', '/profiles/1002', { refuse: 404 });
		const gone = await api('GET', '/profile/1002/loop');
		expect(gone.status).toBe(404);
		expect(gone.body.errors[0].detail).toBe('Profile 1002 not found');
		// Still listed, and the other profiles answer as before.
		expect((await api('GET', '/profile')).body.data).toHaveLength(4);
		expect((await api('GET', '/profile/1001/loop')).status).toBe(200);
		await admin(sb, 'PATCH', '/profiles/1002', { refuse: null });
		expect((await api('GET', '/profile/1002/loop')).status).toBe(200);

		expect((await admin(sb, 'PATCH', '/profiles/1002', { refuse: 500 })).status).toBe(400);
		expect((await admin(sb, 'PATCH', '/profiles/1002', { deactivated: 'yes' })).status).toBe(400);
		expect((await admin(sb, 'PATCH', '/profiles/1002', { name: 'x' })).status).toBe(400);
		expect((await admin(sb, 'PATCH', '/profiles/9999', { refuse: 403 })).status).toBe(404);
	});

	test('seed/large-account: 20,000 loops (14,000 SOLD), upcoming closing dates, 5,000 contacts', async () => {
		const profile = (await api('POST', '/profile', { body: { name: 'Brokerage' } })).body.data;
		const seeded = await admin(sb, 'POST', '/seed/large-account', { profileId: profile.id });
		expect(seeded.status).toBe(200);
		const { loops, contacts } = seeded.body;
		expect(loops.count).toBe(20000);
		expect(loops.statuses.SOLD).toBe(14000);
		expect(Object.values(loops.statuses).reduce((a, b) => a + b, 0)).toBe(20000);
		expect(Object.keys(loops.statuses).sort()).toEqual([
			'ACTIVE_LISTING',
			'ARCHIVED',
			'DONE',
			'IN_PROGRESS',
			'LEASED',
			'NEW',
			'PRE_LISTING',
			'PRE_OFFER',
			'PRIVATE_LISTING',
			'SOLD',
			'UNDER_CONTRACT',
		]);
		expect(loops.upcoming).toEqual({ open: 100, sold: 10 });
		expect(contacts.count).toBe(5000);

		const total = async (qs) =>
			(await api('GET', `/profile/${profile.id}/loop?batch_size=1${qs}`)).body.meta.total;
		expect(await total('')).toBe(20000);
		expect(await total('&filter=transaction_status=SOLD')).toBe(14000);
		const contactList = await api('GET', '/contact?batch_size=1');
		expect(contactList.body.meta.total).toBe(130 + 5000);

		// Closing dates within the next 28 days: the 100 open loops and 10 SOLD ones, nothing else.
		const today = Date.UTC(
			new Date().getUTCFullYear(),
			new Date().getUTCMonth(),
			new Date().getUTCDate(),
		);
		const soon = [];
		const store = sb.store;
		for (let id = loops.firstId; id <= loops.lastId; id++) {
			const loop = store.loops.get(id);
			const [m, d, y] = loop.details['Contract Dates']['Closing Date'].split('/').map(Number);
			const day = Date.UTC(y, m - 1, d);
			if (day > today) soon.push(loop);
			expect(day <= today + 28 * 86400e3).toBe(true);
		}
		expect(soon).toHaveLength(110);
		expect(soon.filter((l) => l.status === 'SOLD')).toHaveLength(10);
		expect(
			soon.every((l) => l.status === 'SOLD' || !['LEASED', 'DONE', 'ARCHIVED'].includes(l.status)),
		).toBe(true);

		expect((await admin(sb, 'POST', '/seed/large-account', { profileId: 1003 })).status).toBe(422);
		expect(
			(await admin(sb, 'POST', '/seed/large-account', { profileId: 1001, sold: 5, loops: 4 }))
				.status,
		).toBe(400);
	});

	test('seed/failed-events: a burst of FAILED events listed newest first, 10 a page', async () => {
		const sub = (
			await api('POST', '/subscription', {
				body: {
					targetType: 'PROFILE',
					targetId: 1001,
					eventTypes: ['LOOP_UPDATED'],
					url: 'https://hooks.example.test/x',
				},
			})
		).body.data;
		const burst = await admin(sb, 'POST', '/seed/failed-events', {
			subscriptionId: sub.id,
			count: 25,
			from: '2026-01-01T00:00:00Z',
			stepMs: 2000,
		});
		expect(burst.body.count).toBe(25);
		const pages = [];
		let cursor;
		do {
			const res = await api(
				'GET',
				`/subscription/${sub.id}/event?delivery_status=FAILED${cursor ? `&next_cursor=${cursor}` : ''}`,
			);
			pages.push(res.body.data);
			cursor = res.body.meta.nextCursor;
		} while (cursor);
		expect(pages.map((p) => p.length)).toEqual([10, 10, 5]);
		const events = pages.flat();
		expect(events[0].createdOn).toBe('2026-01-01T00:00:48.000Z');
		expect(events[24].createdOn).toBe('2026-01-01T00:00:00.000Z');
		expect(events[0]).toEqual({
			id: burst.body.ids[24],
			subscriptionId: sub.id,
			createdOn: '2026-01-01T00:00:48.000Z',
			eventType: 'LOOP_UPDATED',
			eventData: { id: expect.stringMatching(/^500\d\d$/) },
			deliveryStatus: 'FAILED',
			deliveryAttempts: 9,
			responseData: expect.any(Array),
		});
		expect(events[0].responseData).toHaveLength(9);
		expect(events[0].responseData[8].requestSentAt).toBe('2026-01-01T15:47:18.000Z');

		// Still SCHEDULED: not listed as FAILED until its retries run out.
		const late = await admin(sb, 'POST', '/seed/failed-events', {
			subscriptionId: sub.id,
			count: 2,
			from: '2026-01-01T00:00:10Z',
			stepMs: 0,
			deliveryStatus: 'SCHEDULED',
		});
		const failed = async () =>
			(await api('GET', `/subscription/${sub.id}/event?delivery_status=FAILED`)).body.data;
		expect((await failed()).map((e) => e.id)).not.toContain(late.body.ids[0]);
		await admin(sb, 'POST', `/events/${late.body.ids[0]}/fail`);
		const all = [];
		cursor = undefined;
		do {
			const res = await api(
				'GET',
				`/subscription/${sub.id}/event?delivery_status=FAILED${cursor ? `&next_cursor=${cursor}` : ''}`,
			);
			all.push(...res.body.data);
			cursor = res.body.meta.nextCursor;
		} while (cursor);
		// Listed by creation, between the events created around it.
		const at = all.findIndex((e) => e.id === late.body.ids[0]);
		expect(all[at - 1].createdOn).toBe('2026-01-01T00:00:12.000Z');
		expect(all[at + 1].createdOn).toBe('2026-01-01T00:00:10.000Z');
		expect(all).toHaveLength(26);

		expect(
			(await admin(sb, 'POST', '/seed/failed-events', { subscriptionId: 'nope' })).status,
		).toBe(404);
		expect(
			(
				await admin(sb, 'POST', '/seed/failed-events', {
					subscriptionId: sub.id,
					deliveryStatus: 'SUCCESS',
				})
			).status,
		).toBe(400);
	});
});
