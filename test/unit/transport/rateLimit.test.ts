import { sleep } from 'n8n-workflow';

import {
	blockUntilReset,
	releaseRateLimitSlot,
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
