'use strict';
/**
 * n8n in queue mode on one machine, for the queue-mode suite:
 *
 *   PostgreSQL + Redis (services.js) + the Dotloop sandbox (in this process)
 *   main      `n8n start`    EXECUTIONS_MODE=queue, OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS=true (manual runs go to workers)
 *   worker-1  `n8n worker`   its own health port (/healthz/readiness) and task-broker port
 *   worker-2  `n8n worker`
 *   webhook   `n8n webhook`  the webhook processor
 *   balancer  in this process: the load balancer in front of the webhook processor (balancer.js), at most
 *             `balancerMaxConnections` (default 10) deliveries in flight to it; the sandbox delivers here
 *
 * Every n8n process gets its own user folder with the packed package installed as the Community Nodes
 * installer does (../lib/package.js), the same N8N_ENCRYPTION_KEY, database, Redis, WEBHOOK_URL
 * (https://hooks.example.test/, what the trigger registers) and CREDENTIALS_OVERWRITE_DATA (the credential's
 * pinned OAuth URLs -> sandbox). Each also gets E2E_QUEUE_PROCESS=<its name> and N8N_BLOCK_ENV_ACCESS_IN_NODE=false,
 * so a workflow can write `{{ $env.E2E_QUEUE_PROCESS }}` into its execution record: which process ran it.
 *
 *   const cluster = await startCluster({ version, packageTarball, sandbox: {...} });
 *   cluster.main / cluster.workers / cluster.webhook      (N8n instances, ../lib/n8n.js; main has owner + API key)
 *   cluster.pg, cluster.redis, cluster.sandbox, cluster.admin, cluster.balancer, cluster.timings
 *   cluster.workerOf(executionId)                         worker name from the workers' own logs
 *   await cluster.stop()                                  n8n processes, then Redis and PostgreSQL, then the sandbox
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawn } = require('node:child_process');
const h = require('../lib');
const services = require('./services');
const { startBalancer } = require('./balancer');

const WEBHOOK_URL = 'https://hooks.example.test/';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function tail(file, lines = 60) {
	try {
		return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
	} catch {
		return '';
	}
}

/** `:5432 (PID 123)` for a server we started, `host:5432 (given)` for one given by URL (services.js). */
const serverLabel = (server) =>
	server.given ? `${server.host}:${server.port} (given)` : `:${server.port} (PID ${server.pid})`;

/** An n8n process of the cluster: `n8n start`, `n8n worker` or `n8n webhook`. */
class QueueProcess extends h.N8n {
	async _spawn() {
		fs.mkdirSync(path.dirname(this.logFile), { recursive: true });
		const out = fs.openSync(this.logFile, 'a');
		const child = spawn(this.nodeBin, [this.n8nBin, this.command, ...(this.args || [])], {
			cwd: this.userFolder,
			env: this.env,
			stdio: ['ignore', out, out],
			detached: true,
		});
		fs.closeSync(out);
		h.track(child, `n8n ${this.command} ${this.name}`, { dir: this.tmpRoot });
		this.proc = child;
		this.pid = child.pid;
		this.exitInfo = null;
		child.once('exit', (code, signal) => {
			this.exitInfo = { code, signal };
		});
	}

	/** main: /rest/settings answers; worker: its health server's /healthz/readiness; webhook: /healthz/readiness. */
	async waitReady(timeoutMs = 180_000) {
		if (this.command === 'start') return await super.waitReady(timeoutMs);
		const t0 = Date.now();
		for (;;) {
			if (this.exitInfo)
				throw new Error(
					`${this.name} exited during start (${JSON.stringify(this.exitInfo)}); log ${this.logFile}:\n${tail(this.logFile)}`,
				);
			try {
				const res = await h.request(this.readyUrl, { timeoutMs: 5000 });
				if (res.status === 200) return (Date.now() - t0) / 1000;
			} catch {
				/* not listening yet */
			}
			if (Date.now() - t0 > timeoutMs)
				throw new Error(
					`${this.name} not ready after ${timeoutMs} ms; log ${this.logFile}:\n${tail(this.logFile)}`,
				);
			await sleep(150);
		}
	}

