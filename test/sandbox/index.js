'use strict';

const { createConfig } = require('./config');
const { Store } = require('./store');
const { seed } = require('./seed');
const { TokenStore } = require('./tokens');
const { RateLimiter } = require('./rate-limit');
const { Faults } = require('./faults');
const { RequestLog } = require('./request-log');
const { Events } = require('./events');
const { Webhooks } = require('./webhooks');
const { Subscriptions } = require('./subscriptions');
const { createServer } = require('./server');

function createApp(config) {
	const app = {
		config,
		store: new Store(),
		startedAt: Date.now(),
		url: null,
		warn: (msg) => {
			if (!config.quiet) process.stderr.write(`[dotloop-sandbox] ${msg}\n`);
		},
	};
	app.tokens = new TokenStore(config);
	app.rateLimiter = new RateLimiter(config);
	app.faults = new Faults(config);
	app.requestLog = new RequestLog();
	app.events = new Events(app);
	app.webhooks = new Webhooks(app);
	app.subscriptions = new Subscriptions(app);
	app.publicConfig = () => {
		const { clientSecret, ...rest } = config;
		return { ...rest, clientSecretSet: Boolean(clientSecret) };
	};
	app.describe = () => ({
		name: 'Dotloop Public API v2 sandbox',
		apiBaseUrl: `${app.url}/public/v2`,
		authorizeUrl: `${app.url}/oauth/authorize`,
		tokenUrl: `${app.url}/oauth/token`,
		revokeUrl: `${app.url}/oauth/token/revoke`,
		adminUrl: `${app.url}/_sandbox`,
		clientId: config.clientId,
	});
	// Back to the seed: data, subscriptions, events, logs, faults and rate windows. Tokens survive
	// unless asked, so a connected n8n credential keeps working across test cases.
	app.reset = ({ tokens = false } = {}) => {
		app.webhooks.clear();
		app.store.clear();
		seed(app.store, { demoData: config.seed, now: config.seedNow ?? undefined });
		app.requestLog.clear();
		app.faults.clear();
		app.rateLimiter.clear();
		if (tokens) app.tokens.clear();
		else app.tokens.resetCounters();
	};
	seed(app.store, { demoData: config.seed, now: config.seedNow ?? undefined });
	return app;
}

async function startSandbox(options = {}) {
	const config = createConfig(options);
	const app = createApp(config);
	const server = createServer(app);
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(config.port, '127.0.0.1', () => {
			server.off('error', reject);
			resolve();
		});
	});
	const { port } = server.address();
	app.url = `http://127.0.0.1:${port}`;
	let stopped = null;
	const stop = () => {
		if (!stopped) {
			stopped = new Promise((resolve) => {
				app.webhooks.stop();
				server.close(() => resolve());
				server.closeAllConnections();
			});
		}
		return stopped;
	};
	return {
		url: app.url,
		apiBaseUrl: `${app.url}/public/v2`,
		port,
		clientId: config.clientId,
		clientSecret: config.clientSecret,
		stop,
		store: app.store,
		config,
		app,
	};
}

module.exports = { startSandbox, createApp };
