'use strict';
/**
 * 4. Documents: upload, then download, a 50 MB PDF (50,000,000 bytes; the sandbox accepts request
 * bodies up to 50 MiB). Time and n8n's peak RSS above its idle baseline, each measured on its own.
 *
 * Upload: Read/Write Files from Disk reads the file into n8n's binary store (filesystem mode, n8n 2.x's
 * default), then the node sends it. Download: of a document stored beforehand, into the binary store.
 * The download must stream: its RSS growth should not scale with the file size. Below ~64 MB that cannot
 * be told from the growth alone: streamed chunks are garbage that V8 collects only once about 64 MB of
 * external memory has piled up, so a streamed 50 MB download still grows RSS by about 50 MB. So each side
 * also downloads a 4× larger probe (200 MB, put straight into the sandbox's store, past its 50 MiB upload
 * limit): a buffered download needs at least the whole file in memory, a streamed one stays far below it.
 * "streams" = growth for the probe under half its size.
 */
const fs = require('node:fs');
const path = require('node:path');
const crypto = require('node:crypto');
const { workflows } = require('../workflows');
const { summarize } = require('./s1-return-all');
const { writePaddedPdf } = require('../lib/pdf');
const { median } = require('../lib/stats');
const { addDocument } = require('../../sandbox/mutations/documents');

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

/** Put a document straight into the sandbox's store (no upload, so no size limit), for the download runs. */
function storeDocument(bench, file) {
	const { app } = bench.sandbox;
	const loop = app.store.loops.get(50001);
	const folder = app.store.folders.get(70003);
	if (!loop || !folder) throw new Error('sandbox seed lacks loop 50001 / folder 70003');
	const doc = addDocument(app, {
		loop,
		folder,
		userId: 100,
		name: path.basename(file),
		bytes: fs.readFileSync(file),
		contentType: 'application/pdf',
	});
	return doc.id;
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

async function run(bench, { megabytes, probeRuns = 1 }) {
	await bench.admin.reset();
	await bench.admin.config({ rateLimit: 1e9, clockScale: 1, rateWindowMs: 60_000 });
	const big = megabytes * 1_000_000;
	const probe = big * 4;
	const bigFile = writePaddedPdf(path.join(bench.filesDir, `bench-${megabytes}mb.pdf`), big);
	const probeFile = writePaddedPdf(
		path.join(bench.filesDir, `bench-${megabytes * 4}mb.pdf`),
		probe,
	);
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
			const m = await bench.measureManual(build(bench.ctx, { filePath: bigFile }), {
				timeoutMs: 300_000,
			});
			const entries = await bench.admin.requests({
				method: 'POST',
				path: `/public/v2${FOLDER_PATH}/`,
			});
			const part = entries.length
				? (entries[entries.length - 1].body?.parts || []).find((p) => p.name === 'file')
				: undefined;
			const intact = Boolean(
				part && part.size === big && part.sha256 === bigSha && m.status === 'success',
			);
			const v = summarize(m, { expected: 1, unique: intact ? 1 : 0 });
			v.fileBytes = big;
			v.mbPerSecond = big / 1e6 / m.wallSeconds;
			variants[key] = v;
			extras[key] =
				`${v.mbPerSecond.toFixed(0)} MB/s${intact ? '' : `; stored ${part ? part.size : 'nothing'}${m.error ? `; ${m.error}` : ''}`}`;
			bench.log(
				`4a upload ${key}: ${m.wallSeconds.toFixed(2)} s, RSS +${m.rssGrowthMb.toFixed(0)} MB, intact ${intact}`,
			);
		}
		if (variants.dotloop.itemsLost)
			failures.push('the Dotloop node did not upload the document intact');
		results.push({
			id: '4a',
			title: `Upload a ${megabytes} MB PDF`,
			params: { bytes: big },
			variants,
			extras,
			compare: [
				{ key: 'wallSeconds', label: 'time', better: 'lower' },
				{ key: 'rssGrowthMb', label: 'peak RSS above idle', better: 'lower' },
				{ key: 'itemsLost', label: 'items lost', better: 'lower', exact: true },
			],
			failures,
		});
	}

	// 4b download, the file and the probe
	const ids = { [big]: storeDocument(bench, bigFile), [probe]: storeDocument(bench, probeFile) };
	const growth = { dotloop: {}, http: {} };
	const downloads = {};
	const samples = { dotloop: [], http: [] };
	let dotloopBroken = false;
	// The probe's growth varies by ±15 MB from run to run (when V8 collects the passed chunks):
	// --set 4.probeRuns=N measures it N times per side, alternating, and reports the median.
	for (const [size, runs] of [
		[big, 1],
		[probe, probeRuns],
	]) {
		const variants = {};
		for (let round = 0; round < runs; round++)
			for (const [key, build] of [
				['dotloop', workflows.download.dotloop],
				['http', workflows.download.http],
			]) {
				await bench.fresh();
				const m = await bench.measureManual(build(bench.ctx, { documentId: ids[size] }), {
					timeoutMs: 300_000,
				});
				const meta =
					m.status === 'success' ? outputBinary(m.execution, 'Download Document') : undefined;
				const got = binaryBytes(meta, m.output[0]);
				const intact = got === size;
				const v = summarize(m, { expected: 1, unique: intact ? 1 : 0 });
				v.fileBytes = size;
				v.downloadedBytes = got;
				v.mbPerSecond = size / 1e6 / m.wallSeconds;
				variants[key] = v;
				growth[key][size] = m.rssGrowthMb;
				if (size === probe) samples[key].push(m.rssGrowthMb);
				if (key === 'dotloop' && !intact) dotloopBroken = true;
				bench.log(
					`4b download ${size} B ${key}: ${m.wallSeconds.toFixed(2)} s, RSS +${m.rssGrowthMb.toFixed(0)} MB, got ${got} bytes (${meta ? meta.fileSize : 'no binary'})`,
				);
			}
		downloads[size] = variants;
	}
	const variants = downloads[big];
	const extras = {};
	for (const key of ['dotloop', 'http']) {
		growth[key][probe] = median(samples[key]);
		const share = growth[key][probe] / (probe / 1e6);
		variants[key].probeBytes = probe;
		variants[key].probeRssGrowthMb = growth[key][probe];
		variants[key].probeRssGrowthSamplesMb = samples[key];
		variants[key].probeGrowthShare = share;
		variants[key].streams = share < 0.5;
		extras[key] =
			`${variants[key].mbPerSecond.toFixed(0)} MB/s; ${probe / 1e6} MB probe: RSS +${growth[key][probe].toFixed(0)} MB${probeRuns > 1 ? ` (median of ${samples[key].map((mb) => mb.toFixed(0)).join(', ')})` : ''} = ${(share * 100).toFixed(0)}% of the file (${share < 0.5 ? 'streams' : 'buffers'})`;
	}
	const dlFailures = [];
	if (dotloopBroken) dlFailures.push('the Dotloop node did not download the document intact');
	results.push({
		id: '4b',
		title: `Download a ${megabytes} MB PDF`,
		params: { bytes: big, probeBytes: probe },
		variants,
		extras,
		compare: [
			{ key: 'wallSeconds', label: 'time', better: 'lower' },
			{ key: 'rssGrowthMb', label: 'peak RSS above idle', better: 'lower' },
			{
				key: 'probeRssGrowthMb',
				label: `peak RSS above idle, ${probe / 1e6} MB probe`,
				better: 'lower',
			},
			{ key: 'itemsLost', label: 'items lost', better: 'lower', exact: true },
		],
		probe: downloads[probe],
		failures: dlFailures,
	});
	return results;
}

module.exports = { run };
