'use strict';

const http = require('http');
const https = require('https');
const crypto = require('crypto');
const { RETRY_SCHEDULE_MS } = require('./constants');

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);
const MAX_RESPONSE_BODY = 4096;
const ACTIVE = new Set(['PENDING', 'PENDING_RETRY', 'SCHEDULED']);

function sign(signingKey, timestamp, body) {
	return crypto
		.createHmac('sha1', Buffer.from(signingKey, 'utf8'))
		.update(`${timestamp}.${body}`)
		.digest('hex');
}

// With webhookOrigin set, https://any.host/path?q is delivered to <webhookOrigin>/path?q.
function deliveryTarget(url, webhookOrigin) {
	const u = new URL(url);
	if (!webhookOrigin) return u;
	const origin = new URL(webhookOrigin);
	const prefix = origin.pathname.replace(/\/$/, '');
	return new URL(`${origin.protocol}//${origin.host}${prefix}${u.pathname}${u.search}`);
}

// Delivery queue: immediate first attempt, retries at 30s, 1m, 15m, 30m, 1h, 2h, 4h, 8h (divided by
// clockScale), then FAILED. Every attempt is recorded on the event and in the deliveries log.
class Webhooks {
	constructor(app) {
		this.app = app;
		this.timers = new Map();
		this.inflight = new Set();
		this.log = [];
		this.seq = 0;
		this.stopped = false;
	}

	enqueue(record) {
		this.schedule(record, 0);
	}

	schedule(record, delayMs) {
		record.deliveryStatus = 'SCHEDULED';
		record.nextAttemptAt = Date.now() + delayMs;
		const timer = setTimeout(() => {
			this.timers.delete(record.id);
			this.attempt(record).catch((err) => this.app.warn(`webhook delivery crashed: ${err.stack}`));
		}, delayMs);
		timer.unref();
		this.timers.set(record.id, timer);
	}

	cancel(record, status) {
		const timer = this.timers.get(record.id);
		if (timer) clearTimeout(timer);
		this.timers.delete(record.id);
		if (ACTIVE.has(record.deliveryStatus)) record.deliveryStatus = status;
		delete record.nextAttemptAt;
	}

	async attempt(record) {
		if (this.stopped || !ACTIVE.has(record.deliveryStatus)) return;
		const sub = this.app.store.subscriptions.get(record.subscriptionId);
		if (!record.goodbye && (!sub || !sub.enabled)) {
			this.cancel(record, 'DISABLED');
			return;
		}
		const target = record.goodbye ? record.target : { url: sub.url, signingKey: sub.signingKey };
		delete record.nextAttemptAt;
		record.deliveryAttempts += 1;
		const result = await this.post(target, record.body, record);
		if (this.stopped || !this.app.store.events.has(record.id)) return;
		record.responseData.push({
			responseCode: result.responseCode,
			responseHeaders: result.responseHeaders,
			responseBody: result.responseBody,
			url: target.url,
			requestSentAt: new Date(result.sentAt).toISOString(),
			durationMs: result.durationMs,
		});
		const ok = result.responseCode >= 200 && result.responseCode < 300;
		if (ok) {
			record.deliveryStatus = 'SUCCESS';
			if (sub && !record.goodbye) sub.consecutiveFailures = 0;
		} else {
			this.afterFailure(record, sub);
		}
		this.recordAttempt(record, target, result, ok);
	}

	afterFailure(record, sub) {
		if (record.deliveryStatus !== 'DISABLED') {
			if (record.deliveryAttempts > RETRY_SCHEDULE_MS.length) {
				record.deliveryStatus = 'FAILED';
			} else {
				record.deliveryStatus = 'PENDING_RETRY';
				const delay = RETRY_SCHEDULE_MS[record.deliveryAttempts - 1] / this.app.config.clockScale;
				this.schedule(record, delay);
			}
		}
		if (sub && !record.goodbye) {
			sub.consecutiveFailures = (sub.consecutiveFailures || 0) + 1;
			if (sub.enabled && sub.consecutiveFailures >= this.app.config.maxConsecutiveFailures) {
				this.app.subscriptions.disable(sub, 'too many consecutive delivery failures');
			}
		}
	}

	recordAttempt(record, target, result, ok) {
		this.seq += 1;
		this.log.push({
			seq: this.seq,
			subscriptionId: record.subscriptionId,
			eventId: record.id,
			eventType: record.eventType,
			attempt: record.deliveryAttempts,
			url: target.url,
			targetUrl: result.targetUrl,
			timestamp: result.timestamp,
			signature: result.signature,
			requestSentAt: new Date(result.sentAt).toISOString(),
			respondedAt: new Date(result.sentAt + result.durationMs).toISOString(),
			durationMs: result.durationMs,
			responseCode: result.responseCode,
			status: ok ? 'SUCCESS' : 'FAILURE',
			eventStatus: record.deliveryStatus,
			error: result.error,
		});
		if (this.log.length > 21000) this.log.splice(0, this.log.length - 20000);
	}

