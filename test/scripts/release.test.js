'use strict';
// .github/scripts/release.js: the version it picks, the changelog it writes, and a whole run in a scratch repository.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { nextVersion, releaseChangelog } = require('../../.github/scripts/release');

const CHANGELOG = `# Changelog

## Unreleased

- Polling trigger.

## 0.1.0 (2026-11-01)

First release.
`;

describe('nextVersion', () => {
	it.each([
		['0.1.0', 'patch', '0.1.1'],
		['0.1.0', 'minor', '0.2.0'],
		['0.1.0', 'major', '1.0.0'],
		['0.2.0-rc.1', 'patch', '0.2.0'],
		['0.1.0', '0.1.0', '0.1.0'],
		['0.1.0', '0.3.0-rc.1', '0.3.0-rc.1'],
		['0.3.0-rc.1', '0.3.0-rc.2', '0.3.0-rc.2'],
		['0.3.0-rc.2', '0.3.0-rc.10', '0.3.0-rc.10'],
	])('%s + %s = %s', (current, bump, expected) => {
		expect(nextVersion(current, bump)).toBe(expected);
	});

	it.each([
		['0.2.0', '0.1.9', 'version 0.1.9 is older than the current 0.2.0'],
		['0.2.0', '0.2.0-rc.1', 'version 0.2.0-rc.1 is older than the current 0.2.0'],
		['0.2.0', 'v0.3.0', 'give patch, minor, major or a version x.y.z[-pre], not "v0.3.0"'],
		['0.2.0', undefined, 'give patch, minor, major or a version x.y.z[-pre], not ""'],
	])('%s + %s is refused', (current, bump, message) => {
		expect(() => nextVersion(current, bump)).toThrow(message);
	});
});

describe('releaseChangelog', () => {
	it('dates the unreleased section and keeps everything else', () => {
		expect(releaseChangelog(CHANGELOG, '0.2.0', '2026-12-01')).toBe(
			CHANGELOG.replace('## Unreleased', '## 0.2.0 (2026-12-01)'),
		);
	});

	it('takes a section headed with its planned version', () => {
		const text = '# Changelog\n\n## 0.1.0 (unreleased)\n\nFirst release.\n';
		expect(releaseChangelog(text, '0.1.0', '2026-12-01')).toBe(
			'# Changelog\n\n## 0.1.0 (2026-12-01)\n\nFirst release.\n',
		);
	});

	it('refuses a changelog without changes to release', () => {
		expect(() =>
			releaseChangelog('# Changelog\n\n## 0.1.0 (2026-11-01)\n\nx\n', '0.2.0', 'd'),
		).toThrow('CHANGELOG.md has no "## Unreleased" section');
		expect(() =>
			releaseChangelog('# Changelog\n\n## Unreleased\n\n## 0.1.0 (2026-11-01)\n', '0.2.0', 'd'),
		).toThrow('the unreleased section of CHANGELOG.md is empty');
		expect(() => releaseChangelog(CHANGELOG, '0.1.0', 'd')).toThrow(
			'CHANGELOG.md already has a section for 0.1.0',
		);
	});
});

describe('a release in a scratch repository', () => {
	let dir;
	const git = (...args) => execFileSync('git', args, { cwd: dir, encoding: 'utf8' }).trim();
	const release = (...args) =>
		execFileSync(process.execPath, [path.join(dir, '.github', 'scripts', 'release.js'), ...args], {
			cwd: dir,
			encoding: 'utf8',
			stdio: 'pipe',
			env: { ...process.env, GITHUB_ACTIONS: '' },
		});

	beforeEach(() => {
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dotloop-release-'));
		fs.mkdirSync(path.join(dir, '.github', 'scripts'), { recursive: true });
		fs.copyFileSync(
			path.join(__dirname, '..', '..', '.github', 'scripts', 'release.js'),
			path.join(dir, '.github', 'scripts', 'release.js'),
		);
		const pkg = { name: 'scratch-release', version: '0.1.0', private: true };
		fs.writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
		const lock = {
			name: 'scratch-release',
			version: '0.1.0',
			lockfileVersion: 3,
			requires: true,
			packages: { '': { name: 'scratch-release', version: '0.1.0' } },
		};
		fs.writeFileSync(path.join(dir, 'package-lock.json'), `${JSON.stringify(lock, null, 2)}\n`);
		fs.writeFileSync(path.join(dir, 'CHANGELOG.md'), CHANGELOG);
		git('init', '-q', '-b', 'main');
		git('config', 'user.email', 'release-test@example.test');
		git('config', 'user.name', 'release test');
		git('add', '.');
		git('commit', '-q', '-m', 'scratch');
	});
	afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

	it('bumps package.json and the lockfile, dates the changelog, commits and tags', () => {
		const out = release('minor', '--no-checks');
		expect(out).toContain('release: 0.1.0 -> 0.2.0');
		expect(JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).version).toBe(
			'0.2.0',
		);
		const lock = JSON.parse(fs.readFileSync(path.join(dir, 'package-lock.json'), 'utf8'));
		expect([lock.version, lock.packages[''].version]).toEqual(['0.2.0', '0.2.0']);
		const today = new Date().toISOString().slice(0, 10);
		expect(fs.readFileSync(path.join(dir, 'CHANGELOG.md'), 'utf8')).toBe(
			CHANGELOG.replace('## Unreleased', `## 0.2.0 (${today})`),
		);
		expect(git('log', '-1', '--format=%s')).toBe('Release 0.2.0');
		expect(git('show', '--name-only', '--format=', 'HEAD').split('\n').sort()).toEqual([
			'CHANGELOG.md',
			'package-lock.json',
			'package.json',
		]);
		expect(git('describe', '--exact-match', 'HEAD')).toBe('0.2.0');
		expect(git('cat-file', '-t', '0.2.0')).toBe('tag');
		expect(git('status', '--porcelain')).toBe('');
	});

	it('refuses a dirty working tree, another branch and an existing tag, changing nothing', () => {
		const refused = (args, message) => {
			const head = git('rev-parse', 'HEAD');
			expect(() => release(...args)).toThrow(message);
			expect(git('rev-parse', 'HEAD')).toBe(head);
		};
		fs.appendFileSync(path.join(dir, 'CHANGELOG.md'), 'more\n');
		refused(['patch', '--no-checks'], 'the working tree has changes');
		git('checkout', '-q', '--', 'CHANGELOG.md');
		git('checkout', '-q', '-b', 'feature');
		refused(['patch', '--no-checks'], 'release from main, not feature');
		git('checkout', '-q', 'main');
		git('tag', '0.1.1');
		refused(['patch', '--no-checks'], 'tag 0.1.1 exists already');
		refused(['patch', '--no-checks', '--publish'], 'unknown option --publish');
		expect(JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).version).toBe(
			'0.1.0',
		);
	});
});
