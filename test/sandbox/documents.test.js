'use strict';

const crypto = require('crypto');
const { start, client, admin } = require('./test-helpers');
const { makePdf } = require('./pdf');

const FOLDER = '/profile/1001/loop/50001/folder/70001/document';

describe('sandbox documents', () => {
	let sb;
	let api;
	beforeAll(async () => {
		sb = await start();
		api = await client(sb);
	});
	afterAll(() => sb.stop());

	test('list shows the seeded documents; get answers metadata for Accept: application/json', async () => {
		const list = await api('GET', FOLDER);
		expect(list.body.meta.total).toBe(2);
		expect(list.body.data[0]).toEqual({
			id: 80001,
			filename: 'Purchase Agreement.pdf',
			created: expect.any(String),
			updated: expect.any(String),
		});
		const meta = await api('GET', `${FOLDER}/80001`, { headers: { Accept: 'application/json' } });
		expect(meta.body).toEqual({
			data: {
				id: 80001,
				name: 'Purchase Agreement.pdf',
				created: expect.any(String),
				updated: expect.any(String),
			},
		});
	});

	test.each([
		['filename', { filename: 'Purchase Agreement.pdf' }],
		['name', { name: 'Purchase Agreement.pdf' }],
		['both', { filename: 'Purchase Agreement.pdf', name: 'Purchase Agreement.pdf' }],
	])(
		'documentNameField %s: the list and a folder with include_documents name the file so; get keeps name',
		async (documentNameField, named) => {
			await admin(sb, 'PATCH', '/config', { documentNameField });
			try {
				const item = {
					id: 80001,
					...named,
					created: expect.any(String),
					updated: expect.any(String),
				};
				expect((await api('GET', FOLDER)).body.data[0]).toStrictEqual(item);
				const folders = await api('GET', '/profile/1001/loop/50001/folder?include_documents=true');
				expect(folders.body.data[0].documents[0]).toStrictEqual(item);
				const folder = await api(
					'GET',
					'/profile/1001/loop/50001/folder/70001?include_documents=true',
				);
				expect(folder.body.data.documents[0]).toStrictEqual(item);
				const meta = await api('GET', `${FOLDER}/80001`, {
					headers: { Accept: 'application/json' },
				});
				expect(Object.keys(meta.body.data)).toEqual(['id', 'name', 'created', 'updated']);
			} finally {
				await admin(sb, 'PATCH', '/config', { documentNameField: 'filename' });
			}
		},
	);

	test('a seeded document downloads as a valid PDF with Accept: application/pdf', async () => {
		const res = await api('GET', `${FOLDER}/80001`, {
			headers: { Accept: 'application/pdf' },
			raw: true,
		});
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toBe('application/pdf');
		expect(res.headers.get('content-disposition')).toBe(
			'attachment; filename="Purchase Agreement.pdf"',
		);
		expect(Number(res.headers.get('content-length'))).toBe(res.buffer.length);
		const text = res.buffer.toString('latin1');
		expect(text.startsWith('%PDF-1.4')).toBe(true);
		expect(text.trimEnd().endsWith('%%EOF')).toBe(true);
		const startxref = Number(/startxref\n(\d+)/.exec(text)[1]);
		expect(text.slice(startxref, startxref + 4)).toBe('xref');
	});

	test('upload (multipart, part "file") then download is byte-identical', async () => {
		const bytes = Buffer.concat([
			makePdf('Upload test', ['binary check']),
			crypto.randomBytes(2048),
		]);
		const form = new FormData();
		form.append('file', new Blob([bytes], { type: 'application/pdf' }), 'my_disclosures.pdf');
		const up = await fetch(`${sb.apiBaseUrl}${FOLDER}/`, {
			method: 'POST',
			headers: { Authorization: `Bearer ${api.token.access_token}` },
			body: form,
		});
		expect(up.status).toBe(201);
		const created = (await up.json()).data;
		expect(created).toEqual({
			id: expect.any(Number),
			name: 'my_disclosures.pdf',
			created: expect.any(String),
			updated: expect.any(String),
		});

		const down = await api('GET', `${FOLDER}/${created.id}`, {
			headers: { Accept: 'application/pdf' },
			raw: true,
		});
		expect(down.buffer.equals(bytes)).toBe(true);
		expect(down.headers.get('content-disposition')).toBe(
			'attachment; filename="my_disclosures.pdf"',
		);

		const log = (await admin(sb, 'GET', '/requests')).body.data;
		const entry = log.find((e) => e.method === 'POST' && e.path.endsWith('/document/'));
		expect(entry.body.parts).toEqual([
			{
				name: 'file',
				filename: 'my_disclosures.pdf',
				contentType: 'application/pdf',
				size: bytes.length,
				sha256: crypto.createHash('sha256').update(bytes).digest('hex'),
			},
		]);
		expect(entry.status).toBe(201);
	});

	test('the documented `fileName=` spelling and non-ASCII names work', async () => {
		const boundary = 'XyZ123boundary';
		const pdf = makePdf('Caf\u00e9');
		const body = Buffer.concat([
			Buffer.from(
				`--${boundary}\r\nContent-Disposition: form-data; name="file"; fileName="Offre caf\u00e9.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
			),
			pdf,
			Buffer.from(`\r\n--${boundary}--\r\n`),
		]);
		const up = await api('POST', `${FOLDER}/`, {
			body,
			headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}` },
		});
		expect(up.status).toBe(201);
		expect(up.body.data.name).toBe('Offre caf\u00e9.pdf');
		const down = await api('GET', `${FOLDER}/${up.body.data.id}`, {
			headers: { Accept: 'application/pdf' },
			raw: true,
		});
		expect(down.buffer.equals(pdf)).toBe(true);
		expect(down.headers.get('content-disposition')).toBe(
			`attachment; filename="Offre caf_.pdf"; filename*=UTF-8''Offre%20caf%C3%A9.pdf`,
		);
	});

	test('uploads without a file part or without multipart are refused', async () => {
		const form = new FormData();
		form.append('other', 'value');
		const noFile = await fetch(`${sb.apiBaseUrl}${FOLDER}/`, {
			method: 'POST',
			headers: { Authorization: `Bearer ${api.token.access_token}` },
			body: form,
		});
		expect(noFile.status).toBe(400);
		expect((await noFile.json()).errors[0].source).toEqual({ parameter: 'file' });
		expect((await api('POST', `${FOLDER}/`, { body: { name: 'x.pdf' } })).status).toBe(400);
	});

	test('an upload moves the loop updated timestamp and adds an activity', async () => {
		const loop = '/profile/1001/loop/50005';
		const before = (await api('GET', loop)).body.data.updated;
		const folderId = (await api('GET', `${loop}/folder`)).body.data[0].id;
		const form = new FormData();
		form.append('file', new Blob([makePdf('Later')], { type: 'application/pdf' }), 'later.pdf');
		await fetch(`${sb.apiBaseUrl}${loop}/folder/${folderId}/document/`, {
			method: 'POST',
			headers: { Authorization: `Bearer ${api.token.access_token}` },
			body: form,
		});
		const after = (await api('GET', loop)).body.data.updated;
		expect(Date.parse(after)).toBeGreaterThan(Date.parse(before));
		const activity = await api('GET', `${loop}/activity?batch_size=1`);
		expect(activity.body.data[0].message).toBe('Brian Erwin uploaded document later');
	});
});
