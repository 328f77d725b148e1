import { DateTime, Settings } from 'luxon';
import type { IDataObject } from 'n8n-workflow';

import { useSandboxTrigger } from './sandboxTrigger';

/**
 * Loop Date Approaching on a brokerage's profile (issue 21, point 7): 20,000 loops, 14,000 of them SOLD.
 * A full read of the loops in progress at most once a day in the workflow's time zone, the `updated`
 * feed in between; end states only with Include Closed Loops. And the dates as Dotloop writes them
 * (point 6): MM/DD/YYYY, free text, an ISO day; a value that is no date is skipped and named.
 */
jest.setTimeout(120_000);

const sb = useSandboxTrigger();
const DAY = 86_400_000;
const END = ['SOLD', 'LEASED', 'DONE', 'ARCHIVED'];
const ACTIVE = [
	'PRE_OFFER',
	'UNDER_CONTRACT',
	'PRE_LISTING',
	'PRIVATE_LISTING',
	'ACTIVE_LISTING',
	'NEW',
	'IN_PROGRESS',
];
const CLOSING = 'Contract Dates|Closing Date';
const mdy = (offsetDays: number, from = Date.now()) =>
	DateTime.fromMillis(from + offsetDays * DAY, { zone: 'utc' }).toFormat('MM/dd/yyyy');
const isoDay = (offsetDays: number, from = Date.now()) =>
	DateTime.fromMillis(from + offsetDays * DAY, { zone: 'utc' }).toISODate() as string;
const profileRef = (id: unknown) => ({ __rl: true, mode: 'id', value: String(id) });

/** The test's own reading of the sandbox's closing dates (MM/DD/YYYY), apart from the node's. */
function closingDay(loop: IDataObject): string | undefined {
	const value = ((loop.details as IDataObject)?.['Contract Dates'] as IDataObject)?.[
		'Closing Date'
	];
	const m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(String(value ?? ''));
	return m ? `${m[3]}-${m[1]}-${m[2]}` : undefined;
}

async function everyLoop(profileId: unknown, filter?: string): Promise<IDataObject[]> {
	const out: IDataObject[] = [];
	const token = sb.accessToken();
	for (let batch = 1; ; batch++) {
		const qs = new URLSearchParams({
			include_details: 'true',
			batch_size: '100',
			batch_number: String(batch),
		});
		if (filter) qs.set('filter', filter);
		const res = await fetch(`${sb.sandbox().apiBaseUrl}/profile/${String(profileId)}/loop?${qs}`, {
			headers: { Authorization: `Bearer ${token}` },
		});
		const body = (await res.json()) as { data: IDataObject[] };
		out.push(...body.data);
		if (body.data.length < 100) return out;
	}
}

afterEach(() => {
	Settings.now = () => Date.now();
});

