'use strict';
// The test command is written in three places: the README's quick start, .ci/run and the CI workflow.
const fs = require('node:fs');
const path = require('node:path');

const read = (file) => fs.readFileSync(path.join(__dirname, '..', '..', file), 'utf8');

/** The command in the README's "Run the tests" row. */
function readmeTestCommand() {
	const row = read('README.md')
		.split('\n')
		.find((line) => line.startsWith('| **Run the tests**'));
	return /`([^`]+)`\s*\|\s*$/.exec(row ?? '')?.[1];
}

describe('the test command', () => {
	it('.ci/run runs exactly the README quick start command', () => {
		const lastLine = read('.ci/run').trimEnd().split('\n').pop();
		expect(readmeTestCommand()).toMatch(/^npm ci && /);
		expect(lastLine).toBe(readmeTestCommand());
	});

	it('the CI workflow runs every npm script of the command', () => {
		const workflow = read('.github/workflows/ci.yml');
		const scripts = readmeTestCommand()
			.split(' && ')
			.map((step) => step.replace(/^npm (run )?/, ''));
		const covered = {
			ci: /run: npm ci$/m,
			lint: /run: npm run lint$/m,
			scan: /run: npm run scan\b/m,
			test: /run: npm run typecheck$[\s\S]*run: npx jest --config test\/jest\.config\.js$/m,
			// The e2e lanes run as root (sudo): the install suite makes its own network namespace.
			'test:e2e': /run: (sudo -E env "PATH=\$PATH" )?npm run test:e2e$/m,
			'test:e2e:queue': /run: npm run test:e2e:queue$/m,
		};
		for (const script of scripts)
			expect([script, covered[script]?.test(workflow)]).toEqual([script, true]);
	});
});
