'use strict';
/**
 * Debian's Chromium driven by playwright-core (which brings no browser of its own).
 *
 * ensureChromium(): installs the `chromium` package with apt-get when /usr/bin/chromium is missing (root only).
 * launchChromium(): headless, with the flags that keep Chromium off the network (without
 * --disable-background-networking & co. it keeps calling Google services), a dead proxy for everything but
 * loopback and a host-resolver rule that resolves no name but 127.0.0.1, so nothing but 127.0.0.1 is ever
 * contacted (the editor asks registry.npmjs.org about community packages, for instance: those requests fail
 * at once and are listed in `blocked`). Playwright gives each launch a new, empty user data dir in the OS
 * temp dir and removes it on close.
 */
const fs = require('node:fs');
const { spawnSync } = require('node:child_process');

const CHROMIUM = process.env.DOCS_CHROMIUM || '/usr/bin/chromium';
const ARGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	// Only 127.0.0.1 is reached: every other address goes to a proxy nobody listens on (loopback is never
	// proxied), and no host name but 127.0.0.1 resolves.
	'--proxy-server=http://127.0.0.1:9',
	'--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
];
const LOCAL = /^(https?|wss?):\/\/127\.0\.0\.1(:\d+)?\//;

function apt(args) {
	const res = spawnSync('apt-get', args, {
		encoding: 'utf8',
		env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
		maxBuffer: 64 * 1024 * 1024,
	});
	return {
		ok: res.status === 0,
		output: `${res.stdout || ''}${res.stderr || ''}${res.error ? res.error.message : ''}`,
	};
}

/** Make sure CHROMIUM exists: apt-get install -y chromium (after apt-get update if the first try fails). */
function ensureChromium({ log = () => {} } = {}) {
	if (fs.existsSync(CHROMIUM)) return CHROMIUM;
	if (CHROMIUM !== '/usr/bin/chromium') throw new Error(`DOCS_CHROMIUM=${CHROMIUM} does not exist`);
	if (typeof process.getuid === 'function' && process.getuid() !== 0) {
		throw new Error(
			`${CHROMIUM} is missing: install Debian's Chromium (sudo apt-get install -y chromium) and run again`,
		);
	}
	const t0 = Date.now();
	log('installing Chromium: apt-get install -y chromium (one time, about a minute)');
	let res = apt(['install', '-y', 'chromium']);
	if (!res.ok) {
		log('apt-get install failed; running apt-get update and trying again');
		const update = apt(['update']);
		if (!update.ok) throw new Error(`apt-get update failed:\n${update.output.slice(-3000)}`);
		res = apt(['install', '-y', 'chromium']);
	}
	if (!res.ok || !fs.existsSync(CHROMIUM))
		throw new Error(`apt-get install -y chromium failed:\n${res.output.slice(-3000)}`);
	log(`Chromium installed in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
	return CHROMIUM;
}

/**
 * Launch Chromium and open one context ({ viewport, deviceScaleFactor: 1 }) that only reaches 127.0.0.1.
 * Returns { browser, context, blocked } — blocked: the URLs of requests that were aborted.
 */
async function launchChromium({ viewport = { width: 1440, height: 900 } } = {}) {
	const { chromium } = require('playwright-core');
	const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
	const context = await browser.newContext({
		viewport,
		deviceScaleFactor: 1,
		locale: 'en-US',
		timezoneId: 'UTC',
	});
	// No context.route() to block the rest: request interception turns Chromium's HTTP cache off, and every
	// page would load the editor's ~400 script chunks again (about 5 s each time).
	const blocked = [];
	context.on('request', (request) => {
		const url = request.url();
		if (!LOCAL.test(url) && !/^(data|blob|about|chrome-error):/.test(url)) blocked.push(url);
	});
	return { browser, context, blocked };
}

module.exports = { CHROMIUM, ARGS, ensureChromium, launchChromium };
