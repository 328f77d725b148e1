/** Unit tests (jest + nock) and the sandbox's own HTTP-level tests. */
module.exports = {
	rootDir: '..',
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: [
		'<rootDir>/test/unit/**/*.test.ts',
		'<rootDir>/test/sandbox/**/*.test.js',
		'<rootDir>/test/scripts/**/*.test.js',
	],
	// Short retry waits for the unit tests (see the file).
	setupFilesAfterEnv: ['<rootDir>/test/unit/setup.ts'],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/test/tsconfig.json' }] },
};
