/**
 * Bounds for waiting and retrying. Mutable so tests can shrink the delays; nothing else changes it.
 */
export const retryPolicy = {
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
};
