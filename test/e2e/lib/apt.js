'use strict';
/**
 * Make sure system commands a suite needs exist, installing their Debian packages with apt-get when they
 * are missing (root only, as CI runs): ensureCommands({ unshare: 'util-linux', ip: 'iproute2' }).
 */
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

/** Absolute path of a command on PATH (plus the sbin folders a non-login root shell may lack), or null. */
function which(command) {
	const dirs = [...(process.env.PATH || '').split(path.delimiter), '/usr/sbin', '/sbin'];
	for (const dir of dirs) {
		const candidate = path.join(dir, command);
		try {
			fs.accessSync(candidate, fs.constants.X_OK);
			return candidate;
		} catch {
			/* not here */
		}
	}
	return null;
}

function aptGet(args) {
	const res = spawnSync('apt-get', args, {
		encoding: 'utf8',
		env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
		maxBuffer: 64 * 1024 * 1024,
	});
	return { ok: res.status === 0, output: `${res.stdout || ''}${res.stderr || ''}` };
}

/** { command: debianPackage }: installs the packages of the missing commands; returns { command: path }. */
function ensureCommands(commands, { log = () => {} } = {}) {
	const missing = Object.keys(commands).filter((c) => !which(c));
	if (missing.length) {
		const packages = [...new Set(missing.map((c) => commands[c]))];
		if (typeof process.getuid === 'function' && process.getuid() !== 0) {
			throw new Error(
				`${missing.join(', ')} missing: install them (apt-get install -y ${packages.join(' ')}) and run again`,
			);
		}
		const t0 = Date.now();
		log(`installing ${packages.join(', ')} with apt-get (for ${missing.join(', ')})`);
		const install = () => aptGet(['install', '-y', '--no-install-recommends', ...packages]);
		let res = install();
		if (!res.ok) {
			log('apt-get install failed; running apt-get update and trying again');
			const update = aptGet(['update']);
			if (!update.ok) throw new Error(`apt-get update failed:\n${update.output.slice(-3000)}`);
			res = install();
		}
		if (!res.ok) throw new Error(`apt-get install failed:\n${res.output.slice(-3000)}`);
		log(`installed ${packages.join(', ')} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
	}
	const out = {};
	for (const command of Object.keys(commands)) {
		out[command] = which(command);
		if (!out[command])
			throw new Error(`${command} still missing after installing ${commands[command]}`);
	}
	return out;
}

module.exports = { which, ensureCommands };
