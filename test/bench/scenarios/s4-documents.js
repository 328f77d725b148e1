'use strict';
/**
 * 4. Documents: upload, then download, a 50 MB PDF (50,000,000 bytes; the sandbox accepts request
 * bodies up to 50 MiB). Time and n8n's peak RSS above its idle baseline, each measured on its own.
 *
 * Upload: Read/Write Files from Disk reads the file into n8n's binary store (filesystem mode, n8n 2.x's
 * default), then the node sends it. Download: of a document stored beforehand, into the binary store.
 * The download must stream: its RSS growth should not scale with the file size, so it is also measured
 * for a file a tenth the size, and the growth per file MB is reported (≈ 0 streams, ≈ 1 or more buffers).
 */
const fs = require('node:fs');
const path = require('node:path');
const crypto = require('node:crypto');
const { workflows } = require('../workflows');
const { summarize } = require('./s1-return-all');
const { writePaddedPdf } = require('../lib/pdf');

const FOLDER_PATH = '/profile/1001/loop/50001/folder/70003/document';

function sha256File(file) {
	const hash = crypto.createHash('sha256');
	const fd = fs.openSync(file, 'r');
	const buf = Buffer.alloc(1 << 20);
	try {
		for (;;) {
			const n = fs.readSync(fd, buf, 0, buf.length, null);
			if (!n) break;
			hash.update(buf.subarray(0, n));
		}
	} finally {
		fs.closeSync(fd);
	}
	return hash.digest('hex');
}

/** Store a document in the sandbox directly (not through n8n), for the download runs. */
async function storeDocument(bench, file) {
	const { access_token: token } = await bench.admin.issueToken();
	const form = new FormData();
	form.append('file', new Blob([fs.readFileSync(file)], { type: 'application/pdf' }), path.basename(file));
	const res = await fetch(`${bench.sandbox.apiBaseUrl}${FOLDER_PATH}`, {
		method: 'POST',
		headers: { Authorization: `Bearer ${token}` },
		body: form,
	});
	if (res.status !== 201) throw new Error(`storing ${path.basename(file)} in the sandbox: ${res.status} ${await res.text()}`);
	return (await res.json()).data.id;
}

/** The binary of the first output item of a node: n8n's metadata ({ fileSize, bytes?, id, ... }). */
function outputBinary(execution, nodeName) {
	const runs = execution.data.resultData.runData[nodeName];
	const item = runs && runs[0].data && runs[0].data.main[0] && runs[0].data.main[0][0];
	return item && item.binary && item.binary.data;
}

function binaryBytes(meta, json) {
	if (!meta) return undefined;
	if (Number.isFinite(Number(meta.bytes))) return Number(meta.bytes);
	if (json && Number.isFinite(Number(json.size))) return Number(json.size);
	return undefined;
}

