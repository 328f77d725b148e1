/**
 * When Dotloop last accepted each credential's token, in this process. A token that worked a moment
 * ago is fresh enough to send a large body with: Dotloop's access tokens last about 12 hours
 * ("expires_in": 43199 in the OAuth2 token answer), and if one expires or is voided just then, the
 * body is still delivered, only sent again.
 */
const acceptedAtByCredential = new Map<string, number>();

const FRESH_TOKEN_MS = 60_000;

export function tokenAccepted(key: string) {
	acceptedAtByCredential.set(key, Date.now());
}

export function tokenRecentlyAccepted(key: string): boolean {
	const at = acceptedAtByCredential.get(key);
	return at !== undefined && Date.now() - at < FRESH_TOKEN_MS;
}
