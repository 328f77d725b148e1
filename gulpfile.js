// The package build: clean dist/, compile TypeScript, then copy what tsc does not emit
// (node and credential icons, and the codex files n8n reads for categories and docs links).
const { src, dest, series } = require('gulp');
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');

function clean(done) {
	fs.rmSync(path.join(__dirname, 'dist'), { recursive: true, force: true });
	done();
}

function compile(done) {
	execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.json'], {
		stdio: 'inherit',
		cwd: __dirname,
	});
	done();
}

function copyAssets() {
	return src(['nodes/**/*.{png,svg}', 'nodes/**/*.node.json', 'credentials/**/*.{png,svg}'], {
		base: '.',
		encoding: false,
	}).pipe(dest('dist'));
}

exports.clean = clean;
exports.build = series(clean, compile, copyAssets);
exports.default = exports.build;
