'use strict';
/**
 * Build + pack the repository, and install the tarball into an n8n user folder the way n8n's Community
 * Nodes installer does (n8n 2.41 CommunityPackagesService.downloadPackage):
 *   tar -xzf <tarball> -C <userFolder>/.n8n/nodes/node_modules/<name> --strip-components=1
 *   rewrite its package.json without devDependencies / peerDependencies / optionalDependencies
 *   (npm install inside it — only needed if the package has dependencies; ours must have none)
 *   <userFolder>/.n8n/nodes/package.json: {"name":"installed-nodes","private":true,"dependencies":{name: version}}
 */
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

const REPO_DIR = path.resolve(__dirname, '..', '..', '..');

function npm(args, opts = {}) {
	return execFileSync('npm', args, {
		cwd: REPO_DIR,
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'pipe'],
		maxBuffer: 64 * 1024 * 1024,
		...opts,
	});
}

/** `npm run build` in the repository (throws with the compiler output on failure). */
function build({ log = () => {} } = {}) {
	const t0 = Date.now();
	try {
		npm(['run', 'build']);
	} catch (err) {
		throw new Error(`npm run build failed:\n${err.stdout || ''}${err.stderr || ''}`);
	}
	log(`build: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

/** `npm pack` the repository into outDir; returns the tarball's absolute path. */
function pack(outDir, { log = () => {} } = {}) {
	fs.mkdirSync(outDir, { recursive: true });
	const t0 = Date.now();
	let out;
	try {
		out = npm(['pack', '--json', '--pack-destination', outDir]);
	} catch (err) {
		throw new Error(`npm pack failed:\n${err.stdout || ''}${err.stderr || ''}`);
	}
	const info = JSON.parse(out.slice(out.indexOf('[')));
	const tarball = path.join(outDir, info[0].filename);
	log(
		`pack: ${path.basename(tarball)} (${info[0].entryCount} files, ${info[0].size} bytes) in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
	);
	return tarball;
}

function readTarballPackageJson(tarball) {
	const text = execFileSync('tar', ['-xzOf', tarball, 'package/package.json'], {
		encoding: 'utf8',
	});
	return JSON.parse(text);
}

/**
 * Install the packed package into <userFolder>/.n8n/nodes as n8n's installer leaves it.
 * Returns { name, version, dir }.
 */
function installIntoUserFolder(userFolder, tarball) {
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	const manifest = readTarballPackageJson(tarball);
	const packageDir = path.join(nodesDir, 'node_modules', manifest.name);
	fs.rmSync(packageDir, { recursive: true, force: true });
	fs.mkdirSync(packageDir, { recursive: true });
	execFileSync('tar', ['-xzf', tarball, '-C', packageDir, '--strip-components=1']);
	const pkgPath = path.join(packageDir, 'package.json');
	const { devDependencies, peerDependencies, optionalDependencies, ...kept } = JSON.parse(
		fs.readFileSync(pkgPath, 'utf8'),
	);
	fs.writeFileSync(pkgPath, JSON.stringify(kept, null, 2), 'utf8');
	if (kept.dependencies && Object.keys(kept.dependencies).length) {
		// What n8n runs next; a community package should have no dependencies, so this normally never runs.
		execFileSync(
			'npm',
			[
				'install',
				'--audit=false',
				'--fund=false',
				'--bin-links=false',
				'--install-strategy=shallow',
				'--ignore-scripts=true',
				'--package-lock=false',
			],
			{ cwd: packageDir, stdio: 'pipe' },
		);
	}
	const ledgerPath = path.join(nodesDir, 'package.json');
	let ledger = { name: 'installed-nodes', private: true, dependencies: {} };
	if (fs.existsSync(ledgerPath)) ledger = JSON.parse(fs.readFileSync(ledgerPath, 'utf8'));
	ledger.dependencies = { ...(ledger.dependencies || {}), [kept.name]: kept.version };
	fs.writeFileSync(ledgerPath, JSON.stringify(ledger, null, 2), 'utf8');
	return { name: kept.name, version: kept.version, dir: packageDir };
}

module.exports = { REPO_DIR, build, pack, installIntoUserFolder, readTarballPackageJson };
