import nock from 'nock';
import type { IBinaryData, INodeExecutionData } from 'n8n-workflow';

import { Dotloop } from '../../../nodes/Dotloop/Dotloop.node';
import { DOCUMENT_NOT_FOUND } from '../../../nodes/Dotloop/actions/document/fields';
import { DOWNLOAD_FORBIDDEN } from '../../../nodes/Dotloop/actions/document/file';
import { runDotloop, TOKEN_URL } from '../helpers/n8n/action';
import { createExecuteContext } from '../helpers/n8n/contexts';
import { binaryDataService } from '../helpers/n8n/engine';
import { api, BASE_PATH, setupNock } from '../helpers/nock';
import { disclosuresPdf } from '../fixtures/pdf';

setupNock();

const LOOP = `${BASE_PATH}/profile/4711/loop/34308`;
const FOLDER = `${LOOP}/folder/423424`;
const parents = {
	profileId: { __rl: true, mode: 'list', value: '4711' },
	loopId: { __rl: true, mode: 'url', value: 'https://www.dotloop.com/m/loop?viewId=34308' },
	folderId: { __rl: true, mode: 'id', value: '423424' },
};
const document = {
	id: 561621,
	name: 'disclosures.pdf',
	created: '2017-05-17T01:18:37Z',
	updated: '2017-05-17T01:18:37Z',
};

function binaryItem(content: Buffer, mimeType: string, fileName?: string, field = 'data') {
	const binary: IBinaryData = { data: content.toString('base64'), mimeType };
	if (fileName) binary.fileName = fileName;
	return { json: {}, binary: { [field]: binary } } as INodeExecutionData;
}

/** nock hands a request body over as text, or as hex when it is not valid UTF-8. */
function rawBody(body: unknown): Buffer {
	const text = String(body);
	return /^(?:[0-9a-f]{2})+$/.test(text) ? Buffer.from(text, 'hex') : Buffer.from(text, 'utf8');
}

interface Part {
	disposition: string;
	contentType?: string;
	data: Buffer;
}

/** The parts of a multipart/form-data body, split on the boundary of its Content-Type header. */
function multipartParts(contentType: string, raw: Buffer): Part[] {
	const boundary = /boundary=([^;]+)/.exec(contentType)?.[1];
	expect(contentType).toMatch(/^multipart\/form-data; boundary=/);
	const delimiter = Buffer.from(`--${boundary}`);
	const parts: Part[] = [];
	let at = raw.indexOf(delimiter) + delimiter.length;
	expect(raw.subarray(raw.length - delimiter.length - 4).toString()).toBe(
		`${delimiter.toString()}--\r\n`,
	);
	while (raw.subarray(at, at + 2).toString() === '\r\n') {
		const headerEnd = raw.indexOf('\r\n\r\n', at);
		const headers = raw
			.subarray(at + 2, headerEnd)
			.toString('utf8')
			.split('\r\n');
		const end = raw.indexOf(Buffer.concat([Buffer.from('\r\n'), delimiter]), headerEnd);
		const header = (name: string) =>
			headers
				.find((line) => line.toLowerCase().startsWith(`${name}:`))
				?.slice(name.length + 1)
				.trim();
		parts.push({
			disposition: header('content-disposition') ?? '',
			contentType: header('content-type'),
			data: raw.subarray(headerEnd + 4, end),
		});
		at = end + 2 + delimiter.length;
	}
	return parts;
}

/** Records the multipart parts of every request an interceptor answers. */
function recorder() {
	const requests: Part[][] = [];
	function record(this: nock.ReplyFnContext, _uri: string, body: nock.Body) {
		requests.push(multipartParts(String(this.req.headers['content-type']), rawBody(body)));
	}
	return { requests, record };
}

function uploadParams(options = {}) {
	return {
		resource: 'document',
		operation: 'upload',
		...parents,
		binaryPropertyName: 'data',
		options,
	};
}

