'use strict';
/**
 * A real npm registry (verdaccio, provisioned into the e2e cache) answering as https://registry.npmjs.org
 * inside a private network namespace (netns.js), over TLS with a certificate from a CA made for the run
 * (tls-ca.js). No uplinks: it serves only what the test publishes, and nothing leaves the machine.
 *
 *   const registry = await startRegistry({ ns, dir });
 *   registry.clientEnv      // NODE_EXTRA_CA_CERTS + npm_config_cafile + a private npm cache, for n8n
 *   await registry.publish(tarballOrFolder)
 *   await registry.packument('n8n-nodes-dotloop')   // what npm would read
 *   await registry.stop()
 */
const fs = require('node:fs');
const path = require('node:path');
const https = require('node:https');
const { spawn, execFile } = require('node:child_process');
const { promisify } = require('node:util');
const cleanup = require('./cleanup');
const { makeCertificates } = require('./tls-ca');
const { ensureCommands } = require('./apt');
const { provisionVerdaccio, npmEnv } = require('../provision');
const { waitFor } = require('./util');

const HOST = 'registry.npmjs.org';
const URL_INSIDE = `https://${HOST}/`;
const PUBLISHER = { name: 'e2e-publisher', password: 'e2e-publisher-password' };

function config({ storage, tls, htpasswd }) {
	// JSON is YAML: no YAML writer needed.
	return JSON.stringify(
		{
			storage,
			auth: { htpasswd: { file: htpasswd, max_users: 10 } },
			uplinks: {},
			packages: {
				'**': { access: '$all', publish: '$authenticated', unpublish: '$authenticated' },
			},
			https: { key: tls.key, cert: tls.cert, ca: tls.caCert },
			listen: ['https://127.0.0.1:443'],
			web: { enable: false },
			log: { type: 'stdout', format: 'pretty', level: 'http' },
		},
		null,
		2,
	);
}

/** One HTTPS request to the registry through the namespace's Unix socket, as npm inside would make it. */
function call(socketPath, ca, method, urlPath, json) {
	return new Promise((resolve, reject) => {
		const body = json === undefined ? undefined : JSON.stringify(json);
		const req = https.request(
			{
				socketPath,
				servername: HOST,
				ca,
				method,
				path: urlPath,
				headers: {
					host: HOST,
					accept: 'application/json',
					...(body ? { 'content-type': 'application/json' } : {}),
				},
				timeout: 10_000,
			},
			(res) => {
				let text = '';
				res.setEncoding('utf8');
				res.on('data', (c) => (text += c));
				res.on('end', () => {
					let parsed;
					try {
						parsed = JSON.parse(text);
					} catch {
						parsed = text;
					}
					resolve({ status: res.statusCode, body: parsed });
				});
			},
		);
		req.on('timeout', () => req.destroy(new Error(`${method} ${urlPath}: timeout`)));
		req.on('error', reject);
		req.end(body);
	});
}

async function startRegistry({ ns, dir, log = () => {} }) {
	ensureCommands({ openssl: 'openssl' }, { log });
	const verdaccio = await provisionVerdaccio();
	fs.mkdirSync(dir, { recursive: true });
	const tls = makeCertificates(path.join(dir, 'tls'), [HOST]);
	const ca = fs.readFileSync(tls.caCert);
	const configFile = path.join(dir, 'config.yaml');
	fs.writeFileSync(
		configFile,
		config({
			storage: path.join(dir, 'storage'),
			tls,
			htpasswd: path.join(dir, 'htpasswd'),
		}),
	);
	const logFile = path.join(dir, 'verdaccio.log');
	const out = fs.openSync(logFile, 'a');
	const child = spawn(
		ns.prefix[0],
		[...ns.prefix.slice(1), process.execPath, verdaccio.bin, '--config', configFile],
		{ cwd: dir, stdio: ['ignore', out, out], detached: true, env: npmEnv(null) },
	);
	fs.closeSync(out);
	cleanup.track(child, `verdaccio ${path.basename(verdaccio.dir)}`);
	const socketPath = await ns.socketTo(443);
	const t0 = Date.now();
	await waitFor(async () => (await call(socketPath, ca, 'GET', '/-/ping')).status === 200, {
		timeoutMs: 60_000,
		message: `verdaccio answering over TLS as ${HOST} (log ${logFile})`,
	});
	const startSeconds = (Date.now() - t0) / 1000;
	const user = await call(socketPath, ca, 'PUT', `/-/user/org.couchdb.user:${PUBLISHER.name}`, {
		name: PUBLISHER.name,
		password: PUBLISHER.password,
	});
	if (user.status !== 201 || !user.body.token)
		throw new Error(`verdaccio adduser: ${user.status} ${JSON.stringify(user.body)}`);
	const npmrc = path.join(dir, 'publisher.npmrc');
	fs.writeFileSync(npmrc, `//${HOST}/:_authToken=${user.body.token}\n`);
	const npmCache = path.join(dir, 'npm-cache');
	// What n8n (and the npm it runs) needs to trust the registry; its own npm cache, so that nothing
	// published here lands in the machine's cache under the public registry's name.
	const clientEnv = {
		NODE_EXTRA_CA_CERTS: tls.caCert,
		npm_config_cafile: tls.caCert,
		npm_config_cache: npmCache,
		npm_config_update_notifier: 'false',
	};

	return {
		url: URL_INSIDE,
		logFile,
		startSeconds,
		caCert: tls.caCert,
		clientEnv,
		/** `npm publish` inside the namespace (so registry.npmjs.org is the local one; cafile = the run's CA only). */
		async publish(target) {
			const t1 = Date.now();
			const args = [
				...ns.prefix.slice(1),
				'npm',
				'publish',
				target,
				`--registry=${URL_INSIDE}`,
				`--userconfig=${npmrc}`,
				'--ignore-scripts',
				'--access=public',
				'--json',
			];
			try {
				const { stdout } = await promisify(execFile)(ns.prefix[0], args, {
					cwd: dir,
					env: { ...npmEnv(null), ...clientEnv },
					maxBuffer: 16 << 20,
				});
				log(`published ${path.basename(target)} in ${((Date.now() - t1) / 1000).toFixed(1)} s`);
				return JSON.parse(stdout.slice(stdout.indexOf('{')));
			} catch (err) {
				throw new Error(`npm publish ${target} failed: ${err.stdout || ''}${err.stderr || ''}`);
			}
		},
		async packument(name) {
			const res = await call(socketPath, ca, 'GET', `/${encodeURIComponent(name)}`);
			return res.status === 200 ? res.body : null;
		},
		async stop() {
			await cleanup.stopPid(child.pid, 5000);
		},
	};
}

module.exports = { startRegistry, REGISTRY_HOST: HOST };
