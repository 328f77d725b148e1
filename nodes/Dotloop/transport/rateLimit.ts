import { sleep } from 'n8n-workflow';

import { headerNumber, headerText } from './headers';
import { retryPolicy } from './retryPolicy';

/**
 * Dotloop allows 100 requests per minute per user and client, and says in every response how many are
 * left (X-RateLimit-Remaining) and when the window resets (X-RateLimit-Reset, see resetDelay).
 * A request is sent only while the window has requests left after those already on their way; when
 * nothing is left, it waits for the reset instead of spending itself on a 429. State is per credential
 * and shared by every execution in this process, because the limit is too.
 */
interface Window {
	/** Requests a window allows: X-RateLimit-Limit once seen, the documented 100 before. */
	limit: number;
	/** Epoch ms at which the window Dotloop last reported resets; unknown before its first answer. */
	resetAt?: number;
	/** Requests left in the window: the lowest count Dotloop reported for it, the limit in a new one. */
	remaining: number;
	/** Requests sent and not answered yet: they spend the window's requests before their answers say so. */
	inFlight: number;
	/** When resetAt was last set: answers to requests sent before may come from an older window. */
	since: number;
	/** The longest X-RateLimit-Reset seen: about a window's length. */
	longestResetMs: number;
}

/**
 * Answers of one window imply reset times (arrival + X-RateLimit-Reset) that differ only by their
 * transit time and event-loop delay: within half a window, and at least this much, they are one window.
 */
const SAME_WINDOW_MIN_MS = 250;
/** Documented: 100 requests per minute. */
const DOCUMENTED_LIMIT = 100;
/** How often a request that found the window spent re-checks while the window's reset is not known yet. */
const RECHECK_MS = 50;

const windows = new Map<string, Window>();

function windowOf(key: string): Window {
	let window = windows.get(key);
	if (!window) {
		window = {
			limit: DOCUMENTED_LIMIT,
			remaining: DOCUMENTED_LIMIT,
			inFlight: 0,
			since: 0,
			longestResetMs: 0,
		};
		windows.set(key, window);
	}
	return window;
}

/** From here on X-RateLimit-Reset is an epoch in milliseconds (now is about 1.8e12). */
const EPOCH_MS_FROM = 1e12;
/** From here on (September 2001 in seconds) it is an epoch in seconds. */
const EPOCH_SECONDS_FROM = 1e9;

/** When Dotloop answered: its Date header (Dotloop's clock, so a skewed local clock does not matter), else now. */
function answeredAt(headers: Record<string, unknown> | undefined, now: number): number {
	const date = headerText(headers, 'date');
	const at = date === undefined ? NaN : Date.parse(date);
	return Number.isFinite(at) ? at : now;
}

/**
 * Milliseconds until the window resets, capped for safety. Dotloop's X-RateLimit-Reset was seen as
 * milliseconds until the reset (e.g. 32000); clients also read it as an epoch in milliseconds or in
 * seconds, so it is read by its magnitude: from 1e12 epoch ms, from 1e9 epoch seconds (both against
 * the answer's Date header, else the local clock; a reset already past is 0), below 1e9 milliseconds
 * until the reset. Seconds until the reset are not told apart from milliseconds: "60" is read as 60 ms,
 * and a retry that comes too early meets another 429, whose own reset is read again, a bounded number
 * of times (retryPolicy.maxRateLimitRetries).
 */
export function resetDelay(
	headers: Record<string, unknown> | undefined,
	now = Date.now(),
): number | undefined {
	const reset = headerNumber(headers, 'x-ratelimit-reset');
	if (reset === undefined || reset < 0) return undefined;
	const delay =
		reset < EPOCH_SECONDS_FROM
			? reset
			: (reset < EPOCH_MS_FROM ? reset * 1000 : reset) - answeredAt(headers, now);
	return Math.min(Math.max(0, Math.ceil(delay)), retryPolicy.maxSingleWaitMs);
}

/**
 * Resolves once the credential may send one more request, and counts it as on its way until
 * releaseRateLimitSlot; returns how long it waited. Parallel requests share the window's count, so a
 * window with 3 requests left lets 3 of 10 parallel requests go and holds the others until the reset.
 */
export async function takeRateLimitSlot(key: string): Promise<number> {
	const window = windowOf(key);
	let waited = 0;
	for (;;) {
		const now = Date.now();
		if (window.resetAt !== undefined && now >= window.resetAt) {
			window.resetAt = undefined;
			window.remaining = window.limit;
		}
		if (window.remaining - window.inFlight > 0) {
			window.inFlight++;
			return waited;
		}
		// Spent: wait for the reset, or (a new window whose first answers are still on their way) for them.
		const wait = window.resetAt !== undefined ? window.resetAt - now : RECHECK_MS;
		await sleep(wait);
		waited += wait;
	}
}

/**
 * The request taken with takeRateLimitSlot at `sentAt` was answered (headers) or failed without an
 * answer (undefined).
 */
export function releaseRateLimitSlot(
	key: string,
	headers: Record<string, unknown> | undefined,
	sentAt: number,
) {
	const window = windowOf(key);
	window.inFlight = Math.max(0, window.inFlight - 1);
	const limit = headerNumber(headers, 'x-ratelimit-limit');
	if (limit !== undefined && limit > 0) window.limit = limit;
	const remaining = headerNumber(headers, 'x-ratelimit-remaining');
	const delay = resetDelay(headers);
	if (remaining === undefined || delay === undefined) return;
	const now = Date.now();
	const resetAt = now + delay;
	window.longestResetMs = Math.max(window.longestResetMs, delay);
	const sameWindow = Math.max(SAME_WINDOW_MIN_MS, window.longestResetMs / 2);
	const known = window.resetAt;
	if (known !== undefined && Math.abs(resetAt - known) <= sameWindow) {
		// An answer of the same window that arrives late reports more than is left now: keep the lowest.
		window.remaining = Math.min(window.remaining, remaining);
		return;
	}
	// A later window; or an earlier reset than assumed, told by a request sent after the assumption
	// (an answer to a request sent before it may be from a past window, and is not believed).
	if (known === undefined || resetAt > known || sentAt >= window.since) {
		window.resetAt = resetAt;
		window.remaining = remaining;
		window.since = now;
	}
}

/** A 429: nothing is left until the reset, whatever the answers still on their way say. */
export function blockUntilReset(key: string, delay: number) {
	const window = windowOf(key);
	window.since = Date.now();
	window.resetAt = window.since + delay;
	window.remaining = 0;
}
