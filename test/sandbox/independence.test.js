'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

/**
 * The sandbox is a witness of the documentation: it must neither load the node's code (nodes/,
 * credentials/, the built dist/) nor hold a copy of it. A copy is a run of six or more lines that
 * read the same, once indentation, trailing commas/semicolons, comments and lone punctuation are
 * set aside (the idea of the `duplicates` tool, without its shape matching).
 */
const ROOT = path.resolve(__dirname, '../..');
const SANDBOX = path.join(ROOT, 'test/sandbox');
const NODE_CODE = ['nodes', 'credentials'];
const FORBIDDEN = [...NODE_CODE, 'dist'];
const PACKAGE_NAME = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).name;
const CODE_FILE = /\.(?:[cm]?js|ts)$/;
const MIN_RUN = 6;

function codeFiles(dir) {
	if (!fs.existsSync(dir)) return [];
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : codeFiles(full);
		return CODE_FILE.test(entry.name) ? [full] : [];
	});
}

const rel = (file) => path.relative(ROOT, file);
const insideSandbox = (file) => !path.relative(SANDBOX, file).startsWith('..');
const forbiddenRoot = (file) =>
	FORBIDDEN.find((dir) => !path.relative(path.join(ROOT, dir), file).startsWith('..'));

/** What a file loads: require('x'), import … from 'x', import 'x', import('x'), export … from 'x'. */
function specifiers(source) {
	const pattern =
		/\brequire\s*\(\s*['"`]([^'"`]+)['"`]\s*\)|\bimport\s*\(\s*['"`]([^'"`]+)['"`]\s*\)|^\s*(?:import|export)\b[^'"`;]*?['"`]([^'"`]+)['"`]/gm;
	return [...source.matchAll(pattern)].map((m) => m[1] ?? m[2] ?? m[3]);
}

function resolveLocal(from, spec) {
	const base = path.resolve(path.dirname(from), spec);
	const candidates = [base, ...['.js', '.ts', '.cjs', '.mjs', '.json'].map((ext) => base + ext)];
	candidates.push(...['index.js', 'index.ts'].map((name) => path.join(base, name)));
	return candidates.find((file) => fs.existsSync(file) && fs.statSync(file).isFile());
}

/** The chains of loads from `entry` that end in nodes/, credentials/ or dist/ (or the package itself). */
function forbiddenLoads(entry) {
	const found = [];
	const seen = new Set();
	const visit = (file, chain) => {
		if (seen.has(file)) return;
		seen.add(file);
		for (const spec of specifiers(fs.readFileSync(file, 'utf8'))) {
			const via = [...chain, `${rel(file)} loads '${spec}'`];
			if (spec === PACKAGE_NAME || spec.startsWith(`${PACKAGE_NAME}/`)) {
				found.push(via.join(' → '));
				continue;
			}
			if (!spec.startsWith('.') && !path.isAbsolute(spec)) continue;
			const target = resolveLocal(file, spec) ?? path.resolve(path.dirname(file), spec);
			if (forbiddenRoot(target)) found.push(via.join(' → '));
			// Files under test/sandbox are checked on their own; follow loads out of it.
			else if (CODE_FILE.test(target) && fs.existsSync(target) && !insideSandbox(target))
				visit(target, via);
		}
	};
	visit(entry, []);
	return found;
}

/** Lines as compared: trimmed, white space folded, comments, lone punctuation and trailing , ; dropped. */
function comparableLines(source) {
	const out = [];
	let inBlockComment = false;
	source.split('\n').forEach((raw, i) => {
		let text = raw.trim();
		if (inBlockComment) {
			if (text.includes('*/')) inBlockComment = false;
			return;
		}
		if (text.startsWith('/*')) {
			inBlockComment = !text.includes('*/');
			return;
		}
		if (text.startsWith('//')) return;
		text = text.replace(/\s+/g, ' ').replace(/[,;]+$/, '');
		if (!/[A-Za-z0-9]/.test(text)) return;
		out.push({ line: i + 1, text });
	});
	return out;
}

const windowKey = (lines, i) =>
	lines
		.slice(i, i + MIN_RUN)
		.map((l) => l.text)
		.join('\n');

/** Every run of MIN_RUN comparable lines of each file: where it starts, as [file, index]. */
function indexWindows(files) {
	const index = new Map();
	files.forEach((lines, k) => {
		for (let j = 0; j + MIN_RUN <= lines.length; j += 1) {
			const key = windowKey(lines, j);
			const places = index.get(key);
			if (places) places.push([k, j]);
			else index.set(key, [[k, j]]);
		}
	});
	return index;
}

/** For each indexed file that shares MIN_RUN or more lines with `a`: the first such run, as line ranges. */
function sharedRuns(a, files, index) {
	const found = new Map();
	for (let i = 0; i + MIN_RUN <= a.length; i += 1) {
		for (const [k, j] of index.get(windowKey(a, i)) ?? []) {
			if (found.has(k)) continue;
			const b = files[k];
			let n = MIN_RUN;
			while (i + n < a.length && j + n < b.length && a[i + n].text === b[j + n].text) n += 1;
			found.set(k, {
				a: `${a[i].line}-${a[i + n - 1].line}`,
				b: `${b[j].line}-${b[j + n - 1].line}`,
			});
		}
	}
	return found;
}

function sharedRun(a, b) {
	const other = [comparableLines(b)];
	return sharedRuns(comparableLines(a), other, indexWindows(other)).get(0);
}

describe('the sandbox is independent of the node', () => {
	// This test's own examples of forbidden loads are not the sandbox's.
	const sandboxFiles = codeFiles(SANDBOX).filter((file) => file !== __filename);
	const nodeFiles = NODE_CODE.flatMap((dir) => codeFiles(path.join(ROOT, dir)));

	test('there is something to compare', () => {
		expect(sandboxFiles.length).toBeGreaterThan(30);
		expect(nodeFiles.length).toBeGreaterThan(50);
	});

	test('no file under test/sandbox loads nodes/, credentials/ or dist/, directly or through others', () => {
		expect(sandboxFiles.flatMap(forbiddenLoads)).toEqual([]);
	});

	test('no file under test/sandbox repeats six or more lines of nodes/ or credentials/', () => {
		const nodeLines = nodeFiles.map((file) => comparableLines(fs.readFileSync(file, 'utf8')));
		const index = indexWindows(nodeLines);
		const copies = sandboxFiles.flatMap((file) =>
			[...sharedRuns(comparableLines(fs.readFileSync(file, 'utf8')), nodeLines, index)].map(
				([k, run]) => `${rel(file)}:${run.a} ~ ${rel(nodeFiles[k])}:${run.b}`,
			),
		);
		expect(copies).toEqual([]);
	});
});

describe('how copies and loads are recognised', () => {
	const block = [
		"export const STATUSES = ['A', 'B'] as const;",
		'function pick(record, fields) {',
		'\tconst out = {};',
		'\tfor (const f of fields) out[f] = record[f];',
		'\treturn out;',
		'}',
		"const a = 'PRE_OFFER';",
		"const b = 'SOLD';",
	];

	test('six shared lines are a copy, whatever the indentation, comments and trailing commas', () => {
		const copied = [
			'// copied',
			...block.slice(1, 8).map((line) => `    ${line.trim()}`),
			'/* a',
			' comment */',
		].join('\n');
		expect(sharedRun(copied, ['x();', ...block].join('\n'))).toEqual({ a: '2-8', b: '3-9' });
		const withCommas = block.slice(1, 8).map((line) => `${line},`);
		expect(sharedRun(withCommas.join('\n'), block.join('\n'))).toEqual({ a: '1-7', b: '2-8' });
	});

	test('five shared lines, or six with one changed, are not', () => {
		expect(sharedRun(block.slice(1, 7).join('\n'), block.join('\n'))).toBeUndefined();
		const changed = [...block.slice(1, 8)];
		changed[3] = '\treturn out || {};';
		expect(sharedRun(changed.join('\n'), block.join('\n'))).toBeUndefined();
	});

	test('every way of loading a module is seen', () => {
		const source = [
			"const a = require('../../nodes/Dotloop/x');",
			"import { b } from '../../credentials/y';",
			"import '../../dist/z';",
			"export * from './w';",
			'const c = await import("n8n-nodes-dotloop/dist/v");',
			'import type {',
			'\tD,',
			"} from '../u';",
		].join('\n');
		expect(specifiers(source)).toEqual([
			'../../nodes/Dotloop/x',
			'../../credentials/y',
			'../../dist/z',
			'./w',
			'n8n-nodes-dotloop/dist/v',
			'../u',
		]);
	});

	test('a load of node code is found, also through another file', () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-independence-'));
		const nodeFile = path.join(ROOT, 'nodes/Dotloop/Dotloop.node');
		try {
			fs.writeFileSync(path.join(dir, 'a.js'), "require('./b');\n");
			fs.writeFileSync(path.join(dir, 'b.js'), `require(${JSON.stringify(nodeFile)});\n`);
			const found = forbiddenLoads(path.join(dir, 'a.js'));
			expect(found).toHaveLength(1);
			expect(found[0]).toMatch(
				/a\.js loads '\.\/b' → .*b\.js loads '.*\/nodes\/Dotloop\/Dotloop\.node'$/,
			);
		} finally {
			fs.rmSync(dir, { recursive: true, force: true });
		}
	});
});
