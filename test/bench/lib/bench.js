'use strict';
/**
 * The benchmark's hold on one n8n + sandbox (from the e2e harness): credentials for both sides,
 * a "fresh" n8n before each measured run, and one measured manual execution.
 */
const h = require('../../e2e/lib');
const { ProcessMonitor, otherLoad } = require('./proc');
const { workflows } = require('../workflows');

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const QUIET_CORES = 0.3;

class Bench {
	/**
	 * stack: from startStack. opts.restart: restart n8n before each measured run (peak RSS then starts
	 * from the same idle baseline for both sides; VmHWM and V8's heap never shrink back on their own).
	 */
	constructor(stack, { restart = true, quietBudgetSeconds = 0, log = () => {} } = {}) {
		this.stack = stack;
		this.n8n = stack.n8n;
		this.sandbox = stack.sandbox;
		this.admin = stack.admin;
		this.restartBeforeRuns = restart;
		this.log = log;
		this.ctx = {
			NODE_TYPE: h.NODE_TYPE,
			TRIGGER_TYPE: h.TRIGGER_TYPE,
			CREDENTIAL_TYPE: h.CREDENTIAL_TYPE,
			apiBaseUrl: stack.sandbox.apiBaseUrl,
			rateLimit: 100,
			clockScale: 1,
		};
		this.warmupId = null;
		// On a shared machine other work skews wall times: before each measured run wait (within this
		// total budget) until the rest of the machine uses less than QUIET_CORES.
		this.quietBudgetMs = quietBudgetSeconds * 1000;
		this.quietWaitedMs = 0;
	}

	/** Wait until others use < QUIET_CORES (sampled over 2 s), while the budget lasts. Returns their load. */
	async waitQuiet() {
		const t0 = Date.now();
		let load = await otherLoad(this.n8n.pid, 1000);
		while (load >= QUIET_CORES && this.quietWaitedMs + (Date.now() - t0) < this.quietBudgetMs) {
			if (Date.now() - t0 < 2500)
				this.log(
					`machine busy (${load.toFixed(1)} cores used by other processes): waiting for it to quieten`,
				);
			await sleep(3000);
			load = await otherLoad(this.n8n.pid, 1000);
		}
		this.quietWaitedMs += Date.now() - t0;
		return load;
	}

	/**
	 * The newest typeVersion n8n offers for each of the package's node types (from /types/nodes.json),
	 * so the workflows use what a user adding the node today gets.
	 */
	async readNodeVersions() {
		const res = await h.request(`${this.n8n.baseUrl}/types/nodes.json`, {
			jar: this.n8n.jar,
			expect: 200,
		});
		const types = JSON.parse(res.text);
		const newest = (name) => {
			const versions = types
				.filter((t) => t.name === name)
				.flatMap((t) => [t.defaultVersion, ...(Array.isArray(t.version) ? t.version : [t.version])])
				.filter((v) => typeof v === 'number');
			if (!versions.length) throw new Error(`n8n does not know the node type ${name}`);
			return Math.max(...versions);
		};
		this.ctx.nodeTypeVersion = newest(h.NODE_TYPE);
		this.ctx.triggerTypeVersion = newest(h.TRIGGER_TYPE);
	}

	/**
	 * Both credentials, each connected through the real OAuth2 consent flow: the package's Dotloop
	 * credential, and n8n's generic OAuth2 API credential pointed at the same authorize/token URLs.
	 */
	async setupCredentials() {
		const { credential } = await h.connectedDotloopCredential(this.n8n, this.sandbox, {
			name: 'Dotloop (bench)',
		});
		this.ctx.dotloopCredentialId = credential.id;
		const generic = await this.n8n.createCredential({
			name: 'Generic OAuth2 (bench)',
			type: 'oAuth2Api',
			data: {
				grantType: 'authorizationCode',
				authUrl: `${this.sandbox.url}/oauth/authorize`,
				accessTokenUrl: `${this.sandbox.url}/oauth/token`,
				clientId: this.sandbox.clientId,
				clientSecret: this.sandbox.clientSecret,
				scope: '',
				authQueryParameters: '',
				authentication: 'header',
			},
		});
		const flow = await h.connectOAuth2(this.n8n, generic.id, { decision: 'approve' });
		if (!flow.ok)
			throw new Error(`generic OAuth2 consent flow failed: ${flow.pageText || flow.callbackUrl}`);
		this.ctx.httpCredentialId = generic.id;
	}

