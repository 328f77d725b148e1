#!/usr/bin/env node
'use strict';
/**
 * npm run bench — the Dotloop node against the best plain-n8n workflow (HTTP Request + generic OAuth2,
 * or the core Webhook node) for the same job, inside one real n8n (the e2e provisioning) against the
 * local Dotloop sandbox. See test/bench/README.md.
 *
 *   node test/bench/run.js                 full run (about 10 minutes on 2 cores)
 *   node test/bench/run.js --quick         small sizes, no n8n restarts: checks the bench still works
 *   node test/bench/run.js --only 1,5      only these scenarios (1, 2, 2b, 3–9)
 *   node test/bench/run.js --set 5.rate=20 change one size of the plan (see plan() below)
 *   node test/bench/run.js --no-restart    keep one n8n process for all runs (default with --quick)
 *   node test/bench/run.js --n8n-env K=V   start n8n with this environment variable too (repeatable)
 *   node test/bench/run.js --export-workflows DIR   write every compared workflow as importable JSON, no run
 *   node test/bench/run.js --report bench-results/X.json   print the results tables of an earlier run again
 *
 * Env: BENCH_N8N_VERSION (default 2.41.1), E2E_PACKAGE_TARBALL (bench this tarball instead of building),
 * E2E_SKIP_BUILD=1 (pack the existing dist/), DOTLOOP_E2E_CACHE, NODE24_VERSION (as for the e2e suite).
 *
 * Prints the results as Markdown tables and writes bench-results/<timestamp>.json. Exits 1 only when a
 * scenario could not run, the Dotloop node lost items, or the Dotloop Trigger refused a valid delivery;
 * the baseline losing items is a result, not a failure.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const h = require('../e2e/lib');
const pkg = require('../e2e/lib/package');
const paths = require('../e2e/lib/paths');
const { Bench, QUIET_CORES } = require('./lib/bench');
const { resultsTable, headlineTable, headline } = require('./lib/report');

const REPO = pkg.REPO_DIR;
const VERSION = process.env.BENCH_N8N_VERSION || '2.41.1';

const SCENARIOS = {
	1: require('./scenarios/s1-return-all'),
	2: require('./scenarios/s2-rate-limit'),
	'2b': require('./scenarios/s2b-shared-credential'),
	3: require('./scenarios/s3-per-item'),
	4: require('./scenarios/s4-documents'),
	5: require('./scenarios/s5-trigger'),
	6: require('./scenarios/s6-verify'),
	7: require('./scenarios/s7-polling'),
	8: require('./scenarios/s8-sync'),
	9: require('./scenarios/s9-contact-sync'),
};

function parseArgs(argv) {
	const args = {
		quick: false,
		only: null,
		exportDir: null,
		restart: undefined,
		set: [],
		n8nEnv: {},
	};
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i];
		if (a === '--quick') args.quick = true;
		else if (a === '--only') args.only = argv[++i].split(',').map((s) => s.trim());
		else if (a.startsWith('--only='))
			args.only = a
				.slice(7)
				.split(',')
				.map((s) => s.trim());
		else if (a === '--export-workflows') args.exportDir = argv[++i];
		else if (a === '--report') args.report = argv[++i];
		else if (a === '--set') args.set.push(argv[++i]);
		else if (a === '--n8n-env') {
			const [k, ...v] = argv[++i].split('=');
			args.n8nEnv[k] = v.join('=');
		} else if (a === '--no-restart') args.restart = false;
		else if (a === '--restart') args.restart = true;
		else if (a === '--help' || a === '-h') {
			process.stdout.write(
				fs.readFileSync(__filename, 'utf8').split('\n').slice(2, 20).join('\n') + '\n',
			);
			process.exit(0);
		} else throw new Error(`unknown argument ${a}`);
	}
	if (args.restart === undefined) args.restart = !args.quick;
	return args;
}

/** Sizes per scenario: the full ones (test/bench/README.md) for a full run, small ones for --quick. */
function plan(quick) {
	return quick
		? {
				1: { sizes: [1000] },
				2: { loops: 300 },
				'2b': { executions: 20, perExecution: 5 },
				3: { items: 200 },
				4: { megabytes: 5 },
				5: { deliveries: 100, rate: 8 },
				6: { seconds: 0.5 },
				7: {
					changes: 300,
					interval: 5,
					quietPolls: 3,
					statusLoops: 2000,
					dates: { loops: 2000, sold: 1400, upcoming: 20, withinDays: 14 },
				},
				8: { loops: 20, documents: 20, contacts: 1000 },
				9: { rows: 20, contacts: 1000 },
			}
		: {
				1: { sizes: [10000, 50000] },
				2: { loops: 1000 },
				'2b': { executions: 100, perExecution: 10 },
				3: { items: 1000 },
				4: { megabytes: 50 },
				5: { deliveries: 500, rate: 8 },
				6: { seconds: 2 },
				7: {
					changes: 1000,
					interval: 5,
					quietPolls: 3,
					statusLoops: 20000,
					dates: { loops: 20000, sold: 14000, upcoming: 100, withinDays: 14 },
				},
				8: { loops: 100, documents: 20, contacts: 5000 },
				9: { rows: 500, contacts: 5000, clockScale: 1 },
			};
}

