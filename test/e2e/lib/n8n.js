'use strict';
/**
 * Start/stop a real n8n (1.x or 2.x, provisioned by test/e2e/provision.js) and drive it over HTTP.
 *
 *   const n8n = await startN8n({ version: '2.41.1', packageTarball, credentialsOverwrite });
 *   await n8n.setupOwner(); await n8n.createApiKey();
 *   const wf = await n8n.createWorkflow({ name, nodes, connections });
 *   const exec = await n8n.runWorkflow(wf.id, 'Manual Trigger');
 *   n8n.nodeOutput(exec, 'Set');  // -> [json, ...]
 *   await n8n.stop();
 *
 * Each instance gets a fresh user folder under the OS temp dir, its own HTTP and task-broker ports, and is
 * started as `<node24> <cache>/n8n-<v>/node_modules/n8n/bin/n8n start` with cwd = user folder, in its own
 * process group (stopped by PID on stop(), process exit, SIGINT/SIGTERM — see cleanup.js).
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawn, execFile } = require('node:child_process');
const paths = require('./paths');
const cleanup = require('./cleanup');
const { freePort } = require('./ports');
const { CookieJar, HttpError, request } = require('./http');
const { installIntoUserFolder } = require('./package');
const docker = require('./docker');

const ENCRYPTION_KEY = 'dotloop-e2e-fixed-encryption-key-0123456789';
const DEFAULT_OWNER = {
	email: 'owner@dotloop-e2e.test',
	firstName: 'E2E',
	lastName: 'Owner',
	password: 'E2e-Passw0rd!',
};
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function tail(file, lines = 60) {
	try {
		return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
	} catch {
		return '';
	}
}

/**
 * The parent's environment without npm's, jest's and n8n's own variables (so nothing leaks into n8n).
 * JEST_WORKER_ID in particular makes n8n exit silently with code 1 (it thinks it runs in its own tests).
 */
function baseEnv() {
	const env = {};
	for (const [k, v] of Object.entries(process.env)) {
		if (
			/^(npm_|N8N_|JEST_|WEBHOOK_URL$|CREDENTIALS_|DB_|EXECUTIONS_|QUEUE_|OFFLOAD_|GENERIC_TIMEZONE$|NODE_OPTIONS$|NODE_ENV$)/i.test(
				k,
			)
		)
			continue;
		env[k] = v;
	}
	return env;
}