	/** The executions this process started, from its own log ("Worker started execution <id> (job <n>)"). */
	executionsStarted() {
		const text = fs.existsSync(this.logFile) ? fs.readFileSync(this.logFile, 'utf8') : '';
		return [...text.matchAll(/Worker started execution (\d+) \(job/g)].map((m) => m[1]);
	}
}

/**
 * Start one n8n process of the cluster. role: { name, command: 'start'|'worker'|'webhook', args }.
 * common: { version, packageTarball, env } shared by all processes.
 */
async function startProcess(
	{ name, command, args = [], port: fixedPort },
	{ version, packageTarball, env: commonEnv, mainPort },
) {
	const nodeBin = h.nodeBin();
	const n8nBin = h.n8nBin(version);
	if (!h.isComplete(h.n8nDir(version)) || !fs.existsSync(n8nBin)) {
		throw new Error(
			`n8n ${version} is not provisioned in ${h.cacheDir()}: run npm run e2e:provision`,
		);
	}
	const port = command === 'start' ? mainPort : fixedPort || (await h.freePort());
	const brokerPort = await h.freePort();
	const healthPort = await h.freePort();
	const tmpRoot = h.trackDir(fs.mkdtempSync(path.join(os.tmpdir(), `dotloop-queue-${name}-`)));
	const userFolder = path.join(tmpRoot, 'user');
	fs.mkdirSync(userFolder, { recursive: true });
	const installed = packageTarball ? h.installIntoUserFolder(userFolder, packageTarball) : null;
	const logDir = process.env.E2E_RUN_DIR
		? path.join(process.env.E2E_RUN_DIR, 'logs')
		: path.join(os.tmpdir(), 'dotloop-e2e-logs');
	const logFile = path.join(logDir, `n8n-queue-${name}-${port}.log`);
	const baseUrl = `http://127.0.0.1:${port}`;
	const env = {
		...h.n8nProcessEnv({ nodeBin, userFolder, port, brokerPort }),
		QUEUE_HEALTH_CHECK_ACTIVE: command === 'worker' ? 'true' : 'false',
		QUEUE_HEALTH_CHECK_PORT: String(healthPort),
		N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
		N8N_LOG_LEVEL: 'info',
		N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '10',
		N8N_BLOCK_ENV_ACCESS_IN_NODE: 'false',
		E2E_QUEUE_PROCESS: name,
		WEBHOOK_URL,
		// The OAuth callback (and editor links) stay on main, whatever process builds them.
		N8N_EDITOR_BASE_URL: `http://127.0.0.1:${mainPort}/`,
		...commonEnv,
	};
	const proc = new QueueProcess({
		name,
		command,
		args,
		version,
		port,
		brokerPort,
		healthPort,
		baseUrl,
		readyUrl:
			command === 'worker'
				? `http://127.0.0.1:${healthPort}/healthz/readiness`
				: `${baseUrl}/healthz/readiness`,
		tmpRoot,
		userFolder,
		ownsUserFolder: true,
		logFile,
		nodeBin,
		n8nBin,
		env,
		installedPackage: installed,
	});
	const t0 = Date.now();
	await proc._spawn();
	try {
		await proc.waitReady();
	} catch (err) {
		await proc.stop();
		throw err;
	}
	proc.startSeconds = (Date.now() - t0) / 1000;
	const loadErrors = proc.packageLoadErrors();
	if (loadErrors.length) {
		await proc.stop();
		throw new Error(
			`${name} could not load the package (see ${logFile}):\n${loadErrors.join('\n')}`,
		);
	}
	return proc;
}

/**
 * opts: { version (default 2.41.1 / E2E_N8N_VERSION), packageTarball (default ../lib's packageTarball()),
 *         workers (default 2), sandbox: startSandbox options, env: extra env for every n8n process,
 *         balancerMaxConnections (default 10), log }
 */
async function startCluster(opts = {}) {
	const version = opts.version || process.env.E2E_N8N_VERSION || '2.41.1';
	const log = opts.log || h.log;
	const packageTarball = opts.packageTarball || h.packageTarball();
	const workerCount = opts.workers || 2;
	const timings = {};
	const t0 = Date.now();
	const cluster = {
		version,
		pg: null,
		redis: null,
		sandbox: null,
		admin: null,
		main: null,
		workers: [],
		webhook: null,
		timings,
	};
	cluster.processes = () => [cluster.main, ...cluster.workers, cluster.webhook].filter(Boolean);
	cluster.stop = async () => {
		const t1 = Date.now();
		// n8n first (they hold database and Redis connections), then the servers, then the sandbox.
		await Promise.allSettled(cluster.processes().map((p) => p.stop()));
		await Promise.allSettled([cluster.redis, cluster.pg].filter(Boolean).map((s) => s.stop()));
		if (cluster.balancer) await cluster.balancer.stop();
		if (cluster.sandbox) await cluster.sandbox.stop();
		timings.stop = (Date.now() - t1) / 1000;
	};
	/** The worker whose log says it started this execution (null if none did). */
	cluster.workerOf = (executionId) => {
		const found = cluster.workers.filter((w) =>
			w.executionsStarted().includes(String(executionId)),
		);
		if (found.length > 1)
			throw new Error(
				`execution ${executionId} started on more than one worker: ${found.map((w) => w.name).join(', ')}`,
			);
		return found.length ? found[0].name : null;
	};
	/** { executionId: workerName } for every execution the workers' logs name. */
	cluster.workerLog = () => {
		const out = {};
		for (const w of cluster.workers)
			for (const id of w.executionsStarted()) out[id] = out[id] ? `${out[id]},${w.name}` : w.name;
		return out;
	};
	try {
		const mainPort = await h.freePort();
		const webhookPort = await h.freePort();
		let t = Date.now();
		cluster.balancer = await startBalancer({
			upstreams: [`http://127.0.0.1:${webhookPort}`],
			maxConnections: opts.balancerMaxConnections || 10,
		});
		const [pg, redis, sandbox] = await Promise.all([
			services.startPostgres(),
			services.startRedis(),
			h.startSandbox({ webhookOrigin: cluster.balancer.url, ...(opts.sandbox || {}) }),
		]);
		Object.assign(cluster, { pg, redis, sandbox, admin: sandbox.admin });
		timings.services = (Date.now() - t) / 1000;
		log(
			`postgres ${serverLabel(pg)}, redis ${serverLabel(redis)}, sandbox ${sandbox.url}, balancer ${cluster.balancer.url} in ${timings.services.toFixed(1)} s`,
		);

		const common = {
			version,
			packageTarball,
			mainPort,
			env: {
				EXECUTIONS_MODE: 'queue',
				OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
				QUEUE_BULL_REDIS_HOST: redis.host,
				QUEUE_BULL_REDIS_PORT: String(redis.port),
				...(redis.password ? { QUEUE_BULL_REDIS_PASSWORD: redis.password } : {}),
				DB_TYPE: 'postgresdb',
				DB_POSTGRESDB_HOST: pg.host,
				DB_POSTGRESDB_PORT: String(pg.port),
				DB_POSTGRESDB_DATABASE: pg.database,
				DB_POSTGRESDB_USER: pg.user,
				DB_POSTGRESDB_PASSWORD: pg.password,
				CREDENTIALS_OVERWRITE_DATA: JSON.stringify(h.credentialsOverwrite(sandbox)),
				...(opts.env || {}),
			},
		};
		// main first: it runs the database migrations the others expect.
		t = Date.now();
		cluster.main = await startProcess({ name: 'main', command: 'start' }, common);
		timings.main = (Date.now() - t) / 1000;
		log(
			`main ready on ${cluster.main.baseUrl} in ${timings.main.toFixed(1)} s (log ${cluster.main.logFile})`,
		);
		t = Date.now();
		const others = [
			...Array.from({ length: workerCount }, (_, i) => ({
				name: `worker-${i + 1}`,
				command: 'worker',
				args: ['--concurrency=10'],
			})),
			{ name: 'webhook', command: 'webhook', port: webhookPort },
		];
		const started = await Promise.allSettled(others.map((role) => startProcess(role, common)));
		for (const s of started) {
			if (s.status !== 'fulfilled') continue;
			if (s.value.command === 'worker') cluster.workers.push(s.value);
			else cluster.webhook = s.value;
		}
		const failed = started.find((s) => s.status === 'rejected');
		if (failed) throw failed.reason;
		timings.workersAndWebhook = (Date.now() - t) / 1000;
		log(
			`${cluster.workers.map((w) => `${w.name} (health :${w.healthPort})`).join(', ')} and webhook processor ${cluster.webhook.baseUrl} ready in ${timings.workersAndWebhook.toFixed(1)} s`,
		);
		t = Date.now();
		await cluster.main.setupOwner();
		await cluster.main.login();
		await cluster.main.createApiKey();
		timings.owner = (Date.now() - t) / 1000;
		timings.total = (Date.now() - t0) / 1000;
	} catch (err) {
		await cluster.stop();
		throw err;
	}
	return cluster;
}

module.exports = { startCluster, QueueProcess, WEBHOOK_URL };
