#!/usr/bin/env node
'use strict';
/**
 * npm run release -- <patch|minor|major|x.y.z[-pre]> [--no-checks] [--push]
 *
 * Prepares a release on a maintainer's machine, without the network: on a clean main, runs the checks
 * CI runs (lint, typecheck + unit tests, scanner), sets the version in package.json and package-lock.json,
 * turns the changelog's unreleased section into "## x.y.z (YYYY-MM-DD)", commits "Release x.y.z" and makes
 * the annotated tag x.y.z. `--push` then pushes main and the tag; pushing the tag starts
 * .github/workflows/publish.yml, which publishes to npm with provenance (npm publish never runs here).
 *
 * n8n-node release (@n8n/node-cli) does the same through release-it and auto-changelog, which it fetches
 * with npx and which push and create a GitHub release; this script keeps our hand-written changelog.
 */
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const REPO = path.resolve(__dirname, '..', '..');
const VERSION = /^(\d+)\.(\d+)\.(\d+)(-[0-9A-Za-z.-]+)?$/;
// "## Unreleased" or "## 0.2.0 (unreleased)": the section that collects changes until a release.
const UNRELEASED_HEADING =
	/^## (?:Unreleased|\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)? \(unreleased\))[ \t]*$/im;

/** The version after `current` for a bump word, or an explicit newer version. */
function nextVersion(current, bump) {
	const cur = VERSION.exec(current);
	if (!cur) throw new Error(`package.json version "${current}" is not x.y.z`);
	const [major, minor, patch] = cur.slice(1, 4).map(Number);
	if (bump === 'major') return `${major + 1}.0.0`;
	if (bump === 'minor') return `${major}.${minor + 1}.0`;
	if (bump === 'patch')
		return cur[4] ? `${major}.${minor}.${patch}` : `${major}.${minor}.${patch + 1}`;
	const next = VERSION.exec(bump || '');
	if (!next)
		throw new Error(`give patch, minor, major or a version x.y.z[-pre], not "${bump ?? ''}"`);
	// The current version itself is allowed: the first release of a version package.json already names.
	if (compareVersions(bump, current) < 0)
		throw new Error(`version ${bump} is older than the current ${current}`);
	return bump;
}

/** Compares x.y.z[-pre] versions the semver way (a pre-release sorts before its release). */
function compareVersions(a, b) {
	const pa = VERSION.exec(a);
	const pb = VERSION.exec(b);
	for (let i = 1; i <= 3; i++)
		if (Number(pa[i]) !== Number(pb[i])) return Number(pa[i]) - Number(pb[i]);
	if (!pa[4] !== !pb[4]) return pa[4] ? -1 : 1;
	return (pa[4] || '').localeCompare(pb[4] || '', 'en', { numeric: true });
}

/** The changelog with its unreleased section dated as `version`; throws when there is none or it is empty. */
function releaseChangelog(text, version, date) {
	const match = UNRELEASED_HEADING.exec(text);
	if (!match)
		throw new Error(
			'CHANGELOG.md has no "## Unreleased" section: write down what this release changes first',
		);
	const rest = text.slice(match.index + match[0].length);
	const next = /^## /m.exec(rest);
	const body = next ? rest.slice(0, next.index) : rest;
	if (!body.trim())
		throw new Error(
			'the unreleased section of CHANGELOG.md is empty: say what this release changes',
		);
	if (new RegExp(`^## ${version.replace(/\./g, '\\.')} \\(\\d{4}-\\d{2}-\\d{2}\\)`, 'm').test(text))
		throw new Error(`CHANGELOG.md already has a section for ${version}`);
	return `${text.slice(0, match.index)}## ${version} (${date})${rest}`;
}

function run(cmd, args, options = {}) {
	return execFileSync(cmd, args, {
		cwd: REPO,
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'inherit'],
		...options,
	});
}

function git(...args) {
	return run('git', args).trim();
}

function main(argv) {
	const flags = new Set(argv.filter((a) => a.startsWith('--')));
	const [bump] = argv.filter((a) => !a.startsWith('--'));
	for (const flag of flags)
		if (!['--no-checks', '--push'].includes(flag)) throw new Error(`unknown option ${flag}`);
	if (process.env.GITHUB_ACTIONS)
		throw new Error(
			"npm run release prepares a release on a maintainer's machine; publish.yml publishes the tag",
		);

	const pkgFile = path.join(REPO, 'package.json');
	const changelogFile = path.join(REPO, 'CHANGELOG.md');
	const current = JSON.parse(fs.readFileSync(pkgFile, 'utf8')).version;
	const version = nextVersion(current, bump);
	const branch = git('rev-parse', '--abbrev-ref', 'HEAD');
	if (branch !== 'main') throw new Error(`release from main, not ${branch}`);
	if (git('status', '--porcelain'))
		throw new Error('the working tree has changes: commit or stash them first');
	if (git('tag', '--list', version)) throw new Error(`tag ${version} exists already`);
	const date = new Date().toISOString().slice(0, 10);
	const changelog = releaseChangelog(fs.readFileSync(changelogFile, 'utf8'), version, date);

	if (!flags.has('--no-checks')) {
		for (const script of ['lint', 'test', 'scan']) {
			console.log(`release: npm run ${script}`);
			run('npm', ['run', script], { stdio: 'inherit' });
		}
	}
	console.log(`release: ${current} -> ${version}`);
	if (version !== current)
		run('npm', ['version', version, '--no-git-tag-version'], { stdio: 'inherit' });
	fs.writeFileSync(changelogFile, changelog);
	git('add', 'package.json', 'package-lock.json', 'CHANGELOG.md');
	git('commit', '-q', '-m', `Release ${version}`);
	git('tag', '-a', version, '-m', version);
	if (flags.has('--push')) {
		run('git', ['push', '--atomic', 'origin', 'main', version], { stdio: 'inherit' });
		console.log(`release: pushed main and ${version}; .github/workflows/publish.yml publishes it`);
	} else {
		console.log(
			`release: committed and tagged ${version}. Publish: git push --atomic origin main ${version}`,
		);
	}
}

if (require.main === module) {
	try {
		main(process.argv.slice(2));
	} catch (error) {
		console.error(`release: ${error.message}`);
		process.exitCode = 1;
	}
}

module.exports = { nextVersion, compareVersions, releaseChangelog };
