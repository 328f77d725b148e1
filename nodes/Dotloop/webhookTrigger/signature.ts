import { createHmac } from 'crypto';

/**
 * Dotloop signs each delivery with a hex HMAC-SHA1, keyed by the subscription's signing key, over
 * `<X-DOTLOOP-TIMESTAMP>.<raw body>` (docs: "Verifying Webhook Events"). Pure functions: no n8n context, no clock of
 * their own, so they can be tested with vectors and benchmarked.
 */

/**
 * The header pairs a signature and its timestamp arrive in, in order of preference: the documented
 * one, then the one a public connector reads (X-DOTLOOP-WEBHOOK-…). Names as n8n gives them, lowercase.
 */
export const SIGNATURE_HEADER_PAIRS = [
	{ signature: 'x-dotloop-signature', timestamp: 'x-dotloop-timestamp' },
	{ signature: 'x-dotloop-webhook-signature', timestamp: 'x-dotloop-webhook-timestamp' },
] as const;

/** Epoch values below this are seconds, above it milliseconds (1e12 s is year 33658, 1e12 ms is 2001). */
const SECONDS_BELOW = 1e12;
const MAX_TIMESTAMP_DIGITS = 16;
/** A SHA-1 digest in hex: 40 characters. */
const SHA1_HEX_LENGTH = 40;

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

/** Whether every character is a decimal digit (a character loop: this runs on every delivery). */
function isDigits(text: string): boolean {
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (c < 0x30 || c > 0x39) return false;
	}
	return true;
}

/** Whether `text` is a SHA-1 digest in hex, either case. */
function isSha1Hex(text: string): boolean {
	if (text.length !== SHA1_HEX_LENGTH) return false;
	for (let i = 0; i < SHA1_HEX_LENGTH; i++) {
		const c = text.charCodeAt(i);
		const lower = c | 0x20;
		if (!((c >= 0x30 && c <= 0x39) || (lower >= 0x61 && lower <= 0x66))) return false;
	}
	return true;
}

/**
 * Compares a received hex digest (checked by isSha1Hex, either case) with the lower-case one computed,
 * in constant time: every character is compared, whatever differs first. Comparing the hex strings
 * directly spares decoding the received one and allocating a digest Buffer on every delivery.
 */
function sameDigest(received: string, expected: string): boolean {
	let difference = 0;
	for (let i = 0; i < SHA1_HEX_LENGTH; i++) {
		difference |= (received.charCodeAt(i) | 0x20) ^ expected.charCodeAt(i);
	}
	return difference === 0;
}

/**
 * The timestamp header in epoch milliseconds. The documentation calls it seconds, its example
 * (1691763097001) is milliseconds: both are accepted.
 */
export function timestampToMs(raw: string | undefined): number | undefined {
	const text = (raw ?? '').trim();
	if (text === '' || text.length > MAX_TIMESTAMP_DIGITS || !isDigits(text)) return undefined;
	const value = Number(text);
	return value < SECONDS_BELOW ? value * 1000 : value;
}

/** The signature Dotloop computes, in hex: the timestamp exactly as sent in the header, a dot, the raw body. */
export function dotloopSignature(signingKey: string, timestamp: string, rawBody: Buffer): string {
	// A string key (same UTF-8 bytes): on Node 24 a Buffer key makes every HMAC several times slower.
	return createHmac('sha1', signingKey)
		.update(`${timestamp}.`, 'utf8')
		.update(rawBody)
		.digest('hex');
}

/** Checks the signature (in constant time) and that the timestamp lies within the allowed age. */
export function verifyDotloopSignature(input: VerificationInput): VerificationResult {
	if (!input.signingKey) return { ok: false, reason: 'no-signing-key' };
	const signature = (input.signature ?? '').trim();
	if (signature === '') return { ok: false, reason: 'missing-signature' };
	if (!isSha1Hex(signature)) return { ok: false, reason: 'malformed-signature' };
	const timestamp = (input.timestamp ?? '').trim();
	if (timestamp === '') return { ok: false, reason: 'missing-timestamp' };
	const timestampMs = timestampToMs(timestamp);
	if (timestampMs === undefined) return { ok: false, reason: 'malformed-timestamp' };

	if (!sameDigest(signature, dotloopSignature(input.signingKey, timestamp, input.rawBody))) {
		return { ok: false, reason: 'signature-mismatch' };
	}
	// Judged after the signature, so a forger learns nothing about the clock from the reason.
	if (input.now - timestampMs > input.maxAgeMs) return { ok: false, reason: 'stale-timestamp' };
	if (timestampMs - input.now > (input.maxSkewMs ?? input.maxAgeMs)) {
		return { ok: false, reason: 'future-timestamp' };
	}
	return { ok: true, timestampMs };
}
