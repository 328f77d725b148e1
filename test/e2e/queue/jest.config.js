/**
 * The queue-mode suite: one file, one n8n cluster for all of it. Run through run.js
 * (`npm run test:e2e:queue`), which builds, packs, provisions n8n and installs PostgreSQL/Redis first.
 * Direct use: npx jest -c test/e2e/queue/jest.config.js --runInBand   (builds + packs on first use)
 */
module.exports = {
	rootDir: '../../..',
	testEnvironment: 'node',
	roots: ['<rootDir>/test/e2e/queue'],
	testMatch: ['<rootDir>/test/e2e/queue/**/*.queue.test.js'],
	transform: {},
	testTimeout: 300_000,
	slowTestThreshold: 120,
	maxWorkers: 1,
	verbose: true,
};