async function run(bench, { megabytes }) {
	await bench.admin.reset();
	await bench.admin.config({ rateLimit: 1e9, clockScale: 1, rateWindowMs: 60_000 });
	const big = megabytes * 1_000_000;
	const small = Math.round(big / 10);
	const bigFile = writePaddedPdf(path.join(bench.filesDir, `bench-${megabytes}mb.pdf`), big);
	const smallFile = writePaddedPdf(path.join(bench.filesDir, `bench-${megabytes / 10}mb.pdf`), small);
	const bigSha = sha256File(bigFile);
	const results = [];
	const failures = [];

	// 4a upload
	{
		const variants = {};
		const extras = {};
		for (const [key, build] of [
			['dotloop', workflows.upload.dotloop],
			['http', workflows.upload.http],
		]) {
			await bench.fresh();
			const m = await bench.measureManual(build(bench.ctx, { filePath: bigFile }), { timeoutMs: 300_000 });
			const entries = await bench.admin.requests({ method: 'POST', path: `/public/v2${FOLDER_PATH}` });
			const part = entries.length ? (entries[entries.length - 1].body?.parts || []).find((p) => p.name === 'file') : undefined;
			const intact = Boolean(part && part.size === big && part.sha256 === bigSha && m.status === 'success');
			const v = summarize(m, { expected: 1, unique: intact ? 1 : 0 });
			v.fileBytes = big;
			v.mbPerSecond = big / 1e6 / m.wallSeconds;
			variants[key] = v;
			extras[key] = `${v.mbPerSecond.toFixed(0)} MB/s${intact ? '' : `; stored ${part ? part.size : 'nothing'}${m.error ? `; ${m.error}` : ''}`}`;
			bench.log(`4a upload ${key}: ${m.wallSeconds.toFixed(2)} s, RSS +${m.rssGrowthMb.toFixed(0)} MB, intact ${intact}`);
		}
		if (variants.dotloop.itemsLost) failures.push('the Dotloop node did not upload the document intact');
		results.push({
			id: '4a',
			title: `Upload a ${megabytes} MB PDF`,
			params: { bytes: big },
			variants,
			extras,
			compare: [
				{ key: 'wallSeconds', label: 'time', better: 'lower' },
				{ key: 'rssGrowthMb', label: 'RSS above idle', better: 'lower' },
				{ key: 'itemsLost', label: 'items lost', better: 'lower' },
			],
			failures,
		});
	}

	// 4b download, big and small
	const ids = { [big]: await storeDocument(bench, bigFile), [small]: await storeDocument(bench, smallFile) };
	const growth = { dotloop: {}, http: {} };
	const downloads = {};
	for (const size of [big, small]) {
		const variants = {};
		for (const [key, build] of [
			['dotloop', workflows.download.dotloop],
			['http', workflows.download.http],
		]) {
			await bench.fresh();
			const m = await bench.measureManual(build(bench.ctx, { documentId: ids[size] }), { timeoutMs: 300_000 });
			const meta = m.status === 'success' ? outputBinary(m.execution, 'Download Document') : undefined;
			const got = binaryBytes(meta, m.output[0]);
			const intact = got === size;
			const v = summarize(m, { expected: 1, unique: intact ? 1 : 0 });
			v.fileBytes = size;
			v.downloadedBytes = got;
			v.mbPerSecond = size / 1e6 / m.wallSeconds;
			variants[key] = v;
			growth[key][size] = m.rssGrowthMb;
			bench.log(`4b download ${size} B ${key}: ${m.wallSeconds.toFixed(2)} s, RSS +${m.rssGrowthMb.toFixed(0)} MB, got ${got} bytes (${meta ? meta.fileSize : 'no binary'})`);
		}
		downloads[size] = variants;
	}
	const fileMbDelta = (big - small) / 1e6;
	const variants = downloads[big];
	const extras = {};
	for (const key of ['dotloop', 'http']) {
		const perMb = (growth[key][big] - growth[key][small]) / fileMbDelta;
		variants[key].rssMbPerFileMb = Math.max(0, perMb);
		variants[key].rssGrowthSmallMb = growth[key][small];
		variants[key].streams = perMb < 0.25;
		extras[key] = `${variants[key].mbPerSecond.toFixed(0)} MB/s; RSS +${growth[key][small].toFixed(0)} MB for ${small / 1e6} MB → ${perMb.toFixed(2)} MB per file MB (${perMb < 0.25 ? 'streams' : 'buffers'})`;
	}
	const dlFailures = [];
	if (variants.dotloop.itemsLost || downloads[small].dotloop.itemsLost) dlFailures.push('the Dotloop node did not download the document intact');
	results.push({
		id: '4b',
		title: `Download a ${megabytes} MB PDF`,
		params: { bytes: big, comparedWithBytes: small },
		variants,
		extras,
		compare: [
			{ key: 'wallSeconds', label: 'time', better: 'lower' },
			{ key: 'rssGrowthMb', label: 'RSS above idle', better: 'lower' },
			{ key: 'rssMbPerFileMb', label: 'RSS MB per file MB', better: 'lower' },
			{ key: 'itemsLost', label: 'items lost', better: 'lower' },
		],
		smallFile: downloads[small],
		failures: dlFailures,
	});
	return results;
}

module.exports = { run };
