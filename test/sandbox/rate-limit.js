'use strict';

// Fixed window per (client, user): `rateLimit` requests per `rateWindowMs`, the window shortened by
// clockScale. X-RateLimit-Reset says when the window resets, in real time, as config.rateLimitReset
// reads it: 'msUntil' (milliseconds until then, as observed), 'epochMs' or 'epochSeconds' (rounded up).
class RateLimiter {
	constructor(config) {
		this.config = config;
		this.windows = new Map();
	}

	clear() {
		this.windows.clear();
	}

	windowMs() {
		return Math.max(1, this.config.rateWindowMs / this.config.clockScale);
	}

	current(key, now) {
		let w = this.windows.get(key);
		if (!w || now >= w.start + w.length) {
			w = { start: now, length: this.windowMs(), count: 0 };
			this.windows.set(key, w);
		}
		return w;
	}

	state(w, now, limited) {
		const limit = this.config.rateLimit;
		return {
			limited,
			limit,
			remaining: Math.max(0, limit - w.count),
			resetMs: Math.max(0, Math.ceil(w.start + w.length - now)),
			resetAt: Math.ceil(w.start + w.length),
		};
	}

	hit(key) {
		const now = Date.now();
		const w = this.current(key, now);
		if (w.count >= this.config.rateLimit) return this.state(w, now, true);
		w.count += 1;
		return this.state(w, now, false);
	}

	// An injected 429 reports the real window but nothing left in it.
	exhausted(key) {
		const now = Date.now();
		const s = this.state(this.current(key, now), now, true);
		return { ...s, remaining: 0 };
	}

	headers(s) {
		const reset = {
			msUntil: s.resetMs,
			epochMs: s.resetAt,
			epochSeconds: Math.ceil(s.resetAt / 1000),
		}[this.config.rateLimitReset];
		return {
			'X-RateLimit-Limit': String(s.limit),
			'X-RateLimit-Remaining': String(s.remaining),
			'X-RateLimit-Reset': String(reset),
		};
	}
}

module.exports = { RateLimiter };
