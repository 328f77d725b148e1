import type { IDataObject } from 'n8n-workflow';

import {
	advanceWindow,
	fingerprint,
	LOOKBACK_SECONDS,
	windowStart,
	type ChangeWindow,
} from '../../../nodes/Dotloop/pollingTrigger/window';

const loop = (id: number, updated: string, extra: IDataObject = {}): IDataObject => ({
	id,
	name: `Loop ${id}`,
	status: 'PRE_OFFER',
	updated,
	...extra,
});
const ids = (records: IDataObject[]) => records.map((r) => r.id);
const print = (record: IDataObject, second: string) =>
	`${Date.parse(second) / 1000}:${fingerprint(record)}`;
const empty: ChangeWindow = { at: '1970-01-01T00:00:00Z', seen: {} };

describe('change window (the polling cursor)', () => {
	test('the next request starts the lookback before the newest change, in whole seconds', () => {
		expect(LOOKBACK_SECONDS).toBe(30);
		expect(windowStart({ at: '2030-01-01T00:00:10Z', seen: {} })).toBe('2029-12-31T23:59:40Z');
		expect(windowStart({ at: '2030-01-01T00:00:10Z', seen: {} }, 3600)).toBe(
			'2029-12-31T23:00:10Z',
		);
	});

	test('several records updated in the same second: those a later poll finds in that second are emitted, the rest not again', () => {
		const a = loop(1, '2030-01-01T00:00:05Z');
		const b = loop(2, '2030-01-01T00:00:05Z');
		const first = advanceWindow(empty, [b, a], 'updated');
		expect(ids(first.changes)).toEqual([1, 2]);
		expect(first.next).toEqual({
			at: '2030-01-01T00:00:05Z',
			seen: { '1': print(a, a.updated as string), '2': print(b, b.updated as string) },
		});
		// Still 00:00:05 at Dotloop: a third loop changes in the same second after the first poll.
		const c = loop(3, '2030-01-01T00:00:05Z');
		const second = advanceWindow(first.next, [a, b, c], 'updated');
		expect(ids(second.changes)).toEqual([3]);
		expect(ids(advanceWindow(second.next, [a, b, c], 'updated').changes)).toEqual([]);
	});

	test('the same record changed twice in one second is a new version when its content differs', () => {
		const before = loop(1, '2030-01-01T00:00:05Z');
		const after = loop(1, '2030-01-01T00:00:05Z', { status: 'SOLD' });
		const first = advanceWindow(empty, [before], 'updated');
		const second = advanceWindow(first.next, [after], 'updated');
		expect(second.changes).toEqual([after]);
		expect(advanceWindow(second.next, [after], 'updated').changes).toEqual([]);
	});

	test('answers in any order and with duplicates give the same changes, oldest first, one per record', () => {
		const records = [
			loop(3, '2030-01-01T00:00:07Z'),
			loop(1, '2030-01-01T00:00:09Z'),
			loop(2, '2030-01-01T00:00:07Z'),
		];
		const start = { at: '2030-01-01T00:00:00Z', seen: {} };
		const forward = advanceWindow(start, records, 'updated');
		const backward = advanceWindow(start, [...records].reverse().concat(records), 'updated');
		expect(ids(forward.changes)).toEqual([2, 3, 1]);
		expect(backward).toEqual(forward);
	});

	test('a record read twice while paging (it changed in between) is emitted once, in its newest version', () => {
		const old = loop(1, '2030-01-01T00:00:03Z');
		const moved = loop(1, '2030-01-01T00:00:08Z', { status: 'SOLD' });
		const { changes, next } = advanceWindow(
			{ at: '2030-01-01T00:00:00Z', seen: {} },
			[moved, old],
			'updated',
		);
		expect(changes).toEqual([moved]);
		expect(next.at).toBe('2030-01-01T00:00:08Z');
	});

	test('a change the poll missed because it moved to an already-read batch is caught by the next poll', () => {
		const a = loop(1, '2030-01-01T00:00:04Z');
		const b = loop(2, '2030-01-01T00:00:05Z');
		const first = advanceWindow({ at: '2030-01-01T00:00:00Z', seen: {} }, [b], 'updated');
		// `a` changed while the first poll paged: it now sits in the first batch, already read.
		const aChanged = { ...a, updated: '2030-01-01T00:00:05Z', name: 'renamed' };
		expect(ids(advanceWindow(first.next, [aChanged, b], 'updated').changes)).toEqual([1]);
	});

	test('a change Dotloop stamps earlier than one already read (clock skew) is emitted while inside the lookback', () => {
		const late = loop(7, '2030-01-01T00:00:50Z');
		const first = advanceWindow(
			{ at: '2030-01-01T00:00:00Z', seen: {} },
			[loop(1, '2030-01-01T00:01:00Z')],
			'updated',
		);
		const second = advanceWindow(first.next, [late, loop(1, '2030-01-01T00:01:00Z')], 'updated');
		expect(second.changes).toEqual([late]);
	});

	test('records older than the requested window are ignored (an answer that ignored the filter)', () => {
		const window = { at: '2030-01-01T00:10:00Z', seen: {} };
		expect(advanceWindow(window, [loop(1, '2030-01-01T00:00:00Z')], 'updated').changes).toEqual([]);
	});

	test('the state holds only the records of the lookback window, whatever the number of changes', () => {
		let window = empty;
		let emitted = 0;
		for (let minute = 0; minute < 100; minute++) {
			const batch = Array.from({ length: 50 }, (_, i) =>
				loop(
					minute * 50 + i,
					new Date(Date.UTC(2030, 0, 1, 0, minute, i)).toISOString().replace('.000Z', 'Z'),
				),
			);
			const result = advanceWindow(window, batch, 'updated');
			emitted += result.changes.length;
			window = result.next;
		}
		expect(emitted).toBe(5000);
		// The last minute's changes at seconds 19..49: the 31 records inside 30 s of the newest.
		expect(Object.keys(window.seen)).toHaveLength(31);
	});

	test("once Dotloop's clock is past the lookback, the window slides on: a quiet poll reads no old burst again", () => {
		const burst = Array.from({ length: 150 }, (_, i) => loop(i + 1, '2030-01-01T00:00:10Z'));
		const first = advanceWindow(empty, burst, 'updated', { checked: '2030-01-01T00:00:12Z' });
		expect(first.changes).toHaveLength(150);
		expect(windowStart(first.next)).toBe('2029-12-31T23:59:42Z');
		expect(Object.keys(first.next.seen)).toHaveLength(150);
		// A quiet poll 40 s later (Dotloop's Date header): nothing new, the window moves past the burst.
		const quiet = advanceWindow(first.next, burst, 'updated', { checked: '2030-01-01T00:00:52Z' });
		expect(quiet.changes).toEqual([]);
		expect(quiet.next).toEqual({
			at: '2030-01-01T00:00:10Z',
			checked: '2030-01-01T00:00:52Z',
			seen: {},
		});
		expect(windowStart(quiet.next)).toBe('2030-01-01T00:00:22Z');
		// A change stamped within the lookback of that poll's start is still caught.
		const late = loop(7, '2030-01-01T00:00:40Z', { name: 'late' });
		expect(advanceWindow(quiet.next, [late], 'updated').changes).toEqual([late]);
	});

	test('a fingerprint that ignores content (creations) emits a record once even if it changes later', () => {
		const created = loop(1, '2030-01-01T00:00:05Z');
		const opts = { fingerprintOf: () => 'c' };
		const first = advanceWindow(empty, [created], 'updated', opts);
		expect(advanceWindow(first.next, [{ ...created, name: 'x' }], 'updated', opts).changes).toEqual(
			[],
		);
	});
});
