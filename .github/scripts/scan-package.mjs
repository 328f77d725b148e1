#!/usr/bin/env node
/**
 * The two static legs of n8n's community-package verification (`@n8n/scan-community-package`), run
 * locally, exactly as its `analyzePackageByName` runs them after fetching a published version:
 *
 *   1. source   analyzePackage(<repository>, SOURCE_FILE_PATTERNS)   package.json + nodes/ + credentials/
 *   2. tarball  analyzePackage(<unpacked `npm pack`>, ['**\/*.js', 'package.json'])   what npm would publish
 *
 * The scanner lints with its own rule set and ignores eslint-disable comments, so this can fail where
 * `n8n-node lint` passes. The provenance leg needs a published version and is not run here.
 *
 *   node .github/scripts/scan-package.mjs               build (npm run build), pack, scan both legs
 *   node .github/scripts/scan-package.mjs --no-build    pack the dist/ already built
 *
 * The scanner comes from node_modules (devDependency @n8n/scan-community-package); SCAN_COMMUNITY_PACKAGE_DIR
 * points at another copy of that package (e.g. one installed with `npm install --prefix /tmp/scan`).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const SCANNER_PACKAGE = '@n8n/scan-community-package';
const TARBALL_PATTERNS = ['**/*.js', 'package.json'];

function scannerDir() {
	if (process.env.SCAN_COMMUNITY_PACKAGE_DIR)
		return path.resolve(process.env.SCAN_COMMUNITY_PACKAGE_DIR);
	try {
		return path.dirname(
			createRequire(path.join(REPO, 'package.json')).resolve(`${SCANNER_PACKAGE}/package.json`),
		);
	} catch {
		throw new Error(
			`${SCANNER_PACKAGE} is not installed: run npm ci (it is a devDependency), or set SCAN_COMMUNITY_PACKAGE_DIR to its folder`,
		);
	}
}

function npm(args, options = {}) {
	return execFileSync('npm', args, { cwd: REPO, encoding: 'utf8', ...options });
}

/** `npm pack` into a temp folder and unpack it the way the scanner does (tar --strip-components=1). */
function packAndUnpack(workDir) {
	const [packed] = JSON.parse(
		npm(['pack', '--json', '--pack-destination', workDir], {
			stdio: ['ignore', 'pipe', 'inherit'],
		}),
	);
	const tarball = path.join(workDir, packed.filename);
	const unpacked = path.join(workDir, 'package');
	fs.mkdirSync(unpacked);
	execFileSync('tar', ['-xzf', tarball, '-C', unpacked, '--strip-components=1']);
	return { unpacked, files: packed.files.length, name: `${packed.name}@${packed.version}` };
}

function report(label, result) {
	if (result.passed) {
		console.log(`scan: ${label}: passed`);
		return true;
	}
	console.log(`scan: ${label}: FAILED (${result.message})`);
	if (result.details) console.log(result.details);
	return false;
}

async function main() {
	const dir = scannerDir();
	const { version } = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
	const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dotloop-scan-'));
	const tmpdir = process.env.TMPDIR;
	try {
		// The scanner makes a temp folder when it loads and never removes it: make it inside ours.
		process.env.TMPDIR = workDir;
		const { analyzePackage, SOURCE_FILE_PATTERNS } = await import(
			pathToFileURL(path.join(dir, 'scanner', 'scanner.mjs')).href
		);
		if (tmpdir === undefined) delete process.env.TMPDIR;
		else process.env.TMPDIR = tmpdir;
		console.log(`scan: ${SCANNER_PACKAGE} ${version}`);

		const source = await analyzePackage(REPO, SOURCE_FILE_PATTERNS);
		const sourceOk = report(`source (${SOURCE_FILE_PATTERNS.join(', ')})`, source);

		if (!process.argv.includes('--no-build'))
			npm(['run', '--silent', 'build'], { stdio: 'inherit' });
		const { unpacked, files, name } = packAndUnpack(workDir);
		const tarball = await analyzePackage(unpacked, TARBALL_PATTERNS);
		const tarballOk = report(
			`tarball ${name}, ${files} files (${TARBALL_PATTERNS.join(', ')})`,
			tarball,
		);
		if (!sourceOk || !tarballOk) process.exitCode = 1;
	} finally {
		fs.rmSync(workDir, { recursive: true, force: true });
	}
}

main().catch((error) => {
	console.error(`scan: ${error.message}`);
	process.exitCode = 1;
});