describe('on 20,000 loops, 14,000 SOLD', () => {
	let profileId: number;
	let active: number;
	beforeAll(async () => {
		await sb.admin('PATCH', '/config', { rateLimit: 1_000_000 });
		await sb.admin('POST', '/reset', {});
		const token = sb.accessToken();
		const res = await fetch(`${sb.sandbox().apiBaseUrl}/profile`, {
			method: 'POST',
			headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
			body: JSON.stringify({ name: 'Brokerage' }),
		});
		profileId = Number(((await res.json()) as { data: IDataObject }).data.id);
		const seeded = (await sb.admin('POST', '/seed/large-account', {
			profileId,
			contacts: 0,
		})) as { loops: { statuses: Record<string, number> } };
		active = Object.entries(seeded.loops.statuses)
			.filter(([status]) => !END.includes(status))
			.reduce((sum, [, n]) => sum + n, 0);
	});

	const params = (extra: IDataObject = {}) => ({
		event: 'loopDateApproaching',
		watch: 'profile',
		profileId: profileRef(profileId),
		dateField: CLOSING,
		withinDays: 14,
		...extra,
	});
	const fullRead = (batches: number, filter?: string) =>
		Array.from({ length: batches }, (_, i) => ({
			method: 'GET',
			path: `/public/v2/profile/${profileId}/loop`,
			query: {
				sort: 'updated:desc',
				include_details: 'true',
				...(filter ? { filter } : {}),
				batch_size: '100',
				batch_number: String(i + 1),
			},
		}));
	const activeFilter = `transaction_status=${ACTIVE.join('|')}`;

	test('a full read of the loops in progress once a day, one request per quiet poll in between', async () => {
		expect(active).toBe(3694);
		const t = sb.trigger(params(), { timezone: 'UTC' });
		let seq = await sb.lastSeq();
		expect(await t.run()).toBeNull();
		expect(await sb.requestsSince(seq)).toEqual(fullRead(37, activeFilter));
		const bytes = JSON.stringify(t.staticData).length;
		expect(bytes).toBeLessThan(3000);

		seq = await sb.lastSeq();
		expect(await t.run()).toBeNull();
		const quiet = await sb.requestsSince(seq);
		expect(quiet).toEqual([
			{
				method: 'GET',
				path: `/public/v2/profile/${profileId}/loop`,
				query: {
					sort: 'updated:desc',
					filter: expect.stringMatching(/^updated_min=\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/),
					include_details: 'true',
					batch_size: '100',
					batch_number: '1',
				},
			},
		]);
		expect(JSON.stringify(t.staticData).length).toBe(bytes);
		expect(t.lastPollSaved).toBe(false);

		// A loop in progress gets a closing date in 3 days, a SOLD one in 2: only the first is news.
		const loops = await everyLoop(profileId, `transaction_status=UNDER_CONTRACT|SOLD`);
		const open = loops.find((l) => l.status === 'UNDER_CONTRACT' && closingDay(l)! < isoDay(0))!;
		const sold = loops.find((l) => l.status === 'SOLD' && closingDay(l)! < isoDay(0))!;
		for (const [loop, days] of [
			[open, 3],
			[sold, 2],
		] as const)
			await sb.simulate({
				action: 'updateLoop',
				loopId: loop.id,
				details: { 'Contract Dates': { 'Closing Date': mdy(days) } },
			});
		seq = await sb.lastSeq();
		const out = await t.run();
		expect(
			out?.map((l) => [l.id, l.status, l.dateField, l.date, l.daysUntil, l.profileId]),
		).toEqual([[open.id, 'UNDER_CONTRACT', 'Closing Date', isoDay(3), 3, profileId]]);
		expect((await sb.requestsSince(seq)).length).toBe(1);
		expect(await t.run()).toBeNull();

		// The next day: one full read, and the loops whose date came inside the 14 days.
		const before = new Set(
			(await everyLoop(profileId, activeFilter))
				.filter((l) => {
					const d = closingDay(l);
					return d !== undefined && d >= isoDay(0) && d <= isoDay(14);
				})
				.map((l) => l.id),
		);
		const tomorrow = Date.now() + DAY;
		Settings.now = () => Date.now() + DAY;
		const expected = (await everyLoop(profileId, activeFilter))
			.filter((l) => {
				const d = closingDay(l);
				return d !== undefined && d >= isoDay(0, tomorrow) && d <= isoDay(14, tomorrow);
			})
			.filter((l) => !before.has(l.id))
			.map((l) => l.id);
		expect(expected.length).toBeGreaterThan(0);
		seq = await sb.lastSeq();
		const nextDay = (await t.run()) ?? [];
		expect(nextDay.map((l) => l.id).sort()).toEqual([...expected].sort());
		expect(nextDay.every((l) => l.daysUntil === 14)).toBe(true);
		expect(await sb.requestsSince(seq)).toEqual(fullRead(37, activeFilter));
		seq = await sb.lastSeq();
		expect(await t.run()).toBeNull();
		expect((await sb.requestsSince(seq)).length).toBe(1);
	});

	test('Include Closed Loops reads every loop and announces closed ones; switching it announces nothing twice', async () => {
		const within28 = (loops: IDataObject[]) =>
			loops
				.filter((l) => {
					const d = closingDay(l);
					return d !== undefined && d >= isoDay(0) && d <= isoDay(28);
				})
				.map((l) => l.id)
				.sort();
		const everything = await everyLoop(profileId);
		const isClosed = (l: IDataObject) => END.includes(String(l.status));
		const options: IDataObject = { emitExisting: true };
		const t = sb.trigger(params({ withinDays: 28, options }), { timezone: 'UTC' });
		let seq = await sb.lastSeq();
		const inProgress = (await t.run()) ?? [];
		expect(inProgress.map((l) => l.id).sort()).toEqual(
			within28(everything.filter((l) => !isClosed(l))),
		);
		expect(await sb.requestsSince(seq)).toEqual(fullRead(37, activeFilter));

		t.setParams(params({ withinDays: 28, options: { ...options, includeClosed: true } }));
		seq = await sb.lastSeq();
		const closed = (await t.run()) ?? [];
		expect(await sb.requestsSince(seq)).toEqual(fullRead(200));
		expect(closed.map((l) => l.id).sort()).toEqual(within28(everything.filter(isClosed)));
		expect(closed.length).toBeGreaterThan(0);
		expect(closed.every(isClosed)).toBe(true);

		t.setParams(params({ withinDays: 28, options: { ...options, includeClosed: false } }));
		seq = await sb.lastSeq();
		expect(await t.run()).toBeNull();
		expect(await sb.requestsSince(seq)).toEqual(fullRead(37, activeFilter));
		expect(await t.run()).toBeNull();
	});
});

