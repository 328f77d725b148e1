'use strict';

const crypto = require('crypto');
const { GRANTED_SCOPE } = require('./constants');

const CODE_TTL_MS = 10 * 60e3;

class OAuthError extends Error {
	constructor(status, error, description) {
		super(description);
		this.status = status;
		this.error = error;
		this.description = description;
	}
	body() {
		return { error: this.error, error_description: this.description };
	}
}

const invalidGrant = (d) => new OAuthError(400, 'invalid_grant', d);

// One grant per authorization: its refresh token never changes, its access token is replaced on
// every refresh and the previous one stops working at once (docs: "Refreshing Access Token after expiration").
class TokenStore {
	constructor(config) {
		this.config = config;
		this.grants = new Map();
		this.access = new Map();
		this.codes = new Map();
		this.counters = { refreshCount: 0, tokenIssueCount: 0 };
	}

	resetCounters() {
		this.counters.refreshCount = 0;
		this.counters.tokenIssueCount = 0;
	}

	clear() {
		this.grants.clear();
		this.access.clear();
		this.codes.clear();
		this.resetCounters();
	}

	issueCode(clientId, redirectUri, userId) {
		const code = crypto.randomBytes(12).toString('base64url');
		this.codes.set(code, {
			clientId,
			redirectUri,
			userId,
			expiresAt: Date.now() + CODE_TTL_MS,
			used: false,
		});
		return code;
	}

	exchangeCode(clientId, code, redirectUri) {
		const entry = this.codes.get(code);
		if (!entry) throw invalidGrant(`Invalid authorization code: ${code}`);
		if (entry.used) throw invalidGrant('Authorization code has already been used');
		entry.used = true;
		if (entry.expiresAt < Date.now()) throw invalidGrant('Authorization code expired');
		if (entry.clientId !== clientId)
			throw invalidGrant('Authorization code was issued to another client');
		if (entry.redirectUri !== redirectUri) throw invalidGrant('Redirect URI mismatch.');
		return this.newGrant(clientId, entry.userId);
	}

	newGrant(clientId, userId, ttlSeconds) {
		const grant = {
			clientId,
			userId,
			refreshToken: crypto.randomUUID(),
			accessToken: null,
			accessExpiresAt: 0,
			ttlSeconds: 0,
			scope: this.config.scope || GRANTED_SCOPE,
			createdAt: Date.now(),
		};
		this.grants.set(grant.refreshToken, grant);
		this.rotateAccess(grant, ttlSeconds);
		return grant;
	}

	rotateAccess(grant, ttlSeconds = this.config.tokenTtlSeconds) {
		if (grant.accessToken) this.access.delete(grant.accessToken);
		grant.accessToken = crypto.randomUUID();
		grant.ttlSeconds = ttlSeconds;
		grant.accessExpiresAt = Date.now() + ttlSeconds * 1000;
		this.access.set(grant.accessToken, grant);
		this.counters.tokenIssueCount += 1;
	}

	refresh(clientId, refreshToken) {
		const grant = this.grants.get(refreshToken);
		if (!grant) throw invalidGrant(`Invalid refresh token: ${refreshToken}`);
		if (grant.clientId !== clientId)
			throw invalidGrant('Refresh token was issued to another client');
		this.rotateAccess(grant);
		this.counters.refreshCount += 1;
		return grant;
	}

	// Accepts the access or the refresh token; both stop working.
	revoke(token) {
		const grant = this.access.get(token) || this.grants.get(token);
		if (!grant) return false;
		this.access.delete(grant.accessToken);
		this.grants.delete(grant.refreshToken);
		return true;
	}

	authenticate(token) {
		const grant = token ? this.access.get(token) : undefined;
		if (!grant) return { error: 'Invalid access token' };
		if (grant.accessExpiresAt <= Date.now()) return { error: 'Access token expired' };
		return { grant };
	}

	expireAll() {
		const now = Date.now();
		let count = 0;
		for (const grant of this.grants.values()) {
			if (grant.accessExpiresAt > now) count += 1;
			grant.accessExpiresAt = now - 1;
		}
		return count;
	}

	response(grant) {
		return {
			access_token: grant.accessToken,
			token_type: 'Bearer',
			refresh_token: grant.refreshToken,
			expires_in: Math.max(0, Math.round((grant.accessExpiresAt - Date.now()) / 1000)),
			scope: grant.scope,
		};
	}

	stats() {
		const now = Date.now();
		let activeAccessTokens = 0;
		for (const grant of this.grants.values())
			if (grant.accessExpiresAt > now) activeAccessTokens += 1;
		return {
			grants: this.grants.size,
			activeAccessTokens,
			expiredAccessTokens: this.grants.size - activeAccessTokens,
			pendingCodes: [...this.codes.values()].filter((c) => !c.used && c.expiresAt > now).length,
			...this.counters,
		};
	}
}

module.exports = { TokenStore, OAuthError };