describe('Document', () => {
	it('Get Many lists the documents of the folder, each with `name` as Get gives it and `filename` kept', async () => {
		const listed = {
			id: 561621,
			filename: 'disclosures.pdf',
			created: '2017-05-17T01:18:37Z',
			updated: '2017-05-17T01:18:37Z',
		};
		const second = { ...listed, id: 561622, filename: 'offer.pdf' };
		api()
			.get(`${FOLDER}/document`)
			.reply(200, { meta: { total: 2 }, data: [listed, second] });

		const { output } = await runDotloop({
			params: { resource: 'document', operation: 'getAll', ...parents, returnAll: true },
		});

		expect(output).toEqual([
			{ json: { ...listed, name: 'disclosures.pdf' }, pairedItem: { item: 0 } },
			{ json: { ...second, name: 'offer.pdf' }, pairedItem: { item: 0 } },
		]);
	});

	it('Get Many keeps a `name` Dotloop already gives', async () => {
		api()
			.get(`${FOLDER}/document`)
			.reply(200, { meta: { total: 1 }, data: [{ id: 1, name: 'a.pdf', filename: 'a.pdf' }] });

		const { output } = await runDotloop({
			params: { resource: 'document', operation: 'getAll', ...parents, returnAll: true },
		});

		expect(output).toEqual([
			{ json: { id: 1, name: 'a.pdf', filename: 'a.pdf' }, pairedItem: { item: 0 } },
		]);
	});

	it.each([
		['`filename` (section 8.1)', { filename: 'disclosures.pdf' }, 'disclosures.pdf'],
		['`name` (as clients read it)', { name: 'disclosures.pdf' }, 'disclosures.pdf'],
		[
			'both, differing: `name` wins',
			{ name: 'Disclosures.pdf', filename: 'disc.pdf' },
			'Disclosures.pdf',
		],
		['a blank `name` and a `filename`', { name: ' ', filename: 'disc.pdf' }, 'disc.pdf'],
		['neither', {}, undefined],
	])(
		'Get Many, list items naming the file by %s: name is the file name',
		async (_case, named, name) => {
			const listed = { id: 561621, ...named, created: '2017-05-17T01:18:37Z' };
			api()
				.get(`${FOLDER}/document`)
				.reply(200, { meta: { total: 1 }, data: [listed] });

			const { output } = await runDotloop({
				params: { resource: 'document', operation: 'getAll', ...parents, returnAll: true },
			});

			expect(output).toEqual([
				{ json: name === undefined ? listed : { ...listed, name }, pairedItem: { item: 0 } },
			]);
		},
	);

	it('Get Many with a limit keeps only that many of the single-response list', async () => {
		api()
			.get(`${FOLDER}/document`)
			.reply(200, { meta: { total: 3 }, data: [{ id: 1 }, { id: 2 }, { id: 3 }] });

		const { output } = await runDotloop({
			params: { resource: 'document', operation: 'getAll', ...parents, returnAll: false, limit: 2 },
		});

		expect(output).toEqual([
			{ json: { id: 1 }, pairedItem: { item: 0 } },
			{ json: { id: 2 }, pairedItem: { item: 0 } },
		]);
	});

	it('Get reads the document details as JSON', async () => {
		api()
			.matchHeader('accept', 'application/json')
			.get(`${FOLDER}/document/561621`)
			.reply(200, { data: document });

		const { output } = await runDotloop({
			params: { resource: 'document', operation: 'get', ...parents, documentId: '561621' },
		});

		expect(output).toEqual([{ json: document, pairedItem: { item: 0 } }]);
	});

	it.each([
		['get', {}],
		['download', { binaryPropertyName: 'pdf' }],
	])(
		'%s of a document not in that folder names the folder and loop searched',
		async (operation, extra) => {
			api()
				.get(`${FOLDER}/document/80005`)
				.reply(404, { errors: [{ code: '404', detail: 'Document 80005 not found' }] });

			await expect(
				runDotloop({
					params: { resource: 'document', operation, ...parents, documentId: '80005', ...extra },
				}),
			).rejects.toMatchObject({
				message: 'Document 80005 not found in folder 423424 of loop 34308 (profile 4711)',
				httpCode: '404',
				description: `Dotloop answered: Document 80005 not found. ${DOCUMENT_NOT_FOUND}`,
			});
			expect(DOCUMENT_NOT_FOUND).toBe(
				'Dotloop finds a document only under the folder and loop that hold it. Folder → Get Many with "Include Documents" lists where each document is.',
			);
		},
	);

	it('Get refuses a document ID that is not a positive whole number', async () => {
		await expect(
			runDotloop({
				params: { resource: 'document', operation: 'get', ...parents, documentId: '56-1621' },
			}),
		).rejects.toThrow(
			'"Document ID" must be a Dotloop ID (a positive whole number), not "56-1621"',
		);
	});

	describe('Upload', () => {
		it('posts one multipart part named "file" with the file name, content type and bytes', async () => {
			const { requests, record } = recorder();
			api()
				.post(`${FOLDER}/document/`)
				.reply(201, function (uri, body) {
					record.call(this, uri, body);
					return { data: document };
				});

			const { output } = await runDotloop({
				items: [binaryItem(disclosuresPdf, 'application/pdf', 'disclosures.pdf')],
				params: uploadParams(),
			});

			expect(output).toEqual([{ json: document, pairedItem: { item: 0 } }]);
			expect(requests).toHaveLength(1);
			const [parts] = requests;
			expect(parts).toHaveLength(1);
			expect(parts[0].disposition).toBe('form-data; name="file"; filename="disclosures.pdf"');
			expect(parts[0].contentType).toBe('application/pdf');
			expect(parts[0].data.equals(disclosuresPdf)).toBe(true);
		});

		it('takes the File Name option and recognises a PDF that came in as octet-stream', async () => {
			const { requests, record } = recorder();
			api()
				.post(`${FOLDER}/document/`)
				.reply(201, function (uri, body) {
					record.call(this, uri, body);
					return { data: { ...document, name: 'my_disclosures.pdf' } };
				});

			const { output } = await runDotloop({
				items: [binaryItem(disclosuresPdf, 'application/octet-stream', 'download', 'file')],
				params: {
					...uploadParams({ fileName: ' my_disclosures.pdf ' }),
					binaryPropertyName: 'file',
				},
			});

			expect(output).toEqual([
				{ json: { ...document, name: 'my_disclosures.pdf' }, pairedItem: { item: 0 } },
			]);
			const [[part]] = requests;
			expect(part.disposition).toBe('form-data; name="file"; filename="my_disclosures.pdf"');
			expect(part.contentType).toBe('application/pdf');
			expect(part.data.equals(disclosuresPdf)).toBe(true);
		});

		it('is sent again, complete, with the new token after a 401 and a token refresh', async () => {
			const { requests, record } = recorder();
			// The transport reads every answer itself, then asks a 401 again the way n8n refreshes on.
			api('access-1')
				.post(`${FOLDER}/document/`)
				.times(2)
				.reply(401, function (uri, body) {
					record.call(this, uri, body);
					return { error: 'invalid_token', error_description: 'Access token expired' };
				});
			const refresh = nock(new URL(TOKEN_URL).origin)
				.post(new URL(TOKEN_URL).pathname, {
					grant_type: 'refresh_token',
					refresh_token: 'refresh-1',
				})
				.basicAuth({ user: 'client-id', pass: 'client-secret' })
				.reply(200, { access_token: 'access-2', refresh_token: 'refresh-1', expires_in: 43199 });
			api('access-2')
				.post(`${FOLDER}/document/`)
				.reply(201, function (uri, body) {
					record.call(this, uri, body);
					return { data: document };
				});

			const { output, oauth } = await runDotloop({
				items: [binaryItem(disclosuresPdf, 'application/pdf', 'disclosures.pdf')],
				params: uploadParams(),
			});

			expect(refresh.isDone()).toBe(true);
			expect(oauth).toMatchObject({ accessToken: 'access-2', refreshCount: 1 });
			expect(output).toEqual([{ json: document, pairedItem: { item: 0 } }]);
			expect(requests).toHaveLength(3);
			for (const parts of requests) {
				expect(parts).toHaveLength(1);
				expect(parts[0].disposition).toBe('form-data; name="file"; filename="disclosures.pdf"');
				expect(parts[0].contentType).toBe('application/pdf');
				expect(parts[0].data.equals(disclosuresPdf)).toBe(true);
			}
		});

		it('refuses a file that is not a PDF before any request', async () => {
			await expect(
				runDotloop({
					items: [binaryItem(Buffer.from('hello'), 'text/plain', 'notes.txt')],
					params: uploadParams(),
				}),
			).rejects.toMatchObject({
				message:
					'"Input Binary Field": "notes.txt" is text/plain, but Dotloop accepts PDF documents',
				description:
					'Convert the file to PDF first, or turn on "Send Non-PDF Files" in the options to send it anyway.',
			});
		});

		it('sends a file that is not a PDF with its own content type when "Send Non-PDF Files" is on', async () => {
			const { requests, record } = recorder();
			api()
				.post(`${FOLDER}/document/`)
				.reply(201, function (uri, body) {
					record.call(this, uri, body);
					return { data: { ...document, name: 'photo.png' } };
				});

			const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0xff, 0x00]);
			const { output } = await runDotloop({
				items: [binaryItem(png, 'image/png', 'photo.png')],
				params: uploadParams({ allowNonPdf: true }),
			});

			expect(output).toEqual([
				{ json: { ...document, name: 'photo.png' }, pairedItem: { item: 0 } },
			]);
			const [[part]] = requests;
			expect(part.disposition).toBe('form-data; name="file"; filename="photo.png"');
			expect(part.contentType).toBe('image/png');
			expect(part.data.equals(png)).toBe(true);
		});

		it('refuses an item without the binary field, naming the parameter and the fields it has', async () => {
			await expect(
				runDotloop({
					items: [binaryItem(disclosuresPdf, 'application/pdf', 'disclosures.pdf', 'attachment')],
					params: uploadParams(),
				}),
			).rejects.toMatchObject({
				message: '"Input Binary Field": the input item has no binary field "data"',
				description: 'Its binary fields are: attachment.',
			});
		});

		it('refuses an empty file', async () => {
			await expect(
				runDotloop({
					items: [binaryItem(Buffer.alloc(0), 'application/pdf', 'empty.pdf')],
					params: uploadParams(),
				}),
			).rejects.toThrow('"Input Binary Field": the file "empty.pdf" is empty');
		});

		it('continueOnFail: uploads the good items and reports the others paired to them', async () => {
			api()
				.post(`${FOLDER}/document/`)
				.reply(201, { data: document })
				.post(`${FOLDER}/document/`)
				.reply(422, { errors: [{ detail: 'Folder is locked' }] });

			const { output } = await runDotloop({
				continueOnFail: true,
				items: [
					binaryItem(disclosuresPdf, 'application/pdf', 'disclosures.pdf'),
					{ json: {} },
					binaryItem(Buffer.from('hello'), 'text/plain', 'notes.txt'),
					binaryItem(disclosuresPdf, 'application/pdf', 'offer.pdf'),
				],
				params: uploadParams(),
			});

			expect(output).toEqual([
				{ json: document, pairedItem: { item: 0 } },
				{
					json: {
						error: '"Input Binary Field": the input item has no binary field "data"',
						description: expect.stringContaining('no binary data at all'),
					},
					pairedItem: { item: 1 },
				},
				{
					json: {
						error:
							'"Input Binary Field": "notes.txt" is text/plain, but Dotloop accepts PDF documents',
						description: expect.stringContaining('Send Non-PDF Files'),
					},
					pairedItem: { item: 2 },
				},
				{
					json: {
						error: 'Folder is locked',
						httpCode: '422',
						description: expect.stringContaining('rejected its values'),
					},
					pairedItem: { item: 3 },
				},
			]);
		});
	});

	describe('Upload, streamed from the binary data store', () => {
		const STORED_ID = 'filesystem-v2:workflows/1/executions/2/binary_data/abc';

		function storedItem(fileName: string, mimeType = 'application/pdf') {
			const binary: IBinaryData = { id: STORED_ID, data: 'filesystem-v2', mimeType, fileName };
			return { json: {}, binary: { data: binary } } as INodeExecutionData;
		}

		/** A PDF of exactly `size` bytes: a real PDF followed by incompressible padding. */
		function pdfOfSize(size: number): Buffer {
			const padding = Buffer.alloc(size - disclosuresPdf.length);
			for (let n = 0; n < padding.length; n++) padding[n] = (n * 7919 + (n >> 8)) & 0xff;
			return Buffer.concat([disclosuresPdf, padding]);
		}

		/** Every body an interceptor answers, as raw bytes, with its Content-Type and Content-Length. */
		function rawRecorder() {
			const bodies: { contentType: string; contentLength: string; raw: Buffer }[] = [];
			function record(this: nock.ReplyFnContext, _uri: string, body: nock.Body) {
				bodies.push({
					contentType: String(this.req.headers['content-type']),
					contentLength: String(this.req.headers['content-length']),
					raw: rawBody(body),
				});
			}
			return { bodies, record };
		}

		function expectedBody(boundary: string, fileName: string, file: Buffer) {
			return Buffer.concat([
				Buffer.from(
					`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/pdf\r\n\r\n`,
					'utf8',
				),
				file,
				Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8'),
			]);
		}

		function boundaryOf(contentType: string): string {
			const match = /^multipart\/form-data; boundary=(----DotloopFormBoundary[0-9a-f]{24})$/.exec(
				contentType,
			);
			expect(match).not.toBeNull();
			return match![1];
		}

		it('writes the multipart body byte for byte, reading the file as a stream and never whole', async () => {
			const file = pdfOfSize(200_000);
			const { bodies, record } = rawRecorder();
			api()
				.post(`${FOLDER}/document/`)
				.reply(201, function (uri, body) {
					record.call(this, uri, body);
					return { data: document };
				});

			const { output, binaryReads } = await runDotloop({
				items: [storedItem('scan.pdf')],
				params: uploadParams({ fileName: 'Offre "caf\u00e9"\r\n.pdf' }),
				binaryStore: { [STORED_ID]: file },
			});

			expect(output).toEqual([{ json: document, pairedItem: { item: 0 } }]);
			expect(bodies).toHaveLength(1);
			const [{ contentType, contentLength, raw }] = bodies;
			const expected = expectedBody(
				boundaryOf(contentType),
				'Offre %22caf\u00e9%22%0D%0A.pdf',
				file,
			);
			expect(raw.equals(expected)).toBe(true);
			expect(contentLength).toBe(String(expected.length));
			expect(binaryReads).toEqual({ streamsOpened: 1, buffers: 0 });
		});

		it('reopens the stream for each attempt after a 401 and a token refresh, keeping no copy', async () => {
			const file = pdfOfSize(150_000);
			const { bodies, record } = rawRecorder();
			api('access-1')
				.post(`${FOLDER}/document/`)
				.times(2)
				.reply(401, function (uri, body) {
					record.call(this, uri, body);
					return { error: 'invalid_token', error_description: 'Access token expired' };
				});
			const refresh = nock(new URL(TOKEN_URL).origin)
				.post(new URL(TOKEN_URL).pathname, {
					grant_type: 'refresh_token',
					refresh_token: 'refresh-1',
				})
				.reply(200, { access_token: 'access-2', refresh_token: 'refresh-1', expires_in: 43199 });
			api('access-2')
				.post(`${FOLDER}/document/`)
				.reply(201, function (uri, body) {
					record.call(this, uri, body);
					return { data: document };
				});

			const { output, oauth, binaryReads, warnings } = await runDotloop({
				items: [storedItem('disclosures.pdf')],
				params: uploadParams(),
				binaryStore: { [STORED_ID]: file },
			});

			expect(refresh.isDone()).toBe(true);
			expect(oauth).toMatchObject({ accessToken: 'access-2', refreshCount: 1 });
			expect(output).toEqual([{ json: document, pairedItem: { item: 0 } }]);
			expect(bodies).toHaveLength(3);
			for (const { contentType, raw } of bodies) {
				expect(raw.equals(expectedBody(boundaryOf(contentType), 'disclosures.pdf', file))).toBe(
					true,
				);
			}
			expect(binaryReads).toEqual({ streamsOpened: 3, buffers: 0 });
			// The third body is n8n-core's own resend after its refresh (requestOAuth2): to it a Blob is
			// not a single-use body, and the Blob's stream() opened the stored file again, so it is complete.
			expect(warnings).toEqual([]);
		});

		it('sends a large file once: getting the folder first takes the 401 and the refresh', async () => {
			const file = pdfOfSize(1_500_000);
			const { bodies, record } = rawRecorder();
			const order: string[] = [];
			api('access-1')
				.get(`${FOLDER}`)
				.times(2)
				.reply(401, () => {
					order.push('GET folder 401');
					return { error: 'invalid_token' };
				});
			nock(new URL(TOKEN_URL).origin)
				.post(new URL(TOKEN_URL).pathname, {
					grant_type: 'refresh_token',
					refresh_token: 'refresh-1',
				})
				.reply(200, { access_token: 'access-2', refresh_token: 'refresh-1', expires_in: 43199 });
			api('access-2')
				.get(`${FOLDER}`)
				.reply(200, () => {
					order.push('GET folder 200');
					return { data: { id: 423424, name: 'Disclosures' } };
				})
				.post(`${FOLDER}/document/`)
				.reply(201, function (uri, body) {
					order.push('POST document 201');
					record.call(this, uri, body);
					return { data: document };
				});

			const { output, binaryReads } = await runDotloop({
				items: [storedItem('big.pdf')],
				params: uploadParams(),
				binaryStore: { [STORED_ID]: file },
			});

			expect(output).toEqual([{ json: document, pairedItem: { item: 0 } }]);
			expect(order).toEqual([
				'GET folder 401',
				'GET folder 401',
				'GET folder 200',
				'POST document 201',
			]);
			const [{ contentType, raw }] = bodies;
			expect(raw.equals(expectedBody(boundaryOf(contentType), 'big.pdf', file))).toBe(true);
			expect(binaryReads).toEqual({ streamsOpened: 1, buffers: 0 });
		});

		it("never lets n8n-core's token refresh send a large body again", async () => {
			// Through n8n-core's requestOAuth2: a 401 on the upload itself would make n8n-core refresh
			// and resend the body (a Blob is not single-use to it), so 1.5 MB would travel twice or
			// more. The expired token must meet the folder check instead; the body goes out once.
			const file = pdfOfSize(1_500_000);
			const { bodies, record } = rawRecorder();
			const refused = function (this: nock.ReplyFnContext, uri: string, body: nock.Body) {
				record.call(this, uri, body);
				return { error: 'invalid_token' };
			};
			api('access-1').post(`${FOLDER}/document/`).times(3).optionally().reply(401, refused);
			api('access-1').get(`${FOLDER}`).times(2).optionally().reply(401, { error: 'invalid_token' });
			nock(new URL(TOKEN_URL).origin)
				.post(new URL(TOKEN_URL).pathname, {
					grant_type: 'refresh_token',
					refresh_token: 'refresh-1',
				})
				.reply(200, { access_token: 'access-2', refresh_token: 'refresh-2', expires_in: 43199 });
			api('access-2')
				.get(`${FOLDER}`)
				.optionally()
				.reply(200, { data: { id: 423424, name: 'Disclosures' } })
				.post(`${FOLDER}/document/`)
				.reply(201, function (uri, body) {
					record.call(this, uri, body);
					return { data: document };
				});

			const { output, tokenUpdates, binaryReads } = await runDotloop({
				items: [storedItem('big.pdf')],
				params: uploadParams(),
				binaryStore: { [STORED_ID]: file },
			});

			expect(output).toEqual([{ json: document, pairedItem: { item: 0 } }]);
			expect(tokenUpdates.map(({ oauthTokenData }) => oauthTokenData.access_token)).toEqual([
				'access-2',
			]);
			expect(bodies).toHaveLength(1);
			expect(
				bodies[0].raw.equals(expectedBody(boundaryOf(bodies[0].contentType), 'big.pdf', file)),
			).toBe(true);
			expect(binaryReads).toEqual({ streamsOpened: 1, buffers: 0 });
		});

		it('skips that check while Dotloop accepted the token a moment ago', async () => {
			const file = pdfOfSize(1_500_000);
			api()
				.get(`${FOLDER}`)
				.reply(200, { data: { id: 423424, name: 'Disclosures' } })
				.post(`${FOLDER}/document/`)
				.times(2)
				.reply(201, { data: document });

			const { output } = await runDotloop({
				items: [storedItem('big.pdf'), storedItem('big.pdf')],
				params: uploadParams(),
				binaryStore: { [STORED_ID]: file },
			});

			expect(output).toEqual([
				{ json: document, pairedItem: { item: 0 } },
				{ json: document, pairedItem: { item: 1 } },
			]);
		});

		it('uploads a large file straight into the loop the folder check found it merged into', async () => {
			const file = pdfOfSize(1_200_000);
			const merged = `${BASE_PATH}/profile/4711/loop/40001`;
			api()
				.get(`${FOLDER}`)
				.reply(301, '', { Location: `${merged}/folder/423424` })
				.get(`${merged}/folder/423424`)
				.reply(200, { data: { id: 423424, name: 'Disclosures' } })
				.post(`${merged}/folder/423424/document/`)
				.reply(201, { data: document });

			const { output } = await runDotloop({
				items: [storedItem('big.pdf')],
				params: uploadParams(),
				binaryStore: { [STORED_ID]: file },
			});

			expect(output).toEqual([
				{
					json: { ...document, mergedFromLoopId: 34308, mergedIntoLoopId: 40001 },
					pairedItem: { item: 0 },
				},
			]);
		});

		it('reads only the start of a stored file that is not declared a PDF, to check its signature', async () => {
			const file = pdfOfSize(300_000);
			const { bodies, record } = rawRecorder();
			api()
				.post(`${FOLDER}/document/`)
				.reply(201, function (uri, body) {
					record.call(this, uri, body);
					return { data: document };
				});

			const { binaryReads } = await runDotloop({
				items: [storedItem('download', 'application/octet-stream')],
				params: uploadParams(),
				binaryStore: { [STORED_ID]: file },
			});

			const [{ contentType, raw }] = bodies;
			expect(raw.equals(expectedBody(boundaryOf(contentType), 'download', file))).toBe(true);
			expect(binaryReads).toEqual({ streamsOpened: 2, buffers: 0 });
		});
	});

	describe('Download', () => {
		const downloadParams = {
			resource: 'document',
			operation: 'download',
			...parents,
			documentId: '561621',
			binaryPropertyName: 'pdf',
		};

		it('asks for application/pdf and streams the file into the output binary', async () => {
			api()
				.matchHeader('accept', 'application/pdf')
				.get(`${FOLDER}/document/561621`)
				.reply(200, disclosuresPdf, {
					'Content-Type': 'application/pdf',
					'Content-Disposition': 'attachment; filename="disclosures.pdf"',
					'Content-Length': String(disclosuresPdf.length),
				});
			const { context } = await createExecuteContext({ params: downloadParams });
			const prepare = context.helpers.prepareBinaryData;
			const received: unknown[] = [];
			context.helpers.prepareBinaryData = async (data, fileName, mimeType) => {
				received.push(data);
				return await prepare(data, fileName, mimeType);
			};

			const [output] = await new Dotloop().execute.call(context);

			expect(received).toHaveLength(1);
			expect(Buffer.isBuffer(received[0])).toBe(false);
			expect(output).toEqual([
				{
					json: {
						id: 561621,
						name: 'disclosures.pdf',
						fileName: 'disclosures.pdf',
						mimeType: 'application/pdf',
						size: disclosuresPdf.length,
					},
					binary: {
						pdf: {
							id: expect.stringMatching(
								/^filesystem-v2:workflows\/test\/executions\/1\/binary_data\//,
							),
							data: 'filesystem-v2',
							fileName: 'disclosures.pdf',
							fileExtension: 'pdf',
							fileType: 'pdf',
							mimeType: 'application/pdf',
							fileSize: '592 B',
							bytes: disclosuresPdf.length,
						},
					},
					pairedItem: { item: 0 },
				},
			]);
			const stored = await binaryDataService().getAsBuffer(output[0].binary!.pdf);
			expect(stored.equals(disclosuresPdf)).toBe(true);
		});

		it('takes the size from the byte count n8n stored rather than from Content-Length', async () => {
			api()
				.get(`${FOLDER}/document/561621`)
				.reply(200, disclosuresPdf, {
					'Content-Type': 'application/pdf',
					'Content-Length': String(disclosuresPdf.length),
				});
			const { context } = await createExecuteContext({ params: downloadParams });
			const prepare = context.helpers.prepareBinaryData;
			// n8n's binary data service sets `bytes` once the stream is stored; a distinct number
			// shows which source the size came from.
			context.helpers.prepareBinaryData = async (data, fileName, mimeType) => ({
				...(await prepare(data, fileName, mimeType)),
				bytes: 4096,
			});

			const [output] = await new Dotloop().execute.call(context);

			expect(output[0].json).toEqual({
				id: 561621,
				name: 'document-561621.pdf',
				fileName: 'document-561621.pdf',
				mimeType: 'application/pdf',
				size: 4096,
			});
		});

		it('takes an RFC 5987 file name, and names the file after the document without one', async () => {
			api()
				.get(`${FOLDER}/document/561621`)
				.reply(200, disclosuresPdf, {
					'Content-Type': 'application/pdf; charset=binary',
					'Content-Disposition':
						'attachment; filename="fallback.pdf"; filename*=UTF-8\'\'Offre%20d%C3%A9taill%C3%A9e.pdf',
				})
				.get(`${FOLDER}/document/561621`)
				.reply(200, disclosuresPdf, { 'Content-Type': 'application/pdf' });

			const { output } = await runDotloop({
				items: [{ json: {} }, { json: {} }],
				params: downloadParams,
			});

			expect(output.map((item) => item.json)).toEqual([
				{
					id: 561621,
					name: 'Offre détaillée.pdf',
					size: disclosuresPdf.length,
					fileName: 'Offre détaillée.pdf',
					mimeType: 'application/pdf',
				},
				{
					id: 561621,
					name: 'document-561621.pdf',
					size: disclosuresPdf.length,
					fileName: 'document-561621.pdf',
					mimeType: 'application/pdf',
				},
			]);
			expect(output.map((item) => item.binary!.pdf.fileName)).toEqual([
				'Offre détaillée.pdf',
				'document-561621.pdf',
			]);
		});

		it('reports a 403 as a download this account or token is not permitted', async () => {
			api()
				.get(`${FOLDER}/document/561621`)
				.reply(403, { errors: [{ code: '403', detail: 'Access denied' }] });

			await expect(runDotloop({ params: downloadParams })).rejects.toMatchObject({
				message: 'Access denied',
				httpCode: '403',
				description: DOWNLOAD_FORBIDDEN,
			});
			expect(DOWNLOAD_FORBIDDEN).toMatch(/^Download not permitted for this account or token/);
		});

		it('refuses a JSON answer instead of the file', async () => {
			api().get(`${FOLDER}/document/561621`).reply(200, { data: document });

			await expect(runDotloop({ params: downloadParams })).rejects.toMatchObject({
				message: 'Dotloop answered document 561621 with application/json instead of the file',
				description: 'Use the Get operation for document details.',
			});
		});

		it('refuses a bad document ID before any request', async () => {
			await expect(runDotloop({ params: { ...downloadParams, documentId: '0' } })).rejects.toThrow(
				'"Document ID" must be a Dotloop ID (a positive whole number), not "0"',
			);
		});
	});
});
