import { sleep } from 'n8n-workflow';

import {
	blockUntilReset,
	releaseRateLimitSlot,
	resetDelay,
	takeRateLimitSlot,
} from '../../../nodes/Dotloop/transport/rateLimit';

const answer = (remaining: number, resetMs: number, limit = 100) => ({
	'x-ratelimit-limit': String(limit),
	'x-ratelimit-remaining': String(remaining),
	'x-ratelimit-reset': String(resetMs),
});

/** Which of these slot requests have been granted after the event loop has run pending work. */
async function granted(slots: Array<Promise<number>>): Promise<boolean[]> {
	const done = slots.map(() => false);
	slots.forEach((slot, i) => void slot.then(() => (done[i] = true)));
	await sleep(0);
	return done;
}

describe('the rate-limit window', () => {
	it('holds every request sent while it lasts, parallel ones included, not only the first', async () => {
		blockUntilReset('credential-1', 40);

		const waited = await Promise.all([
			takeRateLimitSlot('credential-1'),
			takeRateLimitSlot('credential-1'),
			takeRateLimitSlot('credential-1'),
		]);

		expect(waited.map((ms) => ms > 0)).toEqual([true, true, true]);
		expect(await takeRateLimitSlot('credential-2')).toBe(0);
	});

	it('lets only as many parallel requests go as the window has left after those on their way', async () => {
		const key = 'credential-3';
		await takeRateLimitSlot(key);
		releaseRateLimitSlot(key, answer(3, 60), Date.now());

		const slots = Array.from({ length: 5 }, async () => await takeRateLimitSlot(key));
		expect(await granted(slots)).toEqual([true, true, true, false, false]);
		const waited = await Promise.all(slots);
		expect(waited.slice(3).every((ms) => ms > 0)).toBe(true);
	});

	it('a late answer of the same window, reporting more left than the latest one, does not reopen it', async () => {
		const key = 'credential-4';
		await takeRateLimitSlot(key);
		await takeRateLimitSlot(key);
		const sentFirst = Date.now();
		releaseRateLimitSlot(key, answer(0, 80), sentFirst + 1); // sent second, answered first
		releaseRateLimitSlot(key, answer(1, 79), sentFirst); // sent first, answered last

		expect(await granted([takeRateLimitSlot(key)])).toEqual([false]);
	});

	it('an answer of the next window opens it with what that window has left', async () => {
		const key2 = 'credential-6';
		await takeRateLimitSlot(key2);
		releaseRateLimitSlot(key2, answer(0, 30), Date.now());
		await takeRateLimitSlot(key2); // waits for the reset
		releaseRateLimitSlot(key2, answer(2, 2000), Date.now());
		expect(await granted([takeRateLimitSlot(key2), takeRateLimitSlot(key2)])).toEqual([true, true]);
		expect(await granted([takeRateLimitSlot(key2)])).toEqual([false]);
	});

	it('before any answer, a burst is held to the documented 100 requests', async () => {
		const key = 'credential-7';
		const slots = Array.from({ length: 101 }, async () => await takeRateLimitSlot(key));
		const done = await granted(slots);
		expect(done.filter(Boolean).length).toBe(100);
		expect(done[100]).toBe(false);
		releaseRateLimitSlot(key, undefined, Date.now());
		expect(await slots[100]).toBeGreaterThan(0);
	});

	it('a request that failed without an answer gives its place back', async () => {
		const key = 'credential-8';
		await takeRateLimitSlot(key);
		releaseRateLimitSlot(key, answer(1, 2000), Date.now());
		await takeRateLimitSlot(key);
		expect(await granted([takeRateLimitSlot(key)])).toEqual([false]);

		const key2 = 'credential-9';
		await takeRateLimitSlot(key2);
		releaseRateLimitSlot(key2, answer(2, 2000), Date.now());
		await takeRateLimitSlot(key2);
		releaseRateLimitSlot(key2, undefined, Date.now()); // e.g. a network error: no answer
		expect(await granted([takeRateLimitSlot(key2)])).toEqual([true]);
	});

	it('a window that resets much sooner than assumed is believed from requests sent after the assumption', async () => {
		const key = 'credential-10';
		const before = Date.now() - 1;
		await takeRateLimitSlot(key);
		releaseRateLimitSlot(key, answer(500, 60_000, 1000), before); // e.g. a limit lifted for a while
		await takeRateLimitSlot(key);
		// An answer to a request sent before that one, from a window ending sooner: not believed.
		releaseRateLimitSlot(key, answer(0, 30, 100), before - 1);
		expect(await granted([takeRateLimitSlot(key)])).toEqual([true]);
		// The same from a request sent after it: the window is the sooner one, and it is spent.
		releaseRateLimitSlot(key, answer(0, 30, 100), Date.now());
		expect(await granted([takeRateLimitSlot(key)])).toEqual([false]);
	});
});

describe('X-RateLimit-Reset, read by its magnitude', () => {
	const dotloopNow = Date.parse('Fri, 04 Dec 2026 23:00:00 GMT');
	const date = new Date(dotloopNow).toUTCString();
	const localNow = dotloopNow + 5000; // the local clock runs 5 s ahead of Dotloop's

	it.each([
		['milliseconds until the reset (as observed)', '32000', undefined, 32000],
		['a small value: milliseconds, not seconds', '60', undefined, 60],
		['0: the window resets now', '0', undefined, 0],
		['epoch milliseconds, against the Date header', String(dotloopNow + 30000), date, 30000],
		['epoch seconds, against the Date header', String(dotloopNow / 1000 + 30), date, 30000],
		[
			'epoch milliseconds, no Date header: the local clock',
			String(localNow + 12000),
			undefined,
			12000,
		],
		[
			'epoch seconds, no Date header: the local clock',
			String((localNow + 12000) / 1000),
			undefined,
			12000,
		],
		['an unreadable Date header: the local clock', String(localNow + 7000), 'yesterday', 7000],
		['an epoch already past', String(dotloopNow - 3000), date, 0],
		[
			'an epoch far ahead: capped at the longest single wait',
			String(dotloopNow + 3_600_000),
			date,
			65000,
		],
		['milliseconds beyond the longest single wait: capped', '900000', undefined, 65000],
	])('%s', (_case, reset, dateHeader, delay) => {
		const headers: Record<string, unknown> = { 'x-ratelimit-reset': reset };
		if (dateHeader) headers.date = dateHeader;
		expect(resetDelay(headers, localNow)).toBe(delay);
	});

	it.each([
		['absent', {}],
		['negative', { 'x-ratelimit-reset': '-5' }],
		['not a number', { 'x-ratelimit-reset': 'soon' }],
	])('%s: no reset known (the caller backs off instead)', (_case, headers) => {
		expect(resetDelay(headers, localNow)).toBeUndefined();
	});
});
