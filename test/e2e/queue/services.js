'use strict';
/**
 * PostgreSQL and Redis for the queue-mode suite, from Debian's packages, each in a temp folder, on a free
 * port on 127.0.0.1 only, run in the foreground as our own child (own process group) so the PID we hold
 * is the server's: stopped by PID at the end, and by the harness's exit handlers / watchdog / run.js's PID
 * sweep on failure or Ctrl-C (see ../lib/cleanup.js).
 *
 *   ensureInstalled({ log })            apt-get install postgresql / redis-server when their binaries are missing
 *   const pg = await startPostgres()    { host, port, user, password, database, pid, dir, logFile, stop() }
 *   const redis = await startRedis()    { host, port, pid, logFile, stop() }
 *
 * The database is a throwaway: fsync and synchronous commit are off.
 *
 * Given servers instead (CI's service containers): E2E_POSTGRES_URL=postgres://user:password@host:port/db
 * and/or E2E_REDIS_URL=redis://[:password@]host:port. A server given by URL is not installed, started or
 * stopped, only waited for; the database must be empty (n8n migrates it and the suite creates the owner).
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawn, execFileSync, spawnSync } = require('node:child_process');
const h = require('../lib');

const PG_USER = 'n8n';
const PG_PASSWORD = 'n8n-queue-e2e-Passw0rd';
const PG_DATABASE = 'n8n';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** The PostgreSQL server E2E_POSTGRES_URL names, or null. */
function givenPostgres() {
	const raw = process.env.E2E_POSTGRES_URL;
	if (!raw) return null;
	const url = new URL(raw);
	if (!/^postgres(ql)?:$/.test(url.protocol))
		throw new Error(
			`E2E_POSTGRES_URL must be postgres://user:password@host:port/database, got ${url.protocol}`,
		);
	return {
		host: url.hostname,
		port: Number(url.port || 5432),
		user: decodeURIComponent(url.username),
		password: decodeURIComponent(url.password),
		database: decodeURIComponent(url.pathname.slice(1)) || PG_DATABASE,
	};
}

/** The Redis server E2E_REDIS_URL names, or null. */
function givenRedis() {
	const raw = process.env.E2E_REDIS_URL;
	if (!raw) return null;
	const url = new URL(raw);
	if (url.protocol !== 'redis:')
		throw new Error(`E2E_REDIS_URL must be redis://[:password@]host:port, got ${url.protocol}`);
	return {
		host: url.hostname,
		port: Number(url.port || 6379),
		password: decodeURIComponent(url.password) || undefined,
	};
}

/** Wait until a given server answers, at most timeoutMs. */
async function waitForGiven(label, ready, timeoutMs) {
	const deadline = Date.now() + timeoutMs;
	while (!(await ready())) {
		if (Date.now() > deadline)
			throw new Error(
				`${label} not ready after ${timeoutMs / 1000} s (address, port or password wrong?)`,
			);
		await sleep(250);
	}
}

function tcpOpen(host, port) {
	const net = require('node:net');
	return new Promise((resolve) => {
		const sock = net.connect({ port, host });
		const done = (ok) => {
			sock.destroy();
			resolve(ok);
		};
		sock.setTimeout(1000, () => done(false));
		sock.once('error', () => done(false));
		sock.once('connect', () => done(true));
	});
}

function exists(file) {
	try {
		fs.accessSync(file, fs.constants.X_OK);
		return true;
	} catch {
		return false;
	}
}

/** The newest /usr/lib/postgresql/<major>/bin with a postgres server, or null. */
function postgresBinDir() {
	const root = '/usr/lib/postgresql';
	let majors = [];
	try {
		majors = fs.readdirSync(root).filter((d) => /^\d+$/.test(d));
	} catch {
		return null;
	}
	majors.sort((a, b) => Number(b) - Number(a));
	for (const major of majors) {
		const dir = path.join(root, major, 'bin');
		if (['postgres', 'initdb', 'psql'].every((b) => exists(path.join(dir, b)))) return dir;
	}
	return null;
}

function redisServerBin() {
	for (const dir of (process.env.PATH || '')
		.split(path.delimiter)
		.concat(['/usr/bin', '/usr/local/bin'])) {
		const file = path.join(dir, 'redis-server');
		if (dir && exists(file)) return file;
	}
	return null;
}

