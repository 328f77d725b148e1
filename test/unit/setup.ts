/**
 * Every unit test runs with retry backoffs of 5 ms instead of seconds. The node's retry policy is a
 * frozen constant (n8n builds the node itself, so nothing can be handed to it); the tests replace its
 * module with a copy. A test that needs another bound sets it with jest.replaceProperty and restores
 * it after the test.
 */
jest.mock('../../nodes/Dotloop/transport/retryPolicy', () => {
	const { retryPolicy } = jest.requireActual('../../nodes/Dotloop/transport/retryPolicy');
	return { retryPolicy: { ...retryPolicy, rateLimitBackoffMs: 5, transientBackoffMs: 5 } };
});
