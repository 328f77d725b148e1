'use strict';
/**
 * n8n from its Docker image instead of the provisioned npm install (n8n 3.0 ships only as an image):
 * E2E_N8N_DOCKER_IMAGE=n8nio/n8n:<tag> (with E2E_N8N_VERSION / N8N_VERSIONS = that tag's version).
 *
 * The container shares the host's network (n8n listens on the same 127.0.0.1 port the harness picked)
 * and sees the instance's temp root at the same path, so the user folder, the installed package and the
 * log work as with a local n8n. It runs as the calling user; the environment goes through an env-file.
 */
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

/** The variables n8n reads; the rest of the harness's environment (the host's PATH, HOME...) stays out. */
const PASSED =
	/^(N8N_|DB_|WEBHOOK_URL$|CREDENTIALS_|EXECUTIONS_|QUEUE_|OFFLOAD_|GENERIC_TIMEZONE$|NODE_EXTRA_CA_CERTS$|npm_config_)/;

function dockerImage() {
	return process.env.E2E_N8N_DOCKER_IMAGE || null;
}

/**
 * [command, args] running `n8n <n8nArgs>` in the image. name: the container's name (removed when it
 * stops: --rm); env: the n8n process environment; tmpRoot: mounted at the same path; userFolder: HOME.
 */
function dockerCommand({ image, name, env, tmpRoot, userFolder, n8nArgs }) {
	const envFile = path.join(tmpRoot, `${name}.env`);
	const lines = Object.entries(env)
		.filter(([k]) => PASSED.test(k))
		.map(([k, v]) => `${k}=${String(v).replace(/\n/g, ' ')}`);
	// n8n 3.0 installs no unverified package unless an admin allows it (README, Install).
	lines.push('N8N_UNVERIFIED_PACKAGES_ENABLED=true', `HOME=${userFolder}`);
	fs.writeFileSync(envFile, `${lines.join('\n')}\n`);
	const user =
		typeof process.getuid === 'function' ? `${process.getuid()}:${process.getgid()}` : null;
	return [
		'docker',
		[
			'run',
			'--rm',
			'--init',
			'--name',
			name,
			'--network',
			'host',
			...(user ? ['--user', user] : []),
			'--volume',
			`${tmpRoot}:${tmpRoot}`,
			'--workdir',
			userFolder,
			'--env-file',
			envFile,
			'--entrypoint',
			'n8n',
			image,
			...n8nArgs,
		],
	];
}

/** Remove the container if the CLI that ran it was killed before it could stop it. */
function removeContainer(name) {
	spawnSync('docker', ['rm', '--force', name], { stdio: 'ignore' });
}

module.exports = { dockerImage, dockerCommand, removeContainer };