function say(msg) {
	process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);
}

function machine(nodeVersion) {
	const cpus = os.cpus();
	const model = (cpus[0] && cpus[0].model.trim()) || 'unknown CPU';
	return {
		cpus: cpus.length,
		cpuModel: model,
		memoryGb: Math.round(os.totalmem() / 2 ** 30),
		kernel: `${os.type()} ${os.release()}`,
		n8n: VERSION,
		n8nNode: nodeVersion,
		line: `${cpus.length} × ${model}, ${Math.round(os.totalmem() / 2 ** 30)} GB RAM, ${os.type()} ${os.release()}; n8n ${VERSION} on Node ${nodeVersion}`,
	};
}

/** This run's results, as Markdown for test/bench/README.md's "Results of the full run". */
function performanceSection(result, scenarios) {
	const date = result.startedAt.slice(0, 10);
	return [
		'## Results of the full run',
		'',
		`Measured with \`${result.command}\` on ${date}: ${result.machine.line}. The run took ${(result.totalSeconds / 60).toFixed(1)} minutes.`,
		'',
		'Each scenario runs twice inside the same n8n against the local Dotloop sandbox: once with the Dotloop node and once with the',
		'best workflow a user without this package could build (HTTP Request with the generic OAuth2 credential, paging and Retry On',
		'Fail; the plain Webhook node for the trigger). The workflows are in `test/bench/workflows.js`. Absolute times and sizes',
		'depend on the machine; the ratios Dotloop / baseline from the same run are the headline.',
		'',
		headlineTable(scenarios),
		'',
		'<details><summary>Every measurement</summary>',
		'',
		resultsTable(scenarios),
		'',
		'</details>',
		'',
	].join('\n');
}

function packageTarball(runDir) {
	if (process.env.E2E_PACKAGE_TARBALL) return process.env.E2E_PACKAGE_TARBALL;
	if (process.env.E2E_SKIP_BUILD !== '1') pkg.build({ log: say });
	return pkg.pack(path.join(runDir, 'pack'), { log: say });
}

/**
 * Every compared workflow as n8n workflow JSON (import with "Import from File"), with the real Dotloop
 * API URL; credentials are referenced by name only, pick your own after importing.
 */
function exportWorkflows(dir) {
	const { workflows } = require('./workflows');
	const ctx = {
		NODE_TYPE: h.NODE_TYPE,
		TRIGGER_TYPE: h.TRIGGER_TYPE,
		CREDENTIAL_TYPE: h.CREDENTIAL_TYPE,
		apiBaseUrl: 'https://api-gateway.dotloop.com/public/v2',
		dotloopCredentialId: 'choose-after-import',
		httpCredentialId: 'choose-after-import',
		rateLimit: 100,
		clockScale: 1,
	};
	const params = {
		first: 50038,
		count: 1000,
		filePath: '/files/bench-50mb.pdf',
		documentId: 80061,
		webhookId: 'bench-webhook',
		path: 'bench-plain',
		seconds: 300,
		email: 'someone@example.com',
		concurrency: 100,
	};
	fs.mkdirSync(dir, { recursive: true });
	const written = [];
	for (const [scenario, pair] of Object.entries(workflows)) {
		const entries = typeof pair === 'function' ? [['', pair]] : Object.entries(pair);
		for (const [variant, build] of entries) {
			const def = build(ctx, params);
			const file = path.join(dir, `${scenario}${variant ? `-${variant}` : ''}.json`);
			fs.writeFileSync(
				file,
				`${JSON.stringify({ name: def.name, nodes: def.nodes, connections: def.connections, settings: { executionOrder: 'v1' } }, null, 2)}\n`,
			);
			written.push(file);
		}
	}
	process.stdout.write(`${written.map((f) => path.relative(process.cwd(), f)).join('\n')}\n`);
}

