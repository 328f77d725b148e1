import { createHmac, timingSafeEqual } from 'crypto';

/**
 * Dotloop signs each delivery with a hex HMAC-SHA1, keyed by the subscription's signing key, over
 * `<X-DOTLOOP-TIMESTAMP>.<raw body>` (docs: "Verifying Webhook Events"). Pure functions: no n8n context, no clock of
 * their own, so they can be tested with vectors and benchmarked.
 */

/** Epoch values below this are seconds, above it milliseconds (1e12 s is year 33658, 1e12 ms is 2001). */
const SECONDS_BELOW = 1e12;
const TIMESTAMP = /^[0-9]{1,16}$/;
/** A SHA-1 digest: 20 bytes, 40 hex characters. */
const SHA1_BYTES = 20;

export type VerificationFailure =
	| 'no-signing-key'
	| 'missing-signature'
	| 'malformed-signature'
	| 'missing-timestamp'
	| 'malformed-timestamp'
	| 'stale-timestamp'
	| 'future-timestamp'
	| 'signature-mismatch';

export type VerificationResult =
	| { ok: true; timestampMs: number }
	| { ok: false; reason: VerificationFailure };

export interface VerificationInput {
	/** The request body exactly as received. */
	rawBody: Buffer;
	/** The X-DOTLOOP-TIMESTAMP header as sent. */
	timestamp: string | undefined;
	/** The X-DOTLOOP-SIGNATURE header as sent. */
	signature: string | undefined;
	signingKey: string | undefined;
	/** Current time in epoch milliseconds. */
	now: number;
	/** How far the timestamp may lie in the past. */
	maxAgeMs: number;
	/** How far the timestamp may lie in the future (clock skew); `maxAgeMs` when not given. */
	maxSkewMs?: number;
}

/**
 * The timestamp header in epoch milliseconds. The documentation calls it seconds, its example
 * (1691763097001) is milliseconds: both are accepted.
 */
export function timestampToMs(raw: string | undefined): number | undefined {
	const text = (raw ?? '').trim();
	if (!TIMESTAMP.test(text)) return undefined;
	const value = Number(text);
	return value < SECONDS_BELOW ? value * 1000 : value;
}

/** The signature Dotloop computes: the timestamp exactly as sent in the header, a dot, the raw body. */
export function dotloopSignature(signingKey: string, timestamp: string, rawBody: Buffer): Buffer {
	// A string key (same UTF-8 bytes): on Node 24 a Buffer key makes every HMAC several times slower.
	return createHmac('sha1', signingKey).update(`${timestamp}.`, 'utf8').update(rawBody).digest();
}

/** Checks the signature (in constant time) and that the timestamp lies within the allowed age. */
export function verifyDotloopSignature(input: VerificationInput): VerificationResult {
	if (!input.signingKey) return { ok: false, reason: 'no-signing-key' };
	const signature = (input.signature ?? '').trim();
	if (signature === '') return { ok: false, reason: 'missing-signature' };
	// Hex decoding stops at the first character that is not hex: 20 bytes from 40 characters means
	// all 40 were hex (either case), without a regular expression per delivery.
	const received = Buffer.from(signature, 'hex');
	if (signature.length !== SHA1_BYTES * 2 || received.length !== SHA1_BYTES) {
		return { ok: false, reason: 'malformed-signature' };
	}
	const timestamp = (input.timestamp ?? '').trim();
	if (timestamp === '') return { ok: false, reason: 'missing-timestamp' };
	const timestampMs = timestampToMs(timestamp);
	if (timestampMs === undefined) return { ok: false, reason: 'malformed-timestamp' };

	if (!timingSafeEqual(received, dotloopSignature(input.signingKey, timestamp, input.rawBody))) {
		return { ok: false, reason: 'signature-mismatch' };
	}
	// Judged after the signature, so a forger learns nothing about the clock from the reason.
	if (input.now - timestampMs > input.maxAgeMs) return { ok: false, reason: 'stale-timestamp' };
	if (timestampMs - input.now > (input.maxSkewMs ?? input.maxAgeMs)) {
		return { ok: false, reason: 'future-timestamp' };
	}
	return { ok: true, timestampMs };
}
