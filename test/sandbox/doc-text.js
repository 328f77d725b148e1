'use strict';

const fs = require('fs');
const path = require('path');

// The sections of the API documentation the sandbox reads its tables from (constants.js), kept word for
// word in docs/ so that the sandbox runs from a clone. doc-text.test.js checks each copy against the
// documentation file where that file is on the machine; `node test/sandbox/doc-text.js <doc file>`
// rewrites the copies from a new edition of it.
const DOC_FILE = 'dotloop-public-api-v2.txt';
const DOCS_DIR = path.join(__dirname, 'docs');
const SECTIONS = [
	'Refreshing Access Token after expiration',
	'Create a Profile',
	'List all Loops',
	'Get Loop Details',
	'Add a Loop Participant',
	'Create a Contact',
	'Subscriptions Overview',
	'Failure Handling',
	'Types / Constants',
	'Changelog',
];

const HEADING = /^(\d+(?:\.\d+)*)\. (.+)$/;

const fileOf = (title) =>
	`${title
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-|-$/g, '')}.txt`;

// A section runs from its heading to the next heading of the same or a higher level, its own
// subsections included.
function extractSection(text, title) {
	const lines = text.split('\n');
	const starts = lines.flatMap((line, i) => {
		const m = HEADING.exec(line);
		return m && m[2] === title ? [[i, m[1].split('.').length]] : [];
	});
	if (starts.length !== 1)
		throw new Error(`The documentation has ${starts.length} sections titled "${title}", not one`);
	const [start, depth] = starts[0];
	let end = start + 1;
	while (end < lines.length) {
		const m = HEADING.exec(lines[end]);
		if (m && m[1].split('.').length <= depth) break;
		end += 1;
	}
	return `${lines.slice(start, end).join('\n')}\n`;
}

const readSection = (title) => fs.readFileSync(path.join(DOCS_DIR, fileOf(title)), 'utf8');

// Where the documentation file may lie: $DOTLOOP_API_DOC, or a `shared` folder beside the checkout
// (or beside the folder of worktrees).
function findDocFile() {
	const root = path.resolve(__dirname, '../..');
	const candidates = [
		process.env.DOTLOOP_API_DOC,
		path.resolve(root, '..', 'shared', DOC_FILE),
		path.resolve(root, '..', '..', 'shared', DOC_FILE),
	].filter(Boolean);
	return candidates.find((file) => fs.existsSync(file));
}

function writeCopies(docFile) {
	const text = fs.readFileSync(docFile, 'utf8');
	fs.mkdirSync(DOCS_DIR, { recursive: true });
	for (const title of SECTIONS)
		fs.writeFileSync(path.join(DOCS_DIR, fileOf(title)), extractSection(text, title));
}

if (require.main === module) {
	const docFile = process.argv[2] || findDocFile();
	if (!docFile) {
		console.error(`usage: node test/sandbox/doc-text.js <path to ${DOC_FILE}>`);
		process.exit(2);
	}
	writeCopies(docFile);
	console.log(`${SECTIONS.length} sections copied from ${docFile} into ${DOCS_DIR}`);
}

module.exports = { SECTIONS, fileOf, extractSection, readSection, findDocFile };
