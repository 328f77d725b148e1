// ESLint for the plain JavaScript of this repository (test/, .github/scripts/, the root's .js files):
// `n8n-node lint` covers the TypeScript only. Run by `npm run lint` (lint:js).
import js from '@eslint/js';
import globals from 'globals';

export default [
	js.configs.recommended,
	{
		files: ['**/*.js'],
		languageOptions: { ecmaVersion: 2023, sourceType: 'commonjs', globals: { ...globals.node } },
	},
	{
		files: ['**/*.mjs'],
		languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: { ...globals.node } },
	},
	{
		files: ['**/*.test.js', 'test/e2e/**/*.js'],
		languageOptions: { globals: { ...globals.jest } },
	},
	{
		// Functions these files hand to the browser (page.evaluate) run there, with its globals.
		files: ['test/docs/**/*.js'],
		languageOptions: { globals: { ...globals.browser } },
	},
	{
		rules: {
			'no-unused-vars': ['error', { args: 'none', caughtErrors: 'none', ignoreRestSiblings: true }],
			'no-empty': ['error', { allowEmptyCatch: true }],
		},
	},
];