	// The documentation calls X-DOTLOOP-TIMESTAMP seconds while its example is milliseconds, and does
	// not say whether a retry is signed anew: both are switchable (webhookTimestampUnit,
	// webhookRetryTimestamp). "original" re-sends a retry with its first attempt's timestamp and
	// signature, byte for byte.
	timestampFor(record) {
		const { webhookRetryTimestamp, webhookTimestampUnit } = this.app.config;
		if (webhookRetryTimestamp === 'original' && record && record.firstTimestamp)
			return record.firstTimestamp;
		const now = Date.now();
		const timestamp = String(webhookTimestampUnit === 's' ? Math.floor(now / 1000) : now);
		if (record && !record.firstTimestamp) record.firstTimestamp = timestamp;
		return timestamp;
	}

	post(target, body, record) {
		const timestamp = this.timestampFor(record);
		// "Verifying Webhook Events" names X-DOTLOOP-SIGNATURE / X-DOTLOOP-TIMESTAMP; one public connector
		// reads X-DOTLOOP-WEBHOOK-SIGNATURE / -TIMESTAMP (signatureHeaders: 'documented' | 'webhookPrefixed').
		const prefix =
			this.app.config.signatureHeaders === 'webhookPrefixed' ? 'X-DOTLOOP-WEBHOOK-' : 'X-DOTLOOP-';
		const headers = {
			'Content-Type': 'application/json',
			'Content-Length': Buffer.byteLength(body),
			'User-Agent': 'dotloop-webhooks (sandbox)',
			[`${prefix}TIMESTAMP`]: timestamp,
		};
		const signature = target.signingKey ? sign(target.signingKey, timestamp, body) : undefined;
		if (signature) headers[`${prefix}SIGNATURE`] = signature;
		const sentAt = Date.now();
		const base = { timestamp, signature, sentAt, responseHeaders: {}, responseBody: '' };
		let url;
		try {
			url = deliveryTarget(target.url, this.app.config.webhookOrigin);
		} catch (err) {
			return Promise.resolve({
				...base,
				responseCode: 0,
				responseBody: `Invalid URL: ${err.message}`,
				error: 'invalid_url',
				durationMs: 0,
			});
		}
		base.targetUrl = url.toString();
		if (!LOCAL_HOSTS.has(url.hostname)) {
			return Promise.resolve({
				...base,
				responseCode: 0,
				responseBody: `The sandbox only delivers to 127.0.0.1; set webhookOrigin to reach ${url.host}.`,
				error: 'non_local_host',
				durationMs: 0,
			});
		}
		const timeoutMs = this.app.config.webhookTimeoutMs;
		return new Promise((resolve) => {
			const mod = url.protocol === 'https:' ? https : http;
			let settled = false;
			const done = (result) => {
				if (settled) return;
				settled = true;
				clearTimeout(timer);
				this.inflight.delete(req);
				resolve({ ...base, durationMs: Date.now() - sentAt, ...result });
			};
			const req = mod.request(
				url,
				{ method: 'POST', headers, agent: false, rejectUnauthorized: false },
				(res) => {
					const chunks = [];
					let size = 0;
					res.on('data', (c) => {
						if (size < MAX_RESPONSE_BODY) chunks.push(c);
						size += c.length;
					});
					res.on('end', () =>
						done({
							responseCode: res.statusCode,
							responseHeaders: { ...res.headers },
							responseBody: Buffer.concat(chunks).toString('utf8').slice(0, MAX_RESPONSE_BODY),
						}),
					);
					res.on('error', (err) =>
						done({ responseCode: 0, responseBody: err.message, error: 'response_error' }),
					);
				},
			);
			const timer = setTimeout(() => {
				req.destroy();
				done({
					responseCode: 0,
					responseBody: `Timeout duration of ${timeoutMs}ms has been reached.`,
					error: 'timeout',
				});
			}, timeoutMs);
			req.on('error', (err) =>
				done({ responseCode: 0, responseBody: err.message, error: err.code || 'request_error' }),
			);
			this.inflight.add(req);
			req.end(body);
		});
	}

	clear() {
		for (const t of this.timers.values()) clearTimeout(t);
		this.timers.clear();
		for (const req of this.inflight) req.destroy();
		this.inflight.clear();
		this.log = [];
	}

	stop() {
		this.stopped = true;
		this.clear();
	}
}

module.exports = { Webhooks, sign, deliveryTarget };
