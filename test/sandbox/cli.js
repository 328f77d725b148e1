#!/usr/bin/env node
'use strict';

const { startSandbox } = require('./index');

const USAGE = `Usage: node test/sandbox/cli.js [options]
  --port N              port on 127.0.0.1 (default 4477; 0 = random)      SANDBOX_PORT
  --token-ttl S         access token lifetime in seconds (default 43199)   SANDBOX_TOKEN_TTL
  --rate-limit N        requests per window per user and client (100)      SANDBOX_RATE_LIMIT
  --rate-window-ms MS   rate limit window (60000)                          SANDBOX_RATE_WINDOW_MS
  --clock-scale X       speed up rate windows and webhook retries (1)      SANDBOX_CLOCK_SCALE
  --auto-approve        skip the consent page                              SANDBOX_AUTO_APPROVE=true
  --webhook-origin URL  deliver webhooks to this origin (e.g. http://127.0.0.1:5678)  SANDBOX_WEBHOOK_ORIGIN
  --latency-ms N        delay every API response (0)                       SANDBOX_LATENCY_MS
  --client-id ID / --client-secret S                                       SANDBOX_CLIENT_ID / SANDBOX_CLIENT_SECRET
  --quiet               no warnings on stderr                              SANDBOX_QUIET=true`;

const OPTIONS = {
	'--port': ['port', 'SANDBOX_PORT', Number],
	'--token-ttl': ['tokenTtlSeconds', 'SANDBOX_TOKEN_TTL', Number],
	'--rate-limit': ['rateLimit', 'SANDBOX_RATE_LIMIT', Number],
	'--rate-window-ms': ['rateWindowMs', 'SANDBOX_RATE_WINDOW_MS', Number],
	'--clock-scale': ['clockScale', 'SANDBOX_CLOCK_SCALE', Number],
	'--webhook-origin': ['webhookOrigin', 'SANDBOX_WEBHOOK_ORIGIN', String],
	'--latency-ms': ['latencyMs', 'SANDBOX_LATENCY_MS', Number],
	'--client-id': ['clientId', 'SANDBOX_CLIENT_ID', String],
	'--client-secret': ['clientSecret', 'SANDBOX_CLIENT_SECRET', String],
};
const FLAGS = {
	'--auto-approve': ['autoApprove', 'SANDBOX_AUTO_APPROVE'],
	'--quiet': ['quiet', 'SANDBOX_QUIET'],
};

function parse(argv, env) {
	const options = { port: 4477 };
	for (const [, [key, name, cast]] of Object.entries(OPTIONS))
		if (env[name] !== undefined && env[name] !== '') options[key] = cast(env[name]);
	for (const [, [key, name]] of Object.entries(FLAGS))
		if (env[name] !== undefined) options[key] = /^(1|true|yes)$/i.test(env[name]);
	for (let i = 0; i < argv.length; i += 1) {
		const [flag, inline] = argv[i].split(/=(.*)/s);
		if (flag === '--help' || flag === '-h') return null;
		if (FLAGS[flag]) {
			options[FLAGS[flag][0]] = true;
			continue;
		}
		const spec = OPTIONS[flag];
		if (!spec) throw new Error(`unknown option ${argv[i]}`);
		const value = inline !== undefined ? inline : argv[++i];
		if (value === undefined) throw new Error(`${flag} needs a value`);
		options[spec[0]] = spec[2](value);
	}
	return options;
}

async function main() {
	let options;
	try {
		options = parse(process.argv.slice(2), process.env);
	} catch (err) {
		process.stderr.write(`${err.message}\n${USAGE}\n`);
		process.exit(2);
	}
	if (!options) {
		process.stdout.write(`${USAGE}\n`);
		return;
	}
	const sandbox = await startSandbox(options);
	const d = sandbox.app.describe();
	process.stdout.write(
		[
			`Dotloop sandbox listening on ${sandbox.url}`,
			`  API base URL:   ${d.apiBaseUrl}`,
			`  Authorize URL:  ${d.authorizeUrl}`,
			`  Token URL:      ${d.tokenUrl}`,
			`  Admin URL:      ${d.adminUrl}  (GET ${d.adminUrl}/health)`,
			`  Client id:      ${sandbox.clientId}`,
			`  Client secret:  ${sandbox.clientSecret}`,
			'',
		].join('\n'),
	);
	const shutdown = (signal) => {
		process.stdout.write(`\n${signal}: stopping the sandbox\n`);
		sandbox.stop().then(() => process.exit(0));
		setTimeout(() => process.exit(0), 2000).unref();
	};
	process.once('SIGINT', () => shutdown('SIGINT'));
	process.once('SIGTERM', () => shutdown('SIGTERM'));
}

if (require.main === module) {
	main().catch((err) => {
		process.stderr.write(`dotloop sandbox: ${err.message}\n`);
		process.exit(1);
	});
}

module.exports = { parse };
