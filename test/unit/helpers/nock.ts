import nock from 'nock';

import { API, useNewCredential } from './n8n/action';

/**
 * Every test starts with no HTTP allowed but what it declares, tiny backoffs, and a new credential:
 * no rate-limit window, no token Dotloop accepted a moment ago.
 */
export function setupNock() {
	beforeAll(() => nock.disableNetConnect());
	beforeEach(() => {
		useNewCredential();
	});
	afterEach(() => {
		const pending = nock.pendingMocks();
		nock.cleanAll();
		expect(pending).toEqual([]);
	});
	// Each test file gets its own nock, but all of them patch the one http module of the worker:
	// unpatch at the end so the next file in this worker starts clean.
	afterAll(() => {
		nock.enableNetConnect();
		nock.restore();
	});
}

/** A nock scope on the API base that also checks the Bearer token. */
export function api(token = 'access-1') {
	return nock(new URL(API).origin, { reqheaders: { authorization: `Bearer ${token}` } });
}

export const BASE_PATH = new URL(API).pathname;