describe.each(['mdy', 'text'])('loop-detail dates answered as %s', (detailDateFormat) => {
	beforeEach(async () => {
		await sb.admin('POST', '/reset', {});
		await sb.admin('PATCH', '/config', { detailDateFormat, rateLimit: 1_000_000 });
	});
	afterAll(async () => {
		await sb.admin('PATCH', '/config', { detailDateFormat: 'mdy' });
	});

	test('each reading is a date; a value that is none is skipped and named, and the poll goes on', async () => {
		const t = sb.trigger(
			{
				event: 'loopDateApproaching',
				watch: 'profile',
				profileId: profileRef(1001),
				dateField: CLOSING,
				withinDays: 10,
			},
			{ timezone: 'UTC' },
		);
		await t.run();
		const set = async (loopId: number, value: string) =>
			await sb.simulate({
				action: 'updateLoop',
				loopId,
				details: { 'Contract Dates': { 'Closing Date': value } },
			});
		// 50002, 50003, 50006-50008 are in progress; 50004 is SOLD.
		await set(50002, mdy(3));
		await set(50003, 'TBD');
		await set(50004, mdy(2));
		await set(50006, isoDay(4));
		await set(50007, 'March 05, 2017');
		await set(
			50008,
			DateTime.fromMillis(Date.now() + 6 * DAY, { zone: 'utc' }).toFormat('MMM d, yyyy'),
		);
		const out = (await t.run()) ?? [];
		expect(out.map((l) => [l.id, l.status, l.date, l.daysUntil])).toEqual([
			[50002, 'PRE_OFFER', isoDay(3), 3],
			[50006, 'PRE_LISTING', isoDay(4), 4],
			[50008, 'ACTIVE_LISTING', isoDay(6), 6],
		]);
		const shown = (await everyLoop(1001)).find((l) => l.id === 50002)!;
		expect(((shown.details as IDataObject)['Contract Dates'] as IDataObject)['Closing Date']).toBe(
			detailDateFormat === 'text'
				? DateTime.fromMillis(Date.now() + 3 * DAY, { zone: 'utc' }).toFormat('MMMM dd, yyyy')
				: mdy(3),
		);
		expect(t.warnings).toEqual([
			'Dotloop Polling Trigger: loop 50003 of profile 1001: Closing Date "TBD" is not a date; skipped',
		]);
		expect(await t.run()).toBeNull();
	});
});

describe("the day is the workflow's time zone's", () => {
	beforeAll(async () => {
		await sb.admin('POST', '/reset', {});
		await sb.admin('PATCH', '/config', { rateLimit: 1_000_000 });
	});

	test.each([
		['Pacific/Kiritimati', ['full', 'feed', 'full']],
		['UTC', ['full', 'feed', 'feed']],
	])('in %s, polls at 09:00, 09:30 and 11:00 UTC read %j', async (timezone, reads) => {
		const nine = Math.floor(Date.now() / DAY) * DAY + 9 * 3_600_000;
		const t = sb.trigger(
			{
				event: 'loopDateApproaching',
				watch: 'profile',
				profileId: profileRef(1001),
				dateField: CLOSING,
				withinDays: 7,
			},
			{ timezone },
		);
		const kinds: string[] = [];
		for (const at of [nine, nine + 1_800_000, nine + 7_200_000]) {
			Settings.now = () => at;
			const seq = await sb.lastSeq();
			await t.run();
			const requests = await sb.requestsSince(seq);
			expect(requests).toHaveLength(1);
			const filter = String((requests[0].query as IDataObject).filter);
			kinds.push(
				filter.startsWith('updated_min=')
					? 'feed'
					: filter.startsWith('transaction_status=')
						? 'full'
						: filter,
			);
		}
		expect(kinds).toEqual(reads);
		const state = t.staticData.dotloopPolling as {
			loops: Record<string, IDataObject>;
		};
		expect(state.loops['1001'].day).toBe(
			DateTime.fromMillis(nine + 7_200_000, { zone: timezone }).toISODate(),
		);
	});
});

test('a state stored before the daily read keeps its announced dates: nothing is announced twice', async () => {
	await sb.admin('POST', '/reset', {});
	await sb.simulate({
		action: 'updateLoop',
		loopId: 50002,
		details: { 'Contract Dates': { 'Closing Date': mdy(3) } },
	});
	await sb.simulate({
		action: 'updateLoop',
		loopId: 50006,
		details: { 'Contract Dates': { 'Closing Date': mdy(4) } },
	});
	const t = sb.trigger(
		{
			event: 'loopDateApproaching',
			watch: 'profile',
			profileId: profileRef(1001),
			dateField: CLOSING,
			withinDays: 10,
		},
		{ timezone: 'UTC' },
	);
	t.staticData.dotloopPolling = {
		version: 1,
		watching: JSON.stringify(['loopDateApproaching', 'profile', '1001', CLOSING, false]),
		dates: { '1001:50002': isoDay(3) },
	};
	expect((await t.run())?.map((l) => [l.id, l.date])).toEqual([[50006, isoDay(4)]]);
	const state = t.staticData.dotloopPolling as IDataObject;
	expect(state.dates).toBeUndefined();
	expect((state.loops as Record<string, IDataObject>)['1001'].emitted).toEqual({
		'50002': isoDay(3),
		'50006': isoDay(4),
	});
	expect(await t.run()).toBeNull();
});
