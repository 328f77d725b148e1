'use strict';
/** The results table (Markdown, so it can go into the README as printed) and the headline ratios. */
const { ratio, verdict } = require('./stats');

const VARIANT_LABELS = { dotloop: 'Dotloop node', http: 'HTTP Request' };

/** Units of the compared metrics, shown after their labels in the headline table. */
const UNITS = {
	wallSeconds: 's',
	rssGrowthMb: 'MB',
	probeRssGrowthMb: 'MB',
	peakRssMb: 'MB',
	latencyP50Ms: 'ms',
	latencyP99Ms: 'ms',
	cpuMsPerDelivery: 'ms',
	addedCpuMsPerItem: 'ms',
};

function fmt(value, digits = 2) {
	if (value === undefined || value === null || Number.isNaN(value)) return '–';
	if (value === Infinity) return '∞';
	if (typeof value !== 'number') return String(value);
	if (Number.isInteger(value) && Math.abs(value) >= 1000) return value.toLocaleString('en-US');
	if (Number.isInteger(value)) return String(value);
	return value.toFixed(digits);
}

function ratioText(r) {
	if (r === undefined) return '–';
	if (r === Infinity) return '∞';
	return r.toFixed(2);
}

/** Ratio Dotloop/HTTP for each compared metric of a scenario: [{label, dotloop, http, ratio, better, verdict}]. */
function headline(scenario) {
	const d = scenario.variants && scenario.variants.dotloop;
	const b = scenario.variants && scenario.variants.http;
	if (!d || !b) return [];
	return scenario.compare.map((c) => {
		const r = ratio(d[c.key], b[c.key]);
		return {
			metric: c.key,
			label: c.label,
			dotloop: d[c.key],
			http: b[c.key],
			ratio: r,
			better: c.better,
			verdict: verdict(r, c.better, c.exact ? 0 : undefined),
		};
	});
}

const COLUMNS = [
	['requests', 'Requests', 0],
	['wallSeconds', 'Wall s', 2],
	['peakRssMb', 'Peak RSS MB', 0],
	['rssGrowthMb', 'RSS growth MB', 0],
	['itemsOut', 'Items out', 0],
	['itemsLost', 'Items lost', 0],
];

/** One Markdown table: a row per scenario variant and a ratio row per scenario. */
function resultsTable(scenarios) {
	const lines = [];
	lines.push(`| Scenario | Variant | ${COLUMNS.map((c) => c[1]).join(' | ')} | Scenario metrics |`);
	lines.push(`| --- | --- | ${COLUMNS.map(() => '---:').join(' | ')} | --- |`);
	for (const s of scenarios) {
		if (s.error) {
			lines.push(
				`| ${s.title} | could not run | ${COLUMNS.map(() => '–').join(' | ')} | ${s.error.replace(/\|/g, '/').slice(0, 200)} |`,
			);
			continue;
		}
		let first = true;
		for (const [key, v] of Object.entries(s.variants)) {
			const label = (s.variantLabels && s.variantLabels[key]) || VARIANT_LABELS[key] || key;
			const extra = (s.extras && s.extras[key]) || '';
			const status = v.status && v.status !== 'success' ? ` (execution ${v.status})` : '';
			lines.push(
				`| ${first ? s.title : ''} | ${label}${status} | ${COLUMNS.map(([k, , d]) => fmt(v[k], d)).join(' | ')} | ${extra} |`,
			);
			first = false;
		}
		if (s.variants && s.variants.dotloop && s.variants.http) {
			const cells = COLUMNS.map(([k]) => {
				const r = ratio(s.variants.dotloop[k], s.variants.http[k]);
				return ratioText(r);
			});
			const extra = headline(s)
				.filter((x) => !COLUMNS.some(([k]) => k === x.metric))
				.map((x) => `${x.label} ${ratioText(x.ratio)}`)
				.join(', ');
			lines.push(`| | **Dotloop / HTTP** | ${cells.join(' | ')} | ${extra} |`);
		}
	}
	return lines.join('\n');
}

/** Every compared metric of every scenario with its ratio and verdict. */
function headlineTable(scenarios) {
	const lines = [
		'| Scenario | Metric | Dotloop node | Baseline | Dotloop / baseline | Better is | Verdict |',
		'| --- | --- | ---: | ---: | ---: | --- | --- |',
	];
	for (const s of scenarios) {
		if (s.error) continue;
		for (const x of headline(s)) {
			lines.push(
				`| ${s.title} | ${x.label}${UNITS[x.metric] ? ` (${UNITS[x.metric]})` : ''} | ${fmt(x.dotloop)} | ${fmt(x.http)} | ${ratioText(x.ratio)} | ${x.better} | ${x.verdict} |`,
			);
		}
	}
	return lines.join('\n');
}

module.exports = { resultsTable, headlineTable, headline, fmt, ratioText };
