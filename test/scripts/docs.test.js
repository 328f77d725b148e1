'use strict';
// The user-facing Markdown: its relative links lead to files and headings that exist, and the README
// reads in a user's order (what the nodes do first, how the project is built in CONTRIBUTING.md).
const fs = require('node:fs');
const path = require('node:path');

const { releaseChangelog } = require('../../.github/scripts/release.js');

const REPO = path.join(__dirname, '..', '..');
const read = (file) => fs.readFileSync(path.join(REPO, file), 'utf8');
const DOCS = ['README.md', 'CONTRIBUTING.md', 'test/README.md', 'test/bench/README.md'];

/** Text outside fenced code blocks and code spans, where a `[x](y)` is no link. */
const prose = (text) => text.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '');

/** GitHub's anchor for a heading: lower case, punctuation dropped, each space a hyphen. */
const slug = (heading) =>
	heading
		.trim()
		.toLowerCase()
		.replace(/`/g, '')
		.replace(/[^\p{L}\p{N}\s_-]/gu, '')
		.replace(/\s/g, '-');

const headings = (text) =>
	prose(text)
		.split('\n')
		.filter((line) => /^#{1,6} /.test(line))
		.map((line) => line.replace(/^#+ /, ''));

/** Every relative link of a Markdown file that leads nowhere, as "target (why)". */
function brokenLinks(file) {
	const broken = [];
	for (const [, target] of prose(read(file)).matchAll(/\]\(([^)\s]+)\)/g)) {
		if (/^(https?|mailto):/.test(target)) continue;
		const [pathPart, anchor] = target.split('#');
		const resolved = pathPart ? path.join(path.dirname(file), pathPart) : file;
		if (!fs.existsSync(path.join(REPO, resolved))) {
			broken.push(`${target} (no ${resolved})`);
			continue;
		}
		if (anchor === undefined) continue;
		if (!resolved.endsWith('.md')) {
			broken.push(`${target} (an anchor into a file that is not Markdown)`);
			continue;
		}
		if (!headings(read(resolved)).map(slug).includes(anchor))
			broken.push(`${target} (no heading "${anchor}" in ${resolved})`);
	}
	return broken;
}

describe('the docs', () => {
	it.each(DOCS)('%s links only to files and headings that exist', (file) => {
		expect(brokenLinks(file)).toEqual([]);
	});

	it("the README's sections come in a user's order", () => {
		const top = headings(read('README.md')).filter((h, i, all) => all.indexOf(h) === i);
		const sections = read('README.md')
			.split('\n')
			.filter((line) => line.startsWith('## '))
			.map((line) => line.slice(3));
		expect(top[0]).toBe('n8n-nodes-dotloop');
		expect(sections).toEqual([
			'Quick start',
			'Install',
			'Credentials',
			'Operations',
			'Triggers',
			'Examples',
			'Troubleshooting',
			'AI agents',
			'Performance',
			'Compatibility',
			'Running at scale (queue mode)',
			'Try it without a Dotloop account',
			'Source and issues',
			'License',
		]);
	});

	it('CONTRIBUTING.md says how the project is developed, tested and released', () => {
		const contributing = read('CONTRIBUTING.md');
		const sections = contributing
			.split('\n')
			.filter((line) => line.startsWith('## '))
			.map((line) => line.slice(3));
		expect(sections).toEqual(
			expect.arrayContaining(['Setting up', 'Testing', 'Commits and pull requests', 'Releasing']),
		);
		expect(contributing).toContain('subject is under 72 characters');
		expect(contributing).toContain('npm run release -- <patch|minor|major|x.y.z[-pre]>');
		expect(contributing).toContain('.github/workflows/publish.yml');
	});

	it("CHANGELOG.md has one entry for the package's version, the one a release dates", () => {
		const { version } = JSON.parse(read('package.json'));
		const entries = (text) =>
			text
				.split('\n')
				.filter((line) => line.startsWith('## '))
				.map((line) => line.slice(3));
		expect(entries(read('CHANGELOG.md'))).toEqual([`${version} (unreleased)`]);
		const released = releaseChangelog(read('CHANGELOG.md'), version, '2026-12-31');
		expect(entries(released)).toEqual([`${version} (2026-12-31)`]);
		// Keep a Changelog's kinds, each once, so lines written at the same time merge under one heading.
		const kinds = [...read('CHANGELOG.md').matchAll(/^### (.*)$/gm)].map((m) => m[1]);
		expect(new Set(kinds).size).toBe(kinds.length);
		for (const kind of kinds)
			expect(['Added', 'Changed', 'Deprecated', 'Removed', 'Fixed', 'Security']).toContain(kind);
	});
});