async function main() {
	const args = parseArgs(process.argv.slice(2));
	if (args.exportDir) {
		exportWorkflows(args.exportDir);
		return 0;
	}
	if (args.report) {
		// Print the tables and the results Markdown of an earlier run again (e.g. after a report change).
		const saved = JSON.parse(fs.readFileSync(args.report, 'utf8'));
		process.stdout.write(performanceSection(saved, saved.scenarios));
		return 0;
	}
	const t0 = Date.now();
	const stamp = new Date().toISOString().replace(/[:.]/g, '-');
	const runDir = path.join(REPO, '.e2e-work', `bench-${stamp}-${process.pid}`);
	fs.mkdirSync(runDir, { recursive: true });
	process.env.E2E_RUN_DIR = runDir; // n8n logs and PID files of this run
	const sizes = plan(args.quick);
	for (const pair of args.set) {
		const m = /^(\d[a-z]?)\.(\w+)=(.+)$/.exec(pair);
		if (!m) throw new Error(`--set wants <scenario>.<name>=<value>, e.g. 5.rate=20, not ${pair}`);
		sizes[m[1]][m[2]] = JSON.parse(m[3]);
	}
	const wanted = Object.keys(SCENARIOS).filter((id) => !args.only || args.only.includes(id));

	say(`provisioning n8n ${VERSION} (cached after the first time)`);
	const { provision } = require('../e2e/provision');
	await provision({ versions: [VERSION] });
	const tarball = packageTarball(runDir);
	process.env.E2E_PACKAGE_TARBALL = tarball; // startStack installs this one instead of building again

	// The PDFs n8n may read (N8N_RESTRICT_FILE_ACCESS_TO); removed on exit and on Ctrl-C too.
	const filesDir = h.trackDir(fs.mkdtempSync(path.join(os.tmpdir(), 'dotloop-bench-files-')));
	let stack;
	const scenarios = [];
	const failures = [];
	let nodeVersion = '?';
	try {
		stack = await h.startStack({
			version: VERSION,
			sandbox: { autoApprove: false },
			n8n: {
				packageTarball: tarball,
				env: { N8N_RESTRICT_FILE_ACCESS_TO: filesDir, ...args.n8nEnv },
			},
		});
		nodeVersion = require('node:child_process')
			.execFileSync(paths.nodeBin(), ['--version'], { encoding: 'utf8' })
			.trim()
			.replace(/^v/, '');
		const bench = new Bench(stack, {
			restart: args.restart,
			quietBudgetSeconds: args.quick ? 0 : 120,
			log: say,
		});
		bench.filesDir = filesDir;
		await bench.readNodeVersions();
		await bench.setupCredentials();
		for (const id of wanted) {
			say(`scenario ${id}`);
			try {
				const out = await SCENARIOS[id].run(bench, { ...sizes[id], quick: args.quick });
				scenarios.push(...out);
			} catch (err) {
				say(`scenario ${id} could not run: ${err.stack || err.message}`);
				scenarios.push({ id: String(id), title: `Scenario ${id}`, error: err.message });
			}
		}
	} finally {
		if (stack) await stack.stop();
		fs.rmSync(filesDir, { recursive: true, force: true });
	}

	for (const s of scenarios) {
		if (s.error) failures.push(`${s.title}: could not run (${s.error})`);
		for (const f of s.failures || []) failures.push(`${s.title}: ${f}`);
		const d = s.variants && s.variants.dotloop;
		if (d && d.itemsLost > 0 && !(s.failures || []).length) {
			failures.push(`${s.title}: the Dotloop node lost ${d.itemsLost} of ${d.expectedItems} items`);
		}
	}
	const totalSeconds = (Date.now() - t0) / 1000;
	const info = machine(nodeVersion);
	const result = {
		startedAt: new Date(t0).toISOString(),
		quick: args.quick,
		restartBeforeEachRun: args.restart,
		n8nEnv: args.n8nEnv,
		command: `npm run bench${args.quick ? ' -- --quick' : ''}`,
		machine: info,
		totalSeconds,
		scenarios: scenarios.map((s) => ({ ...s, headline: headline(s) })),
		failures,
	};
	const outDir = path.join(REPO, 'bench-results');
	fs.mkdirSync(outDir, { recursive: true });
	const outFile = path.join(outDir, `${stamp}${args.quick ? '-quick' : ''}.json`);
	fs.writeFileSync(outFile, `${JSON.stringify(result, null, 2)}\n`);

	const out = [];
	out.push('');
	out.push(
		`Machine: ${info.line}. Absolute times and sizes depend on the machine; the ratios (same run) are the headline.`,
	);
	out.push('');
	out.push(resultsTable(scenarios));
	out.push('');
	out.push(headlineTable(scenarios));
	out.push('');
	out.push(
		`Total bench wall time: ${(totalSeconds / 60).toFixed(1)} min. JSON: ${path.relative(REPO, outFile)}`,
	);
	const noisy = [];
	for (const s of scenarios) {
		for (const [key, v] of Object.entries(s.variants || {})) {
			if (v.otherCores >= QUIET_CORES)
				noisy.push(`${s.title} / ${key}: ${v.otherCores.toFixed(1)} cores`);
		}
	}
	if (noisy.length) {
		out.push(
			`Warning: other processes used the machine during these runs, so their times are noisy (cores used by others): ${noisy.join('; ')}`,
		);
	}
	result.contendedRuns = noisy;
	fs.writeFileSync(outFile, `${JSON.stringify(result, null, 2)}\n`);
	const section = performanceSection(result, scenarios);
	const mdFile = outFile.replace(/\.json$/, '.md');
	fs.writeFileSync(mdFile, section);
	out.push(`Results (Markdown for test/bench/README.md): ${path.relative(REPO, mdFile)}`);
	if (failures.length) out.push(`FAILED:\n${failures.map((f) => `  - ${f}`).join('\n')}`);
	process.stdout.write(`${out.join('\n')}\n`);
	return failures.length ? 1 : 0;
}

main().then(
	(code) => process.exit(code),
	(err) => {
		process.stderr.write(`[bench] could not run: ${err.stack || err.message}\n`);
		process.exit(1);
	},
);
