'use strict';
/**
 * Client for the Dotloop sandbox's admin endpoints (/_sandbox/*, see test/sandbox/README.md), plus starting
 * the sandbox in-process (it is plain JS and runs in the test runner's Node).
 */
const { request } = require('./http');
const { waitFor } = require('./util');

class SandboxAdmin {
	constructor(url) {
		this.url = url.replace(/\/+$/, '');
	}

	async call(method, path, json) {
		const res = await request(`${this.url}/_sandbox${path}`, {
			method,
			json,
			expect: [200, 201, 204],
		});
		return res.body;
	}

	/** Request log entries after sequence number `since`, optionally filtered: { method, path (string|RegExp) }. */
	async requests({ since = 0, method, path } = {}) {
		const body = await this.call('GET', `/requests?since=${since}`);
		return body.data.filter(
			(e) =>
				(!method || e.method === method) &&
				(!path || (path instanceof RegExp ? path.test(e.path) : e.path === path)),
		);
	}

	/** The log's current sequence number: take it before an action, then requests({ since }). */
	async lastSeq() {
		return (await this.call('GET', '/requests?since=999999999999')).lastSeq;
	}

	async clearRequests() {
		return await this.call('DELETE', '/requests');
	}

	async state() {
		return await this.call('GET', '/state');
	}

	async config(patch) {
		return (await this.call(patch ? 'PATCH' : 'GET', '/config', patch)).data;
	}

	async addFault(fault) {
		return (await this.call('POST', '/faults', fault)).data;
	}

	async faults() {
		return (await this.call('GET', '/faults')).data;
	}

	async clearFaults() {
		return await this.call('DELETE', '/faults');
	}

	/** Mint a token without the consent flow ({ ttlSeconds }). */
	async issueToken(opts = {}) {
		return await this.call('POST', '/tokens', opts);
	}

	/** Expire every access token now (the next API call gets 401 and n8n must refresh). */
	async expireTokens() {
		return await this.call('POST', '/tokens/expire', {});
	}

	async mergeLoop(loopId, intoLoopId = null) {
		return await this.call('POST', `/loops/${loopId}/merge`, { intoLoopId });
	}

	async simulate(event) {
		return (await this.call('POST', '/simulate', event)).data;
	}

	async seedLoops(profileId, count) {
		return await this.call('POST', '/seed/loops', { profileId, count });
	}

	/** Back to the seed data; tokens survive unless { tokens: true }. */
	async reset({ tokens = false } = {}) {
		return await this.call('POST', '/reset', { tokens });
	}

	async deliveries({ since = 0, subscriptionId, eventId } = {}) {
		const qs = new URLSearchParams({ since: String(since) });
		if (subscriptionId) qs.set('subscriptionId', subscriptionId);
		if (eventId) qs.set('eventId', eventId);
		return (await this.call('GET', `/deliveries?${qs}`)).data;
	}

	/** Wait until the request log has an entry matching filter (+ optional predicate); returns the entries. */
	async waitForRequest(filter, { predicate = () => true, timeoutMs = 30_000 } = {}) {
		return await waitFor(
			async () => {
				const list = (await this.requests(filter)).filter(predicate);
				return list.length ? list : null;
			},
			{ timeoutMs, message: `sandbox request ${JSON.stringify(filter)}` },
		);
	}
}

/**
 * startSandbox(options) from test/sandbox, plus `admin` (a SandboxAdmin). options as test/sandbox documents:
 * { port: 0, autoApprove, webhookOrigin, tokenTtlSeconds, rateLimit, rateWindowMs, clockScale, quiet, ... }.
 */
async function startSandbox(options = {}) {
	// Required lazily: harness users that need no sandbox do not load it.
	const { startSandbox: start } = require('../../sandbox');
	const sandbox = await start({ port: 0, quiet: true, ...options });
	sandbox.admin = new SandboxAdmin(sandbox.url);
	return sandbox;
}

module.exports = { SandboxAdmin, startSandbox };
