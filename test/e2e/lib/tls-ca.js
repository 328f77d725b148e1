'use strict';
/**
 * A throwaway certificate authority and a server certificate it signs, made with openssl for one test run:
 *   const tls = makeCertificates(dir, ['registry.npmjs.org']);
 *   -> { caCert, key, cert } (file paths); hand caCert to clients (NODE_EXTRA_CA_CERTS, npm's cafile).
 * The CA key stays in `dir` (the run's work folder) and signs nothing else.
 */
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

function openssl(args, cwd) {
	try {
		execFileSync('openssl', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
	} catch (err) {
		throw new Error(`openssl ${args[0]} failed: ${err.stderr || err.message}`);
	}
}

function makeCertificates(dir, hostnames) {
	fs.mkdirSync(dir, { recursive: true });
	const file = (name) => path.join(dir, name);
	openssl(
		[
			'req',
			'-x509',
			'-newkey',
			'rsa:2048',
			'-nodes',
			'-sha256',
			'-days',
			'2',
			'-subj',
			'/CN=n8n-nodes-dotloop e2e test CA',
			'-addext',
			'basicConstraints=critical,CA:TRUE',
			'-addext',
			'keyUsage=critical,keyCertSign,cRLSign',
			'-keyout',
			file('ca.key'),
			'-out',
			file('ca.crt'),
		],
		dir,
	);
	openssl(
		[
			'req',
			'-new',
			'-newkey',
			'rsa:2048',
			'-nodes',
			'-subj',
			`/CN=${hostnames[0]}`,
			'-keyout',
			file('server.key'),
			'-out',
			file('server.csr'),
		],
		dir,
	);
	fs.writeFileSync(
		file('server.ext'),
		[
			'basicConstraints=critical,CA:FALSE',
			'keyUsage=critical,digitalSignature,keyEncipherment',
			'extendedKeyUsage=serverAuth',
			'subjectKeyIdentifier=hash',
			'authorityKeyIdentifier=keyid',
			`subjectAltName=${hostnames.map((h) => `DNS:${h}`).join(',')}`,
			'',
		].join('\n'),
	);
	openssl(
		[
			'x509',
			'-req',
			'-sha256',
			'-days',
			'2',
			'-in',
			file('server.csr'),
			'-CA',
			file('ca.crt'),
			'-CAkey',
			file('ca.key'),
			'-CAcreateserial',
			'-extfile',
			file('server.ext'),
			'-out',
			file('server.crt'),
		],
		dir,
	);
	return { caCert: file('ca.crt'), key: file('server.key'), cert: file('server.crt') };
}

module.exports = { makeCertificates };
