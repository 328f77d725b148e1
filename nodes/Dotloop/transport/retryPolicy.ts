/**
 * Bounds for waiting and retrying, fixed for the life of the process. (The unit tests replace this
 * module with a copy whose backoffs are a few milliseconds: test/unit/setup.ts.)
 */
const bounds = {
	/** 429 answers retried before giving up. */
	maxRateLimitRetries: 6,
	/** Transient failures (5xx, network) retried, for idempotent requests only. */
	maxTransientRetries: 3,
	/** First backoff step when Dotloop sends no X-RateLimit-Reset; doubles each attempt. */
	rateLimitBackoffMs: 2000,
	/** First backoff step for 5xx and network errors; doubles each attempt. */
	transientBackoffMs: 500,
	/** No single wait is longer than this (a window is one minute). */
	maxSingleWaitMs: 65_000,
	/** Total time one request may spend waiting before it fails. */
	maxTotalWaitMs: 300_000,
	/** Redirects followed for merged loops (a loop merged twice answers two 301s). */
	maxRedirects: 3,
	/**
	 * Another round of n8n's refresh-and-retry after a 401 that survived one. Dotloop voids the old
	 * token on every refresh, so executions refreshing at once (n8n 1.x does not coordinate them)
	 * can void each other's new token; the next round reads the token stored last.
	 */
	maxAuthRetries: 1,
	/** Up to this much random wait before that round, so racing executions fall out of step. */
	authRetryJitterMs: 500,
};

export const retryPolicy: Readonly<typeof bounds> = Object.freeze(bounds);
