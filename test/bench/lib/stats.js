'use strict';

function percentile(values, p) {
	if (!values.length) return undefined;
	const sorted = [...values].sort((a, b) => a - b);
	const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
	return sorted[rank];
}

function median(values) {
	return percentile(values, 50);
}

/**
 * Dotloop / HTTP Request, with what the direction means: for `lower` metrics (time, requests, memory,
 * latency) a ratio <= 1 is at or ahead, for `higher` ones (throughput, refusals) >= 1 is.
 * Equal values (0/0 included) give 1. A zero baseline with a non-zero Dotloop value gives Infinity.
 */
function ratio(dotloop, http) {
	if (dotloop === undefined || http === undefined || dotloop === null || http === null)
		return undefined;
	if (dotloop === http) return 1;
	if (http === 0) return Infinity;
	return dotloop / http;
}

/**
 * 'ahead' | 'at' | 'behind' for a ratio, with a tolerance for measurement noise: ±10% by default (run
 * to run, times and V8's heap growth vary that much on this machine), exact for counts.
 */
function verdict(r, better, tolerance = 0.1) {
	if (r === undefined || Number.isNaN(r)) return 'n/a';
	if (r === 1) return 'at';
	if (better === 'lower') {
		if (r <= 1 - tolerance) return 'ahead';
		if (r <= 1 + tolerance) return 'at';
		return 'behind';
	}
	if (r >= 1 + tolerance) return 'ahead';
	if (r >= 1 - tolerance) return 'at';
	return 'behind';
}

module.exports = { percentile, median, ratio, verdict };