	/** Restart n8n (if enabled), run the warm-up workflow once, and let n8n settle. */
	async fresh() {
		if (this.restartBeforeRuns) await this.n8n.restart();
		if (!this.warmupId) this.warmupId = (await this.create(workflows.warmup(this.ctx))).id;
		let exec = await this.n8n.runWorkflow(this.warmupId, 'Manual Trigger', { timeoutMs: 60_000 });
		// After a restart that follows thousands of executions (scenario 5), n8n's startup recovery reads
		// its event log and marks every execution it sees unfinished as crashed, the warm-up one too when it
		// is still running: run it again once recovery has passed.
		for (let retry = 1; exec.status === 'crashed' && retry <= 3; retry++) {
			this.log(`warm-up run marked crashed by n8n's startup recovery; running it again (${retry})`);
			await sleep(3000 * retry);
			exec = await this.n8n.runWorkflow(this.warmupId, 'Manual Trigger', { timeoutMs: 60_000 });
		}
		if (exec.status !== 'success')
			throw new Error(
				`warm-up run failed: ${JSON.stringify(this.n8n.executionError(exec) || exec.status).slice(0, 500)}`,
			);
		await sleep(this.restartBeforeRuns ? 1000 : 300);
		this.otherCoresBefore = this.quietBudgetMs > 0 ? await this.waitQuiet() : undefined;
	}

	async create(def) {
		const wf = await this.n8n.createWorkflow({
			name: def.name,
			nodes: def.nodes,
			connections: def.connections,
		});
		return { ...wf, last: def.last };
	}

	/** The execution record without its data (cheap to poll), or null while n8n has none yet. */
	async executionStatus(id) {
		const res = await this.n8n.api('GET', `/executions/${id}`, undefined, {
			expect: [200, 404],
			raw: true,
		});
		if (res.status !== 200) return null;
		return res.body;
	}

	/**
	 * Run a workflow manually and measure it. Requests are counted from the sandbox's request log
	 * (API and OAuth requests made during the run), RSS/CPU from /proc of the n8n process, wall time
	 * from the POST that starts the run until n8n reports the execution finished (saved), polled every
	 * 50 ms, so it includes storing the execution. Returns the metrics plus the full execution.
	 */
	async measureManual(def, { timeoutMs = 300_000 } = {}) {
		const wf = await this.create(def);
		const workflowData = await this.n8n.getWorkflow(wf.id);
		const seq = await this.admin.lastSeq();
		const monitor = new ProcessMonitor(this.n8n.pid).start();
		const t0 = process.hrtime.bigint();
		const started = await this.n8n.rest('POST', `/workflows/${wf.id}/run`, {
			workflowData,
			triggerToStartFrom: { name: 'Manual Trigger' },
		});
		const executionId =
			started && (started.executionId || (started.data && started.data.executionId));
		if (!executionId) throw new Error(`manual run gave no executionId: ${JSON.stringify(started)}`);
		const deadline = Date.now() + timeoutMs;
		let record;
		for (;;) {
			record = await this.executionStatus(executionId);
			if (record && record.stoppedAt && !['running', 'new', 'waiting'].includes(record.status))
				break;
			if (Date.now() > deadline)
				throw new Error(`${def.name}: execution ${executionId} not finished after ${timeoutMs} ms`);
			await sleep(50);
		}
		const wallSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
		const proc = monitor.stop();
		const log = await this.admin.requests({ since: seq });
		const execution = await this.n8n.waitForExecution(executionId, { timeoutMs: 60_000 });
		const out = this.n8n.nodeOutput(execution, def.last) || [];
		const error = this.n8n.executionError(execution);
		return {
			workflowId: wf.id,
			executionId,
			status: execution.status,
			error: error
				? String(error.message || error.description || JSON.stringify(error)).slice(0, 300)
				: undefined,
			...requestCounts(log),
			wallSeconds,
			n8nSeconds: (Date.parse(record.stoppedAt) - Date.parse(record.startedAt)) / 1000,
			peakRssMb: proc.peakRssMb,
			baselineRssMb: proc.baselineRssMb,
			rssGrowthMb: proc.growthMb,
			cpuMs: proc.cpuMs,
			otherCores: proc.otherCores,
			itemsOut: out.length,
			execution,
			output: out,
		};
	}
}

/** API requests (retries and 429s included), of which 429, and OAuth token requests, from log entries. */
function requestCounts(entries) {
	const api = entries.filter((e) => e.path.startsWith('/public/v2'));
	return {
		requests: api.length,
		rateLimited: api.filter((e) => e.status === 429).length,
		failedRequests: api.filter((e) => e.status >= 400).length,
		oauthRequests: entries.filter((e) => e.path.startsWith('/oauth')).length,
	};
}

/** Node run time (ms) as n8n recorded it in the execution. */
function nodeExecutionMs(execution, nodeName) {
	const runs =
		execution &&
		execution.data &&
		execution.data.resultData &&
		execution.data.resultData.runData &&
		execution.data.resultData.runData[nodeName];
	return runs ? runs.reduce((sum, r) => sum + (r.executionTime || 0), 0) : undefined;
}

module.exports = { Bench, requestCounts, nodeExecutionMs, sleep, QUIET_CORES };
