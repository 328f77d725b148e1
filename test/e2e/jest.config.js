/**
 * End-to-end tests against a real n8n (see test/e2e/run.js, which sets E2E_N8N_VERSION and
 * E2E_PACKAGE_TARBALL and runs this once per n8n version). Plain .js: no compile step.
 * Direct use: npx jest -c test/e2e/jest.config.js --runInBand [pattern]   (builds + packs on first use)
 */
const n8nMajor = Number(String(process.env.E2E_N8N_VERSION || '2').split('.')[0]);

module.exports = {
	rootDir: '../..',
	testEnvironment: 'node',
	roots: ['<rootDir>/test/e2e'],
	testMatch: ['<rootDir>/test/e2e/tests/**/*.e2e.test.js'],
	// The editor journeys drive n8n 2.x's editor; on 1.x the file is not run at all (rather than skipped).
	testPathIgnorePatterns: [
		'/node_modules/',
		...(n8nMajor < 2 ? ['/editor\\.e2e\\.test\\.js$'] : []),
		// n8n from a Docker image (lib/docker.js): the install suite runs n8n in a network namespace of its
		// own and the demo starts its own n8n, both from the provisioned runtime.
		...(process.env.E2E_N8N_DOCKER_IMAGE
			? ['/install\\.e2e\\.test\\.js$', '/demo\\.e2e\\.test\\.js$']
			: []),
	],
	transform: {},
	testTimeout: 300_000,
	slowTestThreshold: 60,
	maxWorkers: 1,
	verbose: true,
};
