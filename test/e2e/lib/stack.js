'use strict';
/**
 * One call for a test file's beforeAll: sandbox (in-process) + n8n (the version under test, with the packed
 * package installed and the credential's OAuth URLs pointed at the sandbox) + owner, login, API key.
 *
 *   const stack = await startStack();            // version from E2E_N8N_VERSION, tarball from E2E_PACKAGE_TARBALL
 *   stack.n8n, stack.sandbox, stack.admin         // N8n, sandbox handle, SandboxAdmin
 *   await stack.stop();                           // afterAll
 */
const fs = require('node:fs');
const path = require('node:path');
const paths = require('./paths');
const { freePort } = require('./ports');
const { startN8n } = require('./n8n');
const { startSandbox } = require('./sandbox');
const { credentialsOverwrite } = require('./dotloop');
const pkg = require('./package');
const { log } = require('./util');

/** The n8n version this test process targets: E2E_N8N_VERSION, else the first of N8N_VERSIONS. */
function targetVersion() {
	return process.env.E2E_N8N_VERSION || paths.n8nVersions()[0];
}

let builtTarball = null;
/**
 * The package tarball under test: E2E_PACKAGE_TARBALL (run.js builds and packs once per run), else
 * build + pack now into <repo>/.e2e-work/pack (for running a test file directly with jest).
 */
function packageTarball() {
	if (process.env.E2E_PACKAGE_TARBALL) return process.env.E2E_PACKAGE_TARBALL;
	if (!builtTarball) {
		pkg.build({ log });
		builtTarball = pkg.pack(path.join(pkg.REPO_DIR, '.e2e-work', 'pack', String(process.pid)), {
			log,
		});
	}
	return builtTarball;
}

/**
 * opts: {
 *   version?                       — default targetVersion()
 *   sandbox?: object | false       — startSandbox options (webhookOrigin is set to this n8n); false: no sandbox
 *   installPackage?: boolean       — default true
 *   owner?: boolean                — set up owner + login + API key (default true)
 *   n8n?: object                   — extra startN8n options (env, webhookUrl, ...)
 *   allowPackageLoadErrors?: bool  — default false: fail at once if n8n could not load the package
 * }
 * Returns { version, n8n, sandbox, admin, timings: { sandbox, n8nStart, owner }, stop() }.
 */
async function startStack(opts = {}) {
	const version = opts.version || targetVersion();
	const timings = {};
	const port = await freePort();
	let sandbox = null;
	let n8n = null;
	const stop = async () => {
		const tasks = [];
		if (n8n) tasks.push(n8n.stop());
		if (sandbox) tasks.push(sandbox.stop());
		await Promise.allSettled(tasks);
	};
	try {
		if (opts.sandbox !== false) {
			const t0 = Date.now();
			sandbox = await startSandbox({
				webhookOrigin: `http://127.0.0.1:${port}`,
				...(opts.sandbox || {}),
			});
			timings.sandbox = (Date.now() - t0) / 1000;
		}
		const tarball = opts.installPackage === false ? undefined : packageTarball();
		if (tarball && !fs.existsSync(tarball)) throw new Error(`package tarball missing: ${tarball}`);
		n8n = await startN8n({
			version,
			port,
			packageTarball: tarball,
			credentialsOverwrite: sandbox ? credentialsOverwrite(sandbox) : undefined,
			...(opts.n8n || {}),
		});
		timings.n8nStart = n8n.startSeconds;
		const loadErrors = n8n.packageLoadErrors();
		if (loadErrors.length && !opts.allowPackageLoadErrors) {
			throw new Error(
				`n8n ${version} could not load the package (see ${n8n.logFile}):\n${loadErrors.join('\n')}`,
			);
		}
		if (opts.owner !== false) {
			const t1 = Date.now();
			await n8n.setupOwner();
			await n8n.login();
			await n8n.createApiKey();
			timings.owner = (Date.now() - t1) / 1000;
		}
		log(
			`n8n ${version} ready on ${n8n.baseUrl} in ${timings.n8nStart.toFixed(1)} s${sandbox ? `, sandbox ${sandbox.url}` : ''} (log ${n8n.logFile})`,
		);
	} catch (err) {
		await stop();
		throw err;
	}
	return {
		version,
		major: paths.n8nMajor(version),
		n8n,
		sandbox,
		admin: sandbox && sandbox.admin,
		timings,
		stop,
	};
}

module.exports = { startStack, targetVersion, packageTarball };