/** What every n8n process of these suites runs with: Node 24 first on PATH, its own user folder and ports, loopback only, no phoning home. */
function n8nProcessEnv({ nodeBin, userFolder, port, brokerPort }) {
	return {
		...baseEnv(),
		PATH: `${path.dirname(nodeBin)}${path.delimiter}${process.env.PATH || ''}`,
		HOME: process.env.HOME || os.homedir(),
		N8N_USER_FOLDER: userFolder,
		N8N_PORT: String(port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PROTOCOL: 'http',
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		N8N_RUNNERS_MODE: 'external',
		N8N_RUNNERS_AUTH_TOKEN: 'dotloop-e2e-runner-token',
		N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_SECURE_COOKIE: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_LOG_OUTPUT: 'console',
	};
}

class N8n {
	constructor(fields) {
		Object.assign(this, fields);
		this.jar = new CookieJar();
		this.apiKey = null;
		this.owner = null;
		this.proc = null;
		this.stopped = false;
	}

	get major() {
		return paths.n8nMajor(this.version);
	}

	/** Child environment (also used by CLI commands such as export:credentials). */
	cliEnv() {
		return { ...this.env };
	}

	/** [command, args] running `n8n <n8nArgs>`: the provisioned runtime (behind spawnPrefix), or the Docker image. */
	n8nCommand(n8nArgs, containerName) {
		if (this.dockerImage) {
			docker.removeContainer(containerName);
			return docker.dockerCommand({
				image: this.dockerImage,
				name: containerName,
				env: this.env,
				tmpRoot: this.tmpRoot,
				userFolder: this.userFolder,
				n8nArgs,
			});
		}
		const [command, ...args] = [...(this.spawnPrefix || []), this.nodeBin, this.n8nBin, ...n8nArgs];
		return [command, args];
	}

	async _spawn() {
		fs.mkdirSync(path.dirname(this.logFile), { recursive: true });
		const out = fs.openSync(this.logFile, 'a');
		// spawnPrefix (e.g. nsenter into a network namespace) execs n8n in place: the PID stays n8n's.
		const [command, args] = this.n8nCommand(['start'], `dotloop-e2e-n8n-${this.port}`);
		const child = spawn(command, args, {
			cwd: this.userFolder,
			env: this.env,
			stdio: ['ignore', out, out],
			detached: true,
		});
		fs.closeSync(out);
		cleanup.track(child, `n8n ${this.version} :${this.port}`, { dir: this.tmpRoot });
		this.proc = child;
		this.pid = child.pid;
		this.exitInfo = null;
		child.once('exit', (code, signal) => {
			this.exitInfo = { code, signal };
		});
	}

	/** Ready when GET /rest/settings answers JSON with .data (on 1.x /healthz/readiness is up ~2.5 s earlier). */
	async waitReady(timeoutMs = 180_000) {
		const t0 = Date.now();
		for (;;) {
			if (this.exitInfo) {
				throw new Error(
					`n8n ${this.version} exited during start (${JSON.stringify(this.exitInfo)}); log ${this.logFile}:\n${tail(this.logFile)}`,
				);
			}
			try {
				const res = await request(`${this.baseUrl}/rest/settings`, { timeoutMs: 5000 });
				if (res.status === 200 && res.body && res.body.data) return (Date.now() - t0) / 1000;
			} catch {
				/* not listening yet */
			}
			if (Date.now() - t0 > timeoutMs) {
				throw new Error(
					`n8n ${this.version} not ready after ${timeoutMs} ms; log ${this.logFile}:\n${tail(this.logFile)}`,
				);
			}
			await sleep(150);
		}
	}

	/** SIGTERM the process group (SIGKILL after 15 s), then remove the user folder unless keepUserFolder. */
	async stop({ keepUserFolder = false } = {}) {
		if (this.stopped) return;
		this.stopped = true;
		if (this.pid) await cleanup.stopPid(this.pid, 15_000);
		if (this.dockerImage) docker.removeContainer(`dotloop-e2e-n8n-${this.port}`);
		if (!keepUserFolder && this.ownsUserFolder) cleanup.removeDir(this.tmpRoot);
	}

	/** Stop and start again on the same user folder, database and ports (e.g. to test restarts). */
	async restart() {
		if (this.pid) await cleanup.stopPid(this.pid, 15_000);
		this.jar = new CookieJar();
		await this._spawn();
		this.startSeconds = await this.waitReady();
		if (this.owner) await this.login();
		return this.startSeconds;
	}

	/**
	 * Errors n8n logged while loading the installed community package (e.g. a file listed in package.json's
	 * "n8n" section missing from dist): [] when it loaded cleanly.
	 */
	packageLoadErrors() {
		if (!this.installedPackage) return [];
		const lines = tail(this.logFile, 100000).split('\n');
		const out = [];
		lines.forEach((line, i) => {
			if (line.includes(`Failed to load package "${this.installedPackage.name}"`)) {
				out.push([line, ...lines.slice(i + 1, i + 3)].join('\n'));
			}
		});
		return out;
	}

	// ---------- HTTP ----------

	/** Internal API (/rest) with the owner's cookie. Returns the parsed body's .data (or the body). */
	async rest(method, urlPath, json, { expect = [200, 201], raw = false, headers } = {}) {
		const res = await request(`${this.baseUrl}/rest${urlPath}`, {
			method,
			json,
			jar: this.jar,
			expect,
			headers,
		});
		if (raw) return res;
		return res.body && Object.prototype.hasOwnProperty.call(res.body, 'data')
			? res.body.data
			: res.body;
	}

	/** Public API (/api/v1) with the API key. Returns the parsed body. */
	async api(method, urlPath, json, { expect = [200, 201], raw = false } = {}) {
		if (!this.apiKey) throw new Error('no API key yet: call createApiKey() first');
		const res = await request(`${this.baseUrl}/api/v1${urlPath}`, {
			method,
			json,
			headers: { 'X-N8N-API-KEY': this.apiKey },
			expect,
		});
		return raw ? res : res.body;
	}

	// ---------- users ----------

	/** POST /rest/owner/setup (sets the n8n-auth cookie). Password needs a digit and an upper-case letter. */
	async setupOwner(owner = DEFAULT_OWNER) {
		this.owner = { ...DEFAULT_OWNER, ...owner };
		const { email, firstName, lastName, password } = this.owner;
		await this.rest('POST', '/owner/setup', { email, firstName, lastName, password });
		return this.owner;
	}

	/** POST /rest/login with a fresh cookie jar (no browser-id header, so /oauth2-credential/auth does not demand one). */
	async login({ email = this.owner.email, password = this.owner.password } = {}) {
		this.jar = new CookieJar();
		await this.rest('POST', '/login', { emailOrLdapLoginId: email, password });
		if (!this.jar.get(this.baseUrl, 'n8n-auth'))
			throw new Error('login did not set the n8n-auth cookie');
	}

	/** Create an API key with every scope the instance offers; sets this.apiKey. */
	async createApiKey(label = 'e2e') {
		let scopes;
		try {
			scopes = await this.rest('GET', '/api-keys/scopes');
		} catch (err) {
			if (!(err instanceof HttpError) || err.status !== 404) throw err;
		}
		const body = { label, expiresAt: null };
		if (Array.isArray(scopes)) body.scopes = scopes;
		const data = await this.rest('POST', '/api-keys', body);
		this.apiKey = data.rawApiKey || data.apiKey;
		if (!this.apiKey)
			throw new Error(`no key in POST /rest/api-keys answer: ${JSON.stringify(data)}`);
		return this.apiKey;
	}

	// ---------- credentials ----------

	/** POST /rest/credentials (cookie; accepts the plain body on 1.x and 2.x). Returns { id, name, type, ... }. */
	async createCredential({ name, type, data }) {
		return await this.rest('POST', '/credentials', { name, type, data });
	}

	/** GET /rest/credentials/:id (no secrets). */
	async getCredential(id) {
		return await this.rest('GET', `/credentials/${id}`);
	}

	async deleteCredential(id) {
		return await this.rest('DELETE', `/credentials/${id}`);
	}

	/**
	 * Every credential decrypted, via `n8n export:credentials --all --decrypted` run with the same user
	 * folder, database and encryption key (the running n8n is left alone; SQLite allows the reader).
	 * Returns [{ id, name, type, data: {...} }, ...].
	 */
	async exportCredentials() {
		const outFile = path.join(
			this.tmpRoot,
			`export-${Date.now()}-${Math.random().toString(36).slice(2)}.json`,
		);
		try {
			await this.cli(['export:credentials', '--all', '--decrypted', `--output=${outFile}`]);
		} catch (err) {
			if (/No credentials found/i.test(err.message)) return [];
			throw err;
		}
		const list = JSON.parse(fs.readFileSync(outFile, 'utf8'));
		fs.rmSync(outFile, { force: true });
		return list;
	}

	/**
	 * One credential decrypted: read straight from the SQLite database with Node 24 (read-credential.js,
	 * ~0.1 s), or, when that cannot read it, through `n8n export:credentials` (see exportCredentials).
	 */
	async exportCredential(id) {
		const direct = await this.readCredential(id).catch(() => null);
		if (direct) return direct;
		const found = (await this.exportCredentials()).find((c) => String(c.id) === String(id));
		if (!found) throw new Error(`credential ${id} not in export`);
		return found;
	}

	/** { id, name, type, data } decrypted from <userFolder>/.n8n/database.sqlite; rejects if it cannot. */
	readCredential(id) {
		const dbPath = path.join(this.userFolder, '.n8n', 'database.sqlite');
		const script = path.join(__dirname, 'read-credential.js');
		const key = this.env.N8N_ENCRYPTION_KEY;
		return new Promise((resolve, reject) => {
			execFile(
				this.nodeBin,
				[script, dbPath, String(id), key],
				{ timeout: 15_000 },
				(err, stdout, stderr) => {
					if (err) return reject(new Error(`read-credential: ${stderr || err.message}`));
					try {
						resolve(JSON.parse(stdout));
					} catch (e) {
						reject(e);
					}
				},
			);
		});
	}

	/**
	 * Run an n8n CLI command against this instance's user folder with the Node 24 binary. The command runs in
	 * its own process group, tracked like n8n itself (watchdog, PID file), and its whole group is killed on
	 * timeout: an `export:credentials` left behind by an interrupted run was once seen spinning for minutes
	 * on a deleted user folder.
	 */
	cli(args, { timeoutMs = 120_000 } = {}) {
		return new Promise((resolve, reject) => {
			// The CLI must not bind the instance's ports; give it throwaway ones.
			const env = { ...this.env, N8N_PORT: '0', N8N_RUNNERS_BROKER_PORT: '0' };
			const [command, commandArgs] = this.n8nCommand(
				args,
				`dotloop-e2e-n8n-${this.port}-cli-${Date.now()}`,
			);
			const child = spawn(command, commandArgs, {
				cwd: this.userFolder,
				env,
				detached: true,
				stdio: ['ignore', 'pipe', 'pipe'],
			});
			cleanup.track(child, `n8n ${args[0]} (${this.version})`);
			const out = [];
			const err = [];
			child.stdout.on('data', (d) => out.push(d));
			child.stderr.on('data', (d) => err.push(d));
			let timedOut = false;
			const timer = setTimeout(() => {
				timedOut = true;
				cleanup.stopPid(child.pid, 2000);
			}, timeoutMs);
			child.once('error', (e) => {
				clearTimeout(timer);
				reject(new Error(`n8n ${args.join(' ')} could not start: ${e.message}`));
			});
			child.once('close', (code, signal) => {
				clearTimeout(timer);
				const stdout = Buffer.concat(out).toString('utf8');
				const stderr = Buffer.concat(err).toString('utf8');
				if (code === 0 && !timedOut) return resolve({ stdout, stderr });
				const why = timedOut ? `timed out after ${timeoutMs} ms` : `exited ${signal || code}`;
				reject(new Error(`n8n ${args.join(' ')} failed: ${why}\n${stdout}\n${stderr}`));
			});
		});
	}

	// ---------- workflows ----------

	/** POST /api/v1/workflows. Give webhook/trigger nodes an explicit webhookId. Returns the stored workflow. */
	async createWorkflow({ name = 'e2e workflow', nodes, connections = {}, settings = {} }) {
		return await this.api('POST', '/workflows', {
			name,
			nodes,
			connections,
			settings: { executionOrder: 'v1', ...settings },
		});
	}

	/** PUT /api/v1/workflows/:id (name, nodes, connections, settings); on an active 2.x workflow this saves a draft. */
	async updateWorkflow(id, { name, nodes, connections = {}, settings = {} }) {
		return await this.api('PUT', `/workflows/${id}`, {
			name,
			nodes,
			connections,
			settings: { executionOrder: 'v1', ...settings },
		});
	}

	/**
	 * Create a workflow "Manual Trigger -> nodes[0] -> nodes[1] ..." (positions filled in), run it, and return
	 * { workflow, execution }. Nodes are n8n node JSON ({ name, type, typeVersion, parameters, credentials }).
	 */
	async runNodes(nodes, { name = 'e2e run', timeoutMs } = {}) {
		const trigger = {
			id: 'manual-trigger',
			name: 'Manual Trigger',
			type: 'n8n-nodes-base.manualTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		};
		const chain = [
			trigger,
			...nodes.map((n, i) => ({ id: n.id || `node-${i}`, position: [220 * (i + 1), 0], ...n })),
		];
		const connections = {};
		for (let i = 0; i < chain.length - 1; i++) {
			connections[chain[i].name] = {
				main: [[{ node: chain[i + 1].name, type: 'main', index: 0 }]],
			};
		}
		const workflow = await this.createWorkflow({ name, nodes: chain, connections });
		const execution = await this.runWorkflow(workflow.id, trigger.name, { timeoutMs });
		return { workflow, execution };
	}

	/** GET /rest/workflows/:id → .data (the shape /run wants as workflowData). */
	async getWorkflow(id) {
		return await this.rest('GET', `/workflows/${id}`);
	}

	async deleteWorkflow(id) {
		return await this.api('DELETE', `/workflows/${id}`);
	}

	/**
	 * Manual run like the editor's "Execute workflow": POST /rest/workflows/:id/run with
	 * { workflowData, triggerToStartFrom: { name } } (works on 1.x and 2.x). Waits for the end unless
	 * wait=false; returns the execution (GET /api/v1/executions/:id?includeData=true) or { executionId }.
	 */
	async runWorkflow(id, triggerNodeName, { wait = true, timeoutMs = 120_000 } = {}) {
		const workflowData = await this.getWorkflow(id);
		const started = await this.rest('POST', `/workflows/${id}/run`, {
			workflowData,
			triggerToStartFrom: { name: triggerNodeName },
		});
		const executionId =
			started && (started.executionId || (started.data && started.data.executionId));
		if (!executionId) throw new Error(`manual run gave no executionId: ${JSON.stringify(started)}`);
		if (!wait) return { executionId };
		return await this.waitForExecution(executionId, { timeoutMs });
	}

	/** Poll GET /api/v1/executions/:id?includeData=true until it has finished (any final status). */
	async waitForExecution(executionId, { timeoutMs = 120_000, intervalMs = 200 } = {}) {
		const deadline = Date.now() + timeoutMs;
		let doneSince = null;
		for (;;) {
			const res = await this.api('GET', `/executions/${executionId}?includeData=true`, undefined, {
				expect: [200, 404],
				raw: true,
			});
			if (res.status === 200) {
				const ex = res.body;
				const done =
					ex.finished ||
					['success', 'error', 'crashed', 'canceled'].includes(ex.status) ||
					ex.stoppedAt;
				// n8n 1.x stores the finished status and the execution data in two writes: in between, a
				// "success" execution still carries the data saved at its start (no lastNodeExecuted, run data
				// missing nodes). Only hand out an execution whose data is final: an error, or the last executed
				// node with its run data.
				const rd = ex.data && ex.data.resultData;
				const complete = Boolean(
					rd &&
						(rd.error || (rd.lastNodeExecuted && rd.runData && rd.runData[rd.lastNodeExecuted])),
				);
				if (done && doneSince === null) doneSince = Date.now();
				// (a crashed or canceled run may never get final data: give it 10 s)
				if (done && !complete && Date.now() - doneSince < 10_000 && Date.now() <= deadline) {
					await sleep(intervalMs);
					continue;
				}
				if (done && ex.status !== 'running' && ex.status !== 'new' && ex.status !== 'waiting')
					return ex;
			}
			if (Date.now() > deadline)
				throw new Error(`execution ${executionId} not finished after ${timeoutMs} ms`);
			await sleep(intervalMs);
		}
	}

	/** Executions of a workflow (newest first), e.g. after a webhook delivery. */
	async listExecutions({ workflowId, status, limit = 50, includeData = false } = {}) {
		const qs = new URLSearchParams({ limit: String(limit), includeData: String(includeData) });
		if (workflowId) qs.set('workflowId', String(workflowId));
		if (status) qs.set('status', status);
		const body = await this.api('GET', `/executions?${qs}`);
		return body.data;
	}

	/** Wait until a workflow has at least `count` finished executions; returns them (newest first, with data). */
	async waitForExecutions(workflowId, { count = 1, timeoutMs = 30_000 } = {}) {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const list = (await this.listExecutions({ workflowId })).filter(
				(e) => e.finished || e.stoppedAt,
			);
			if (list.length >= count) {
				return await Promise.all(list.map((e) => this.waitForExecution(e.id)));
			}
			if (Date.now() > deadline)
				throw new Error(
					`workflow ${workflowId}: ${list.length}/${count} executions after ${timeoutMs} ms`,
				);
			await sleep(250);
		}
	}

	/** Output items (json) of a node in an execution: runData[node][run].data.main[output][i].json. */
	nodeOutput(execution, nodeName, { run = 0, output = 0 } = {}) {
		const runData =
			execution && execution.data && execution.data.resultData && execution.data.resultData.runData;
		const runs = runData && runData[nodeName];
		if (!runs || !runs[run]) return undefined;
		const main = runs[run].data && runs[run].data.main;
		return ((main && main[output]) || []).map((item) => item.json);
	}

	/** The execution's error (resultData.error), or a node's run error. */
	executionError(execution, nodeName) {
		const rd = execution && execution.data && execution.data.resultData;
		if (!rd) return undefined;
		if (nodeName)
			return (
				rd.runData &&
				rd.runData[nodeName] &&
				rd.runData[nodeName][0] &&
				rd.runData[nodeName][0].error
			);
		return rd.error;
	}

	/**
	 * Activate (publish). 1.x: POST /api/v1/workflows/:id/activate is synchronous (a failing create() gives 400).
	 * 2.x: it returns at once; poll GET /rest/workflows/:id/publication-status until published/failed.
	 * Resolves { ok: true, status, seconds } or, with throwOnError=false, { ok: false, status, error, seconds }.
	 */
	async activate(id, { timeoutMs = 60_000, throwOnError = true } = {}) {
		const t0 = Date.now();
		const res = await this.api('POST', `/workflows/${id}/activate`, undefined, {
			expect: [200, 400, 409],
			raw: true,
		});
		const fail = (error, status = 'failed', detail = undefined) => {
			const out = { ok: false, status, error, seconds: (Date.now() - t0) / 1000, detail };
			if (throwOnError) {
				const err = new Error(`activation of workflow ${id} failed: ${error}`);
				err.result = out;
				throw err;
			}
			return out;
		};
		if (res.status !== 200) return fail((res.body && res.body.message) || res.text, 'rejected');
		if (this.major < 2)
			return { ok: true, status: 'active', seconds: (Date.now() - t0) / 1000, workflow: res.body };
		for (;;) {
			const st = await this.publicationStatus(id);
			const status = st.status;
			if (status === 'published')
				return { ok: true, status, seconds: (Date.now() - t0) / 1000, detail: st };
			if (status === 'failed' || status === 'partial') {
				const messages = (st.triggers || []).map((t) => t.errorMessage).filter(Boolean);
				return fail(messages.join('; ') || JSON.stringify(st), status, st);
			}
			if (Date.now() - t0 > timeoutMs)
				return fail(`still ${JSON.stringify(st)} after ${timeoutMs} ms`, 'timeout');
			await sleep(100);
		}
	}

	/** Publication status on 2.x: { status: in_progress|published|partial|failed|not_published, triggers: [...] }. */
	async publicationStatus(id) {
		if (this.major < 2) throw new Error('publication-status exists only on n8n 2.x');
		return await this.rest('GET', `/workflows/${id}/publication-status`, undefined, {
			expect: [200],
		});
	}

	/**
	 * Deactivate (unpublish): POST /api/v1/workflows/:id/deactivate (runs the triggers' delete()).
	 * 1.x: synchronous. 2.x: queued; waits until the status is settled at not_published.
	 * opts.webhook ({ webhookId, path }): also wait until that production webhook is no longer routed
	 * (on 2.x routing can lag the status by ~0.1 s).
	 */
	async deactivate(id, { webhook, timeoutMs = 30_000 } = {}) {
		const body = await this.api('POST', `/workflows/${id}/deactivate`);
		const deadline = Date.now() + timeoutMs;
		if (this.major >= 2) {
			for (;;) {
				const st = await this.publicationStatus(id);
				if (st.status === 'not_published') break;
				if (Date.now() > deadline)
					throw new Error(`workflow ${id} still ${st.status} after deactivate`);
				await sleep(100);
			}
		}
		if (webhook) {
			while (await this.isWebhookRegistered(webhook)) {
				if (Date.now() > deadline)
					throw new Error(`webhook ${this.webhookUrl(webhook)} still routed after deactivate`);
				await sleep(100);
			}
		}
		return body;
	}

	/**
	 * Whether n8n routes a production webhook, probed with a GET (which a POST-only webhook refuses with
	 * "not registered for GET requests. Did you mean ..." instead of "is not registered") — no execution starts.
	 */
	async isWebhookRegistered({ webhookId, path: p }) {
		const res = await request(this.webhookUrl({ webhookId, path: p }), { method: 'GET' });
		if (res.status !== 404) return true;
		return /Did you mean/i.test(res.text);
	}

	/** Production webhook URL served locally: /webhook/<webhookId>/<path> (trigger nodes) or /webhook/<path>. */
	webhookUrl({ webhookId, path: p = '' } = {}) {
		const parts = [webhookId, p].filter(Boolean).map((s) => String(s).replace(/^\/+|\/+$/g, ''));
		return `${this.baseUrl}/webhook/${parts.join('/')}`;
	}

	/** POST (or method) to a production webhook. body: string/Buffer sent as-is, or json. Returns the response. */
	async postWebhook({
		webhookId,
		path: p,
		method = 'POST',
		json,
		body,
		headers = {},
		timeoutMs = 30_000,
	} = {}) {
		return await request(this.webhookUrl({ webhookId, path: p }), {
			method,
			json,
			body,
			headers,
			timeoutMs,
		});
	}
}

/**
 * Start an n8n.
 * opts: {
 *   version (required), port?, brokerPort?,
 *   packageTarball?  — installed into the user folder as the Community Nodes installer would,
 *   credentialsOverwrite? — object for CREDENTIALS_OVERWRITE_DATA,
 *   webhookUrl? (default https://hooks.example.test/), env? (extra variables, win over defaults),
 *   logDir? (default $E2E_RUN_DIR/logs or the temp root), readyTimeoutMs?,
 *   spawnPrefix? — a command n8n is started through, e.g. netns.js's nsenter prefix
 * }
 * With E2E_N8N_DOCKER_IMAGE set (and no spawnPrefix), n8n runs from that image instead (docker.js).
 * Resolves an N8n with baseUrl, port, userFolder, pid, startSeconds, logFile.
 */
async function startN8n(opts) {
	const {
		version,
		packageTarball,
		credentialsOverwrite,
		webhookUrl = 'https://hooks.example.test/',
		env: extraEnv = {},
	} = opts;
	if (!version) throw new Error('startN8n: version is required');
	const nodeBin = opts.nodeBin || paths.nodeBin();
	const n8nBin = paths.n8nBin(version);
	const dockerImage = opts.spawnPrefix ? null : docker.dockerImage();
	if (!dockerImage && (!paths.isComplete(paths.n8nDir(version)) || !fs.existsSync(n8nBin))) {
		throw new Error(
			`n8n ${version} is not provisioned in ${paths.cacheDir()}: run npm run e2e:provision`,
		);
	}
	if (!fs.existsSync(nodeBin))
		throw new Error(`Node 24 missing at ${nodeBin}: run npm run e2e:provision`);
	const port = opts.port || (await freePort());
	const brokerPort = opts.brokerPort || (await freePort());
	const tmpRoot = cleanup.trackDir(
		fs.mkdtempSync(path.join(os.tmpdir(), `dotloop-e2e-n8n-${version}-`)),
	);
	const userFolder = path.join(tmpRoot, 'user');
	fs.mkdirSync(userFolder, { recursive: true });
	// Logs outlive the user folder: in the run's work dir under run.js, else in <tmp>/dotloop-e2e-logs.
	const logDir =
		opts.logDir ||
		(process.env.E2E_RUN_DIR
			? path.join(process.env.E2E_RUN_DIR, 'logs')
			: path.join(os.tmpdir(), 'dotloop-e2e-logs'));
	const logFile = path.join(logDir, `n8n-${version}-${port}.log`);
	let installed = null;
	if (packageTarball) installed = installIntoUserFolder(userFolder, packageTarball);
	const baseUrl = `http://127.0.0.1:${port}`;
	const env = {
		...n8nProcessEnv({ nodeBin, userFolder, port, brokerPort }),
		DB_TYPE: 'sqlite',
		WEBHOOK_URL: webhookUrl,
		N8N_EDITOR_BASE_URL: `${baseUrl}/`,
		...(credentialsOverwrite
			? { CREDENTIALS_OVERWRITE_DATA: JSON.stringify(credentialsOverwrite) }
			: {}),
		...extraEnv,
	};
	const n8n = new N8n({
		version,
		port,
		brokerPort,
		baseUrl,
		tmpRoot,
		userFolder,
		ownsUserFolder: true,
		logFile,
		nodeBin,
		n8nBin,
		env,
		installedPackage: installed,
		spawnPrefix: opts.spawnPrefix,
		dockerImage,
	});
	const t0 = Date.now();
	await n8n._spawn();
	try {
		await n8n.waitReady(opts.readyTimeoutMs);
	} catch (err) {
		await n8n.stop({ keepUserFolder: process.env.E2E_KEEP_TMP === '1' });
		throw err;
	}
	n8n.startSeconds = (Date.now() - t0) / 1000;
	return n8n;
}

module.exports = { startN8n, N8n, n8nProcessEnv, ENCRYPTION_KEY, DEFAULT_OWNER };
