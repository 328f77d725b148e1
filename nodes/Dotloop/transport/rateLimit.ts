import { sleep } from 'n8n-workflow';

import { headerNumber } from './headers';
import { retryPolicy } from './retryPolicy';

/**
 * Dotloop allows 100 requests per minute per user and client, and says in every response how many are
 * left (X-RateLimit-Remaining) and in how many milliseconds the window resets (X-RateLimit-Reset).
 * When nothing is left, the next request waits for the reset instead of spending itself on a 429.
 * State is per credential and shared by every execution in this process, because the limit is too.
 */
const resumeAtByCredential = new Map<string, number>();

/** Milliseconds until the window resets, as Dotloop reports it (not an epoch), capped for safety. */
export function resetDelay(headers: Record<string, unknown> | undefined): number | undefined {
	const reset = headerNumber(headers, 'x-ratelimit-reset');
	if (reset === undefined || reset < 0) return undefined;
	return Math.min(reset, retryPolicy.maxSingleWaitMs);
}

export function observeRateLimit(key: string, headers: Record<string, unknown> | undefined) {
	const remaining = headerNumber(headers, 'x-ratelimit-remaining');
	if (remaining === undefined) return;
	const delay = resetDelay(headers);
	if (remaining <= 0 && delay !== undefined) {
		resumeAtByCredential.set(key, Date.now() + delay);
	} else {
		resumeAtByCredential.delete(key);
	}
}

export function blockUntilReset(key: string, delay: number) {
	resumeAtByCredential.set(key, Date.now() + delay);
}

/**
 * Resolves once the credential may send again; returns how long it waited. The window stays until it
 * has passed, so every request sent meanwhile (parallel ones too) waits for it, not only the first.
 */
export async function awaitRateLimitWindow(key: string): Promise<number> {
	const resumeAt = resumeAtByCredential.get(key);
	if (resumeAt === undefined) return 0;
	const wait = resumeAt - Date.now();
	if (wait <= 0) {
		resumeAtByCredential.delete(key);
		return 0;
	}
	await sleep(wait);
	return wait;
}
