import { createHmac } from 'crypto';

import { parseDotloopDelivery, toTriggerItem } from '../../../nodes/Dotloop/rules/deliveries';
import {
	timestampToMs,
	verifyDotloopSignature,
	type VerificationInput,
} from '../../../nodes/Dotloop/webhookTrigger/signature';

/** Independent of the code under test: hex HMAC-SHA1 over "<timestamp>.<raw body>". */
const sign = (key: string, timestamp: string, body: string) =>
	createHmac('sha1', Buffer.from(key, 'utf8')).update(`${timestamp}.${body}`).digest('hex');

const KEY = 'super_secret_key';
const BODY =
	'{"eventId":"3bc982f6-7029-40ae-81aa-62f93a5ea1a8","eventType":"LOOP_CREATED","event":{"id":"154684513548"}}';
const TS_MS = '1691763097001';
const NOW = 1691763097001 + 2_000;
const FIVE_MINUTES = 5 * 60_000;

const input = (overrides: Partial<VerificationInput> = {}): VerificationInput => ({
	rawBody: Buffer.from(BODY),
	timestamp: TS_MS,
	signature: sign(KEY, TS_MS, BODY),
	signingKey: KEY,
	now: NOW,
	maxAgeMs: FIVE_MINUTES,
	...overrides,
});

describe('verifyDotloopSignature', () => {
	it('accepts the documentation example (millisecond timestamp)', () => {
		expect(verifyDotloopSignature(input())).toEqual({ ok: true, timestampMs: 1691763097001 });
	});

	it('accepts a timestamp in seconds, signed as sent', () => {
		const seconds = '1691763097';
		expect(
			verifyDotloopSignature(input({ timestamp: seconds, signature: sign(KEY, seconds, BODY) })),
		).toEqual({ ok: true, timestampMs: 1691763097000 });
	});

	it('accepts an upper-case hex signature', () => {
		expect(
			verifyDotloopSignature(input({ signature: sign(KEY, TS_MS, BODY).toUpperCase() })).ok,
		).toBe(true);
	});

	it('verifies multi-byte bodies from the raw bytes', () => {
		const body = '{"eventType":"CONTACT_UPDATED","event":{"id":"1"},"note":"Zoë – 東京"}';
		expect(
			verifyDotloopSignature(
				input({ rawBody: Buffer.from(body, 'utf8'), signature: sign(KEY, TS_MS, body) }),
			).ok,
		).toBe(true);
	});

	it.each([
		['no-signing-key', { signingKey: undefined }],
		['no-signing-key', { signingKey: '' }],
		['missing-signature', { signature: undefined }],
		['missing-signature', { signature: '' }],
		['malformed-signature', { signature: 'sha1=abc' }],
		['malformed-signature', { signature: sign(KEY, TS_MS, BODY).slice(2) }],
		['malformed-signature', { signature: `${sign(KEY, TS_MS, BODY).slice(0, 39)}g` }],
		['malformed-signature', { signature: `${sign(KEY, TS_MS, BODY)}0` }],
		// Characters that fold onto hex digits when lower-cased by bit are not hex.
		[
			'malformed-signature',
			{
				signature: sign(KEY, TS_MS, BODY).replace(/[0-9]/g, (d) =>
					String.fromCharCode(d.charCodeAt(0) - 0x20),
				),
			},
		],
		[
			'malformed-signature',
			{ signature: `${sign(KEY, TS_MS, BODY).slice(0, 20)} ${sign(KEY, TS_MS, BODY).slice(21)}` },
		],
		['missing-timestamp', { timestamp: undefined }],
		['malformed-timestamp', { timestamp: '2023-08-11T14:11:37Z' }],
		['malformed-timestamp', { timestamp: '-1691763097001' }],
		['malformed-timestamp', { timestamp: '12345678901234567' }],
		['signature-mismatch', { rawBody: Buffer.from(BODY.replace('LOOP_CREATED', 'LOOP_UPDATED')) }],
		['signature-mismatch', { timestamp: '1691763097002' }],
		['signature-mismatch', { signingKey: 'another_key' }],
		['signature-mismatch', { signature: sign(KEY, '', BODY) }],
		['signature-mismatch', { signature: createHmac('sha1', KEY).update(BODY).digest('hex') }],
		['stale-timestamp', { now: 1691763097001 + FIVE_MINUTES + 1 }],
		['future-timestamp', { now: 1691763097001 - FIVE_MINUTES - 1 }],
	] as Array<[string, Partial<VerificationInput>]>)('refuses with %s', (reason, overrides) => {
		expect(verifyDotloopSignature(input(overrides))).toEqual({ ok: false, reason });
	});

	it('accepts the edges of the window', () => {
		expect(verifyDotloopSignature(input({ now: 1691763097001 + FIVE_MINUTES })).ok).toBe(true);
		expect(verifyDotloopSignature(input({ now: 1691763097001 - FIVE_MINUTES })).ok).toBe(true);
	});
});

describe('timestampToMs', () => {
	it.each([
		['1691763097', 1691763097000],
		['1691763097001', 1691763097001],
		[' 1691763097001 ', 1691763097001],
		['', undefined],
		['12a', undefined],
		['1.5', undefined],
		['1691763097001 1', undefined],
		['12345678901234567', undefined],
		['1234567890123456', 1234567890123456],
		[undefined, undefined],
	])('%p → %p', (raw, expected) => {
		expect(timestampToMs(raw)).toBe(expected);
	});
});

describe('parseDotloopDelivery / toTriggerItem', () => {
	it('parses a delivery and makes an item of the documented fields, without the signing key', () => {
		const parsed = parseDotloopDelivery(
			Buffer.from(
				JSON.stringify({
					eventId: 'e-1',
					createdOn: '2022-11-01T00:00:00Z',
					subscriptionId: 's-1',
					subscriptionExternalId: 'x',
					profileId: '5678',
					eventType: 'SUBSCRIPTION_REMOVED',
					event: { targetType: 'USER', targetId: 100, signingKey: KEY },
					unexpected: 'dropped',
				}),
			),
		);
		expect(parsed.ok).toBe(true);
		if (!parsed.ok) return;
		expect(toTriggerItem(parsed.delivery, { header: '1691763097', ms: 1691763097000 })).toEqual({
			eventId: 'e-1',
			eventType: 'SUBSCRIPTION_REMOVED',
			createdOn: '2022-11-01T00:00:00Z',
			subscriptionId: 's-1',
			subscriptionExternalId: 'x',
			profileId: '5678',
			event: { targetType: 'USER', targetId: 100 },
			deliveredAt: '2023-08-11T14:11:37.000Z',
			deliveryTimestamp: 1691763097,
		});
	});

	it.each([
		['malformed-json', '{"eventType":'],
		['malformed-json', ''],
		['not-an-event', '[]'],
		['not-an-event', 'null'],
		['not-an-event', '{"event":{"id":"1"}}'],
		['not-an-event', '{"eventType":42}'],
	])('refuses %s: %p', (reason, body) => {
		expect(parseDotloopDelivery(Buffer.from(body))).toEqual({ ok: false, reason });
	});
});