/** PIDs in the pid files a distribution's service scripts write, if those processes run. */
function serviceDaemons() {
	const files = ['/run/redis/redis-server.pid', '/var/run/redis/redis-server.pid'];
	try {
		for (const f of fs.readdirSync('/run/postgresql'))
			if (f.endsWith('.pid')) files.push(path.join('/run/postgresql', f));
	} catch {
		/* none */
	}
	const out = new Map();
	for (const file of files) {
		try {
			const pid = Number(fs.readFileSync(file, 'utf8').split('\n')[0].trim());
			if (pid && h.pidAlive(pid)) out.set(pid, file);
		} catch {
			/* none */
		}
	}
	return out;
}

function aptInstall(packages, log) {
	if (process.getuid && process.getuid() !== 0) {
		throw new Error(
			`${packages.join(', ')} missing and not running as root: install them with apt-get install -y ${packages.join(' ')}`,
		);
	}
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	const install = () =>
		spawnSync('apt-get', ['install', '-y', '--no-install-recommends', ...packages], {
			env,
			encoding: 'utf8',
			maxBuffer: 64 << 20,
		});
	const before = serviceDaemons();
	const t0 = Date.now();
	log(`installing ${packages.join(', ')} with apt-get`);
	let res = install();
	if (res.status !== 0) {
		log('apt-get install failed; running apt-get update and trying again');
		const upd = spawnSync('apt-get', ['update'], { env, encoding: 'utf8', maxBuffer: 64 << 20 });
		if (upd.status !== 0) throw new Error(`apt-get update failed:\n${upd.stdout}\n${upd.stderr}`);
		res = install();
	}
	if (res.status !== 0)
		throw new Error(`apt-get install ${packages.join(' ')} failed:\n${res.stdout}\n${res.stderr}`);
	// Where no policy-rc.d stops it, a package's postinst starts the distribution's own service. This suite
	// runs its own servers; stop what the install just started (by the PID its service wrote).
	for (const [pid, file] of serviceDaemons()) {
		if (before.has(pid)) continue;
		log(`stopping the service the install started (PID ${pid} from ${file})`);
		try {
			process.kill(pid, 'SIGTERM');
		} catch {
			/* gone */
		}
	}
	log(`installed ${packages.join(', ')} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

/**
 * Install PostgreSQL and Redis from Debian's packages when their binaries are missing (only those not
 * given by URL). pgBin / redisBin say what the suite will use: a binary, or the given server.
 */
function ensureInstalled({ log = () => {} } = {}) {
	const pgGiven = givenPostgres();
	const redisGiven = givenRedis();
	const missing = [];
	if (!pgGiven && !postgresBinDir()) missing.push('postgresql');
	if (!redisGiven && !redisServerBin()) missing.push('redis-server');
	if (missing.length) aptInstall(missing, log);
	const pgBin = pgGiven ? `E2E_POSTGRES_URL (${pgGiven.host}:${pgGiven.port})` : postgresBinDir();
	const redisBin = redisGiven
		? `E2E_REDIS_URL (${redisGiven.host}:${redisGiven.port})`
		: redisServerBin();
	if (!pgBin)
		throw new Error(
			'PostgreSQL binaries not found under /usr/lib/postgresql/*/bin after installing postgresql',
		);
	if (!redisBin) throw new Error('redis-server not found after installing redis-server');
	return { pgBin, redisBin, installed: missing };
}

function logDir() {
	return process.env.E2E_RUN_DIR
		? path.join(process.env.E2E_RUN_DIR, 'logs')
		: path.join(os.tmpdir(), 'dotloop-e2e-logs');
}

/** Spawn a server in its own process group, output to logFile, tracked for cleanup. */
function spawnServer(bin, args, { logFile, label, dir, uid, gid, env }) {
	fs.mkdirSync(path.dirname(logFile), { recursive: true });
	const out = fs.openSync(logFile, 'a');
	const child = spawn(bin, args, {
		stdio: ['ignore', out, out],
		detached: true,
		uid,
		gid,
		env: env || process.env,
		cwd: dir || os.tmpdir(),
	});
	fs.closeSync(out);
	h.track(child, label, { dir });
	const exitInfo = {};
	child.once('exit', (code, signal) => Object.assign(exitInfo, { code, signal, exited: true }));
	return { child, exitInfo };
}

function tail(file, lines = 40) {
	try {
		return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
	} catch {
		return '';
	}
}

/**
 * initdb into a fresh temp folder (as the postgres user: the server refuses to run as root), then run
 * `postgres -D <dir> -k <dir> -h 127.0.0.1 -p <port>` in the foreground and create the n8n database.
 */
async function startPostgres({ binDir = postgresBinDir(), port } = {}) {
	const given = givenPostgres();
	if (given) return usePostgres(given);
	if (!binDir) throw new Error('PostgreSQL is not installed (run ensureInstalled first)');
	const t0 = Date.now();
	port = port || (await h.freePort());
	const root = h.trackDir(fs.mkdtempSync(path.join(os.tmpdir(), 'dotloop-queue-pg-')));
	const dataDir = path.join(root, 'data');
	const sockDir = path.join(root, 'sock');
	fs.mkdirSync(sockDir);
	const pwFile = path.join(root, 'pwfile');
	fs.writeFileSync(pwFile, `${PG_PASSWORD}\n`);
	let uid;
	let gid;
	if (process.getuid && process.getuid() === 0) {
		const ids = execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim();
		uid = Number(ids);
		gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
		for (const p of [root, sockDir, pwFile]) fs.chownSync(p, uid, gid);
	}
	fs.chmodSync(root, 0o700);
	const env = { PATH: process.env.PATH, LANG: 'C', LC_ALL: 'C', HOME: root };
	const init = spawnSync(
		path.join(binDir, 'initdb'),
		[
			'-D',
			dataDir,
			'-U',
			PG_USER,
			`--pwfile=${pwFile}`,
			'--auth=scram-sha-256',
			'-E',
			'UTF8',
			'--locale=C',
			'--no-sync',
		],
		{ uid, gid, env, encoding: 'utf8', cwd: root },
	);
	if (init.status !== 0)
		throw new Error(`initdb failed (${init.status}):\n${init.stdout}\n${init.stderr}`);
	const logFile = path.join(logDir(), `postgres-${port}.log`);
	const { child, exitInfo } = spawnServer(
		path.join(binDir, 'postgres'),
		[
			'-D',
			dataDir,
			'-k',
			sockDir,
			'-h',
			'127.0.0.1',
			'-p',
			String(port),
			'-c',
			'fsync=off',
			'-c',
			'synchronous_commit=off',
			'-c',
			'full_page_writes=off',
			'-c',
			'max_connections=200',
			'-c',
			'shared_buffers=128MB',
		],
		{ logFile, label: `postgres :${port}`, dir: root, uid, gid, env },
	);
	const psql = (sql, db = 'postgres') =>
		spawnSync(
			path.join(binDir, 'psql'),
			[
				'-X',
				'-q',
				'-v',
				'ON_ERROR_STOP=1',
				'-h',
				'127.0.0.1',
				'-p',
				String(port),
				'-U',
				PG_USER,
				'-d',
				db,
				'-c',
				sql,
			],
			{
				env: { ...env, PGPASSWORD: PG_PASSWORD, PGCONNECT_TIMEOUT: '3' },
				encoding: 'utf8',
			},
		);
	const deadline = Date.now() + 60_000;
	for (;;) {
		if (exitInfo.exited)
			throw new Error(
				`postgres exited during start (${JSON.stringify(exitInfo)}):\n${tail(logFile)}`,
			);
		const res = psql('SELECT 1');
		if (res.status === 0) break;
		if (Date.now() > deadline)
			throw new Error(`postgres not ready after 60 s:\n${res.stderr}\n${tail(logFile)}`);
		await sleep(150);
	}
	const created = psql(`CREATE DATABASE ${PG_DATABASE}`);
	if (created.status !== 0) throw new Error(`CREATE DATABASE failed: ${created.stderr}`);
	const pg = {
		host: '127.0.0.1',
		port,
		user: PG_USER,
		password: PG_PASSWORD,
		database: PG_DATABASE,
		pid: child.pid,
		dir: root,
		logFile,
		startSeconds: (Date.now() - t0) / 1000,
		/** Run SQL with psql; returns stdout (tuples only, unaligned, '|' separated). */
		query(sql) {
			const res = spawnSync(
				path.join(binDir, 'psql'),
				[
					'-X',
					'-A',
					'-t',
					'-v',
					'ON_ERROR_STOP=1',
					'-h',
					'127.0.0.1',
					'-p',
					String(port),
					'-U',
					PG_USER,
					'-d',
					PG_DATABASE,
					'-c',
					sql,
				],
				{
					env: { ...env, PGPASSWORD: PG_PASSWORD },
					encoding: 'utf8',
					maxBuffer: 256 << 20,
				},
			);
			if (res.status !== 0) throw new Error(`psql failed: ${res.stderr}`);
			return res.stdout;
		},
		async stop() {
			// Fast shutdown (SIGINT): roll back open transactions, disconnect clients, stop.
			if (h.pidAlive(child.pid)) {
				try {
					process.kill(child.pid, 'SIGINT');
				} catch {
					/* gone */
				}
				const until = Date.now() + 10_000;
				while (!exitInfo.exited && Date.now() < until) await sleep(50);
			}
			await h.stopPid(child.pid, 5_000);
			h.removeDir(root);
		},
	};
	return pg;
}

/** The PostgreSQL server E2E_POSTGRES_URL names, once it accepts connections; never stopped by us. */
async function usePostgres(given) {
	const t0 = Date.now();
	await waitForGiven(
		`PostgreSQL at ${given.host}:${given.port}`,
		() => tcpOpen(given.host, given.port),
		60_000,
	);
	return {
		...given,
		given: true,
		pid: null,
		startSeconds: (Date.now() - t0) / 1000,
		/** Run SQL with the psql on PATH; returns stdout (tuples only, unaligned, '|' separated). */
		query(sql) {
			const res = spawnSync(
				'psql',
				[
					'-X',
					'-A',
					'-t',
					'-v',
					'ON_ERROR_STOP=1',
					'-h',
					given.host,
					'-p',
					String(given.port),
					'-U',
					given.user,
					'-d',
					given.database,
					'-c',
					sql,
				],
				{
					env: { ...process.env, PGPASSWORD: given.password },
					encoding: 'utf8',
					maxBuffer: 256 << 20,
				},
			);
			if (res.status !== 0) throw new Error(`psql failed: ${res.stderr || res.error}`);
			return res.stdout;
		},
		async stop() {},
	};
}

/** The Redis server E2E_REDIS_URL names, once it answers PING; never stopped by us. */
async function useRedis(given) {
	const t0 = Date.now();
	await waitForGiven(
		`Redis at ${given.host}:${given.port}`,
		() => redisPing(given.port, given.host, given.password),
		30_000,
	);
	return {
		...given,
		given: true,
		pid: null,
		startSeconds: (Date.now() - t0) / 1000,
		async stop() {},
	};
}

/** redis-server in the foreground, loopback only, no persistence. */
async function startRedis({ bin = redisServerBin(), port } = {}) {
	const given = givenRedis();
	if (given) return useRedis(given);
	if (!bin) throw new Error('redis-server is not installed (run ensureInstalled first)');
	const t0 = Date.now();
	port = port || (await h.freePort());
	const root = h.trackDir(fs.mkdtempSync(path.join(os.tmpdir(), 'dotloop-queue-redis-')));
	const logFile = path.join(logDir(), `redis-${port}.log`);
	const { child, exitInfo } = spawnServer(
		bin,
		[
			'--port',
			String(port),
			'--bind',
			'127.0.0.1',
			'--save',
			'',
			'--appendonly',
			'no',
			'--daemonize',
			'no',
			'--dir',
			root,
			'--protected-mode',
			'yes',
		],
		{ logFile, label: `redis :${port}`, dir: root },
	);
	const deadline = Date.now() + 30_000;
	for (;;) {
		if (exitInfo.exited)
			throw new Error(
				`redis-server exited during start (${JSON.stringify(exitInfo)}):\n${tail(logFile)}`,
			);
		if (await redisPing(port)) break;
		if (Date.now() > deadline) throw new Error(`redis not ready after 30 s:\n${tail(logFile)}`);
		await sleep(100);
	}
	return {
		host: '127.0.0.1',
		port,
		pid: child.pid,
		logFile,
		startSeconds: (Date.now() - t0) / 1000,
		async stop() {
			await h.stopPid(child.pid, 5_000);
			h.removeDir(root);
		},
	};
}

/** PING (after AUTH when a password is given) over RESP with a raw socket (no client library needed). */
function redisPing(port, host = '127.0.0.1', password) {
	const net = require('node:net');
	return new Promise((resolve) => {
		const sock = net.connect({ port, host });
		let buf = '';
		const done = (ok) => {
			sock.destroy();
			resolve(ok);
		};
		sock.setTimeout(1000, () => done(false));
		sock.once('error', () => done(false));
		// Inline commands: a password with spaces or quotes would need RESP arrays; CI's has neither.
		sock.once('connect', () => sock.write(`${password ? `AUTH ${password}\r\n` : ''}PING\r\n`));
		sock.on('data', (d) => {
			buf += d.toString();
			const replies = buf.split('\r\n').slice(0, -1);
			if (replies.length >= (password ? 2 : 1)) done(replies[replies.length - 1] === '+PONG');
		});
	});
}

module.exports = {
	ensureInstalled,
	startPostgres,
	startRedis,
	postgresBinDir,
	redisServerBin,
	PG_USER,
	PG_PASSWORD,
	PG_DATABASE,
};
