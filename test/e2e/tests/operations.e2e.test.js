'use strict';
/**
 * Issue 6, "every operation": workflows in a real n8n run all 49 operations of the Dotloop node (the packed
 * package, connected through the real OAuth flow) against the sandbox. For each one the sandbox's request
 * log must show exactly the requests expected (method, path, query, body), and the result is checked
 * against the sandbox's state or against the same read made directly. A binary PDF goes in through a
 * binary property and comes back byte-identical; Return All over more than 250 loops, and Limit, make the
 * fewest requests possible. The last test compares the operations exercised here with the ones the node
 * offers in this n8n, so a new operation cannot go untested.
 *
 * One n8n and one sandbox for the whole file; each test is one workflow whose Dotloop nodes run once each
 * ("Execute Once"), later nodes reading ids from earlier ones with expressions.
 */
const {
	startStack,
	connectedDotloopCredential,
	request,
	makeBinaryPdf,
	sha256,
	wf,
} = require('../lib');
const { STAGE_OF_STATUS } = require('../../fixtures/status-stages');

const { rl, ref } = wf;

let stack;
let n8n;
let sandbox;
let admin;
let credential;
let directToken;
const covered = new Set();

beforeAll(async () => {
	// The rate limit is not under test here (resilience.e2e.test.js lowers it): keep it out of the way.
	stack = await startStack({ sandbox: { rateLimit: 100_000 } });
	({ n8n, sandbox, admin } = stack);
	({ credential } = await connectedDotloopCredential(n8n, sandbox, { name: 'Dotloop' }));
	directToken = (await admin.issueToken()).access_token;
});

afterAll(async () => {
	if (stack) await stack.stop();
});

/** A Dotloop node that counts its resource/operation as covered. */
function op(name, resource, operation, parameters = {}, opts) {
	covered.add(`${resource}:${operation}`);
	return wf.dotloop(name, { resource, operation, ...parameters }, credential, opts);
}

/** The sandbox's answer to a read made directly (not through n8n), for comparing outputs. */
async function direct(path) {
	const res = await request(`${sandbox.apiBaseUrl}${path}`, {
		headers: { Authorization: `Bearer ${directToken}` },
		expect: 200,
	});
	return res.body.data;
}

/**
 * Run Manual Trigger -> nodes; fail with n8n's error unless the execution succeeded. Returns
 * { execution, out(node) (items' json), requests (API requests logged during the run, with .route) }.
 */
async function run(name, nodes) {
	const since = await admin.lastSeq();
	const { execution } = await n8n.runNodes(nodes, { name });
	const requests = await wf.apiRequests(admin, since);
	if (execution.status !== 'success') {
		const err = n8n.executionError(execution);
		throw new Error(
			`workflow "${name}" ended ${execution.status}: ${JSON.stringify(err && { message: err.message, description: err.description, node: err.node && err.node.name })}\nrequests: ${requests.map((r) => `${r.route} -> ${r.status}`).join('\n')}`,
		);
	}
	const ran = Object.keys(execution.data.resultData.runData);
	const missing = nodes.map((n) => n.name).filter((n) => !ran.includes(n));
	if (missing.length)
		throw new Error(
			`workflow "${name}": no run data for ${missing.join(', ')} (ran: ${ran.join(', ')})`,
		);
	return { execution, out: (node) => n8n.nodeOutput(execution, node), requests };
}

function routes(requests) {
	return requests.map((r) => `${r.route} -> ${r.status}`);
}

async function loopState(loopId) {
	return (await admin.state()).loops.find((l) => l.id === loopId);
}

test('account, profiles and loop templates: get, get many, create, update', async () => {
	const { out, requests } = await run('ops: account, profile, template', [
		op('Get account', 'account', 'get'),
		op('Get many profiles', 'profile', 'getAll', { returnAll: true }),
		op('Get profile', 'profile', 'get', { profileId: rl(1001) }),
		op('Create profile', 'profile', 'create', {
			name: 'E2E Austin Team',
			additionalFields: { city: 'Austin', state: 'TX', phone: '+1 512 555 0100' },
		}),
		op('Update profile', 'profile', 'update', {
			profileId: rl(ref('Create profile')),
			updateFields: { name: 'E2E Austin Team (renamed)', zipCode: '78701' },
		}),
		op('Get many templates', 'loopTemplate', 'getAll', {
			profileId: rl(1001),
			returnAll: false,
			limit: 3,
		}),
		op('Get template', 'loopTemplate', 'get', { profileId: rl(1001), loopTemplateId: rl(1405) }),
	]);
	const newProfileId = out('Create profile')[0].id;
	expect(routes(requests)).toEqual([
		'GET /account -> 200',
		'GET /profile -> 200',
		'GET /profile/1001 -> 200',
		'POST /profile -> 201',
		`PATCH /profile/${newProfileId} -> 200`,
		'GET /profile/1001/loop-template -> 200',
		'GET /profile/1001/loop-template/1405 -> 200',
	]);
	expect(requests[3].body).toEqual({
		name: 'E2E Austin Team',
		city: 'Austin',
		state: 'TX',
		phone: '+1 512 555 0100',
	});
	expect(requests[4].body).toEqual({ name: 'E2E Austin Team (renamed)', zipCode: '78701' });

	const state = await admin.state();
	expect(out('Get account')).toEqual([await direct('/account')]);
	expect(out('Get account')[0]).toMatchObject({
		id: 100,
		email: 'brianerwin@newkyhome.com',
		defaultProfileId: 1001,
	});
	// Get Many profiles ran before the create: the four seeded profiles.
	expect(out('Get many profiles').map((p) => p.id)).toEqual([1001, 1002, 1003, 1004]);
	expect(out('Get profile')).toEqual([await direct('/profile/1001')]);
	const created = state.profiles.find((p) => p.id === newProfileId);
	expect(created).toMatchObject({
		name: 'E2E Austin Team (renamed)',
		city: 'Austin',
		state: 'TX',
		zipCode: '78701',
		phone: '+1 512 555 0100',
	});
	expect(out('Update profile')[0]).toMatchObject({
		id: newProfileId,
		name: 'E2E Austin Team (renamed)',
		zipCode: '78701',
	});
	expect(out('Get many templates').map((t) => t.id)).toEqual(
		(await direct('/profile/1001/loop-template')).slice(0, 3).map((t) => t.id),
	);
	expect(out('Get template')).toEqual([await direct('/profile/1001/loop-template/1405')]);
});

/**
 * The stage a loop item carries next to its status, as the README's table says: the node's loops are
 * the sandbox's plus `statusCategory`.
 */
const withStage = (loop) => ({
	...loop,
	statusCategory: STAGE_OF_STATUS[loop.status] ?? 'Unknown',
});

test('loops: create, get, update, get many with filters, sort and details', async () => {
	const filters = {
		updatedSince: '2024-01-01T00:00:00Z',
		transactionTypes: ['PURCHASE_OFFER', 'LISTING_FOR_SALE'],
	};
	const { out, requests } = await run('ops: loop', [
		op('Create loop', 'loop', 'create', {
			profileId: rl(1001),
			name: 'E2E 1 Congress Ave, Austin, TX 78701',
			transactionType: 'LISTING_FOR_SALE',
			status: 'PRE_LISTING',
			templateId: rl(1402),
		}),
		op('Get loop', 'loop', 'get', { profileId: rl(1001), loopId: rl(ref('Create loop')) }),
		op('Update loop', 'loop', 'update', {
			profileId: rl(1001),
			loopId: rl(ref('Create loop')),
			updateFields: { name: 'E2E 1 Congress Ave (listed)', status: 'ACTIVE_LISTING' },
		}),
		op('Get many loops', 'loop', 'getAll', {
			profileId: rl(1001),
			returnAll: false,
			limit: 5,
			filters,
			options: { sortBy: 'address', sortDirection: 'asc', includeDetails: true },
		}),
	]);
	const loopId = out('Create loop')[0].id;
	const listQuery =
		'batch_number=1&batch_size=5&filter=updated_min=2024-01-01T00:00:00Z,transaction_type=PURCHASE_OFFER|LISTING_FOR_SALE&include_details=true&sort=address:asc';
	expect(routes(requests)).toEqual([
		'POST /profile/1001/loop -> 201',
		`GET /profile/1001/loop/${loopId} -> 200`,
		`PATCH /profile/1001/loop/${loopId} -> 200`,
		`GET /profile/1001/loop?${listQuery} -> 200`,
	]);
	expect(requests[0].body).toEqual({
		name: 'E2E 1 Congress Ave, Austin, TX 78701',
		transactionType: 'LISTING_FOR_SALE',
		status: 'PRE_LISTING',
		templateId: 1402,
	});
	expect(requests[2].body).toEqual({
		name: 'E2E 1 Congress Ave (listed)',
		status: 'ACTIVE_LISTING',
	});

	expect(out('Get loop')[0]).toMatchObject({
		id: loopId,
		name: 'E2E 1 Congress Ave, Austin, TX 78701',
		status: 'PRE_LISTING',
	});
	expect(await loopState(loopId)).toMatchObject({
		profileId: 1001,
		name: 'E2E 1 Congress Ave (listed)',
		transactionType: 'LISTING_FOR_SALE',
		status: 'ACTIVE_LISTING',
	});
	const listed = await direct(`/profile/1001/loop?${listQuery}`);
	// Every loop item carries the profile it was read from.
	expect(out('Get many loops')).toEqual(
		listed.map((loop) => ({ ...withStage(loop), profileId: 1001 })),
	);
	expect(out('Get many loops')).toHaveLength(5);
	expect(out('Get many loops')[0].details).toBeDefined();
});

test("a merged loop: Get and sub-resource reads follow Dotloop's 301 to the loop it was merged into, and say so", async () => {
	const { out, requests } = await run('ops: merged loop', [
		op('Get merged loop', 'loop', 'get', { profileId: rl(1001), loopId: rl(50037) }),
		op('Folders of merged loop', 'folder', 'getAll', {
			profileId: rl(1001),
			loopId: rl(50037),
			returnAll: true,
		}),
	]);
	expect(routes(requests)).toEqual([
		'GET /profile/1001/loop/50037 -> 301',
		'GET /profile/1001/loop/50002 -> 200',
		'GET /profile/1001/loop/50037/folder -> 301',
		'GET /profile/1001/loop/50002/folder -> 200',
	]);
	expect(out('Get merged loop')[0]).toMatchObject({
		id: 50002,
		mergedFromLoopId: 50037,
		mergedIntoLoopId: 50002,
	});
	const folders = await direct('/profile/1001/loop/50002/folder');
	expect(out('Folders of merged loop')).toEqual(
		folders.map((f) => ({ ...f, mergedFromLoopId: 50037, mergedIntoLoopId: 50002 })),
	);
});

test('a merged loop whose 301 names only the loop (section 5.2), on another profile: Download All and Loop Detail Update reach the loop it went into', async () => {
	await admin.config({ mergeLocation: 'loop' });
	try {
		await admin.call('POST', '/loops/50009/merge', { intoLoopId: 50034 });
		const body = { Financials: { 'Purchase/Sale Price': '612000' } };
		const merged = { profileId: rl(1001), loopId: rl(50009) };
		const { out, requests } = await run('ops: merged loop, Location naming the loop', [
			op('Download all of merged loop', 'document', 'downloadAll', {
				...merged,
				folderScope: 'all',
				binaryPropertyName: 'file',
				options: { downloadsAtOnce: 1 },
			}),
			op('Update details of merged loop', 'loopDetail', 'update', {
				...merged,
				mode: 'json',
				detailsJson: JSON.stringify(body),
			}),
		]);

		const to = '/profile/1002/loop/50034';
		const folders = await direct(`${to}/folder?include_documents=true`);
		const documents = folders.flatMap((f) => f.documents.map((d) => ({ folder: f, document: d })));
		// 50009's two documents moved in with its folders.
		expect(documents.length).toBeGreaterThanOrEqual(2);
		expect(routes(requests)).toEqual([
			'GET /profile/1001/loop/50009/folder?include_documents=true -> 301',
			`GET ${to}/folder?include_documents=true -> 200`,
			...documents.map(
				({ folder, document }) => `GET ${to}/folder/${folder.id}/document/${document.id} -> 200`,
			),
			'PATCH /profile/1001/loop/50009/detail -> 301',
			`PATCH ${to}/detail -> 200`,
		]);
		expect(requests.filter((r) => r.method === 'PATCH').map((r) => r.body)).toEqual([body, body]);
		const moved = { mergedFromLoopId: 50009, mergedIntoLoopId: 50034, mergedIntoProfileId: 1002 };
		expect(
			out('Download all of merged loop').map((i) => [
				i.id,
				i.name,
				i.folderId,
				i.loopId,
				i.mergedFromLoopId,
				i.mergedIntoLoopId,
				i.mergedIntoProfileId,
			]),
		).toEqual(
			documents.map(({ folder, document }) => [
				document.id,
				document.filename,
				folder.id,
				50034,
				...Object.values(moved),
			]),
		);
		const details = await direct(`${to}/detail`);
		expect(details.Financials['Purchase/Sale Price']).toBe('612000');
		expect(out('Update details of merged loop')).toEqual([{ ...details, ...moved }]);
	} finally {
		await admin.config({ mergeLocation: 'subpath' });
	}
});

test('loop details: get, update field by field (ISO date -> MM/DD/YYYY) and as JSON', async () => {
	const { out, requests } = await run('ops: loop detail', [
		op('Get details', 'loopDetail', 'get', { profileId: rl(1001), loopId: rl(50001) }),
		op('Update details', 'loopDetail', 'update', {
			profileId: rl(1001),
			loopId: rl(50001),
			mode: 'fields',
			propertyAddress: { unitNumber: '12B' },
			financials: { purchaseSalePrice: '455000' },
			contractDates: { closingDate: '2026-12-15' },
		}),
		op('Update details (JSON)', 'loopDetail', 'update', {
			profileId: rl(1001),
			loopId: rl(50001),
			mode: 'json',
			detailsJson: '{"Referral": {"Referral Source": "E2E open house"}}',
		}),
	]);
	expect(routes(requests)).toEqual([
		'GET /profile/1001/loop/50001/detail -> 200',
		'PATCH /profile/1001/loop/50001/detail -> 200',
		'PATCH /profile/1001/loop/50001/detail -> 200',
	]);
	expect(requests[1].body).toEqual({
		'Property Address': { 'Unit Number': '12B' },
		Financials: { 'Purchase/Sale Price': '455000' },
		'Contract Dates': { 'Closing Date': '12/15/2026' },
	});
	expect(requests[2].body).toEqual({ Referral: { 'Referral Source': 'E2E open house' } });
	expect(out('Get details')[0]['Property Address']).toMatchObject({
		'Street Name': expect.any(String),
	});

	const details = (await loopState(50001)).details;
	expect(details['Property Address']['Unit Number']).toBe('12B');
	expect(details.Financials['Purchase/Sale Price']).toBe('455000');
	expect(details['Contract Dates']['Closing Date']).toBe('12/15/2026');
	expect(details.Referral['Referral Source']).toBe('E2E open house');
	expect(out('Update details (JSON)')[0]).toEqual(await direct('/profile/1001/loop/50001/detail'));
});

test('folders and documents: list, get, create, rename; a binary PDF uploaded from a binary property comes back byte-identical', async () => {
	const pdf = makeBinaryPdf('E2E Purchase Agreement', ['Signed by both parties']);
	const { out, requests, execution } = await run('ops: folder, document', [
		op('Get many folders', 'folder', 'getAll', {
			profileId: rl(1001),
			loopId: rl(50001),
			returnAll: true,
			options: { includeDocuments: true },
		}),
		op('Get folder', 'folder', 'get', {
			profileId: rl(1001),
			loopId: rl(50001),
			folderId: rl(70001),
		}),
		op('Create folder', 'folder', 'create', {
			profileId: rl(1001),
			loopId: rl(50001),
			folderName: 'E2E Closing',
		}),
		op('Rename folder', 'folder', 'update', {
			profileId: rl(1001),
			loopId: rl(50001),
			folderId: rl(ref('Create folder')),
			folderName: 'E2E Closing Documents',
		}),
		op('Get many documents', 'document', 'getAll', {
			profileId: rl(1001),
			loopId: rl(50001),
			folderId: rl(70001),
			returnAll: true,
		}),
		op('Get document', 'document', 'get', {
			profileId: rl(1001),
			loopId: rl(50001),
			folderId: rl(70001),
			documentId: '80001',
		}),
		wf.set('PDF as base64', { pdf: pdf.toString('base64') }, { executeOnce: true }),
		wf.toFile('PDF to file', 'pdf', 'agreement.pdf'),
		op('Upload document', 'document', 'upload', {
			profileId: rl(1001),
			loopId: rl(50001),
			folderId: rl(ref('Create folder')),
			binaryPropertyName: 'data',
			options: { fileName: 'E2E Purchase Agreement.pdf' },
		}),
		op('Download document', 'document', 'download', {
			profileId: rl(1001),
			loopId: rl(50001),
			folderId: rl(ref('Create folder')),
			documentId: ref('Upload document'),
			binaryPropertyName: 'pdf',
		}),
		wf.toBase64('Downloaded bytes', 'pdf', 'base64'),
	]);
	const folderId = out('Create folder')[0].id;
	const documentId = out('Upload document')[0].id;
	const base = '/profile/1001/loop/50001/folder';
	expect(routes(requests)).toEqual([
		`GET ${base}?include_documents=true -> 200`,
		`GET ${base}/70001 -> 200`,
		`POST ${base}/ -> 201`,
		`PATCH ${base}/${folderId} -> 200`,
		`GET ${base}/70001/document -> 200`,
		`GET ${base}/70001/document/80001 -> 200`,
		`POST ${base}/${folderId}/document/ -> 201`,
		`GET ${base}/${folderId}/document/${documentId} -> 200`,
	]);
	expect(requests[2].body).toEqual({ name: 'E2E Closing' });
	expect(requests[3].body).toEqual({ name: 'E2E Closing Documents' });
	expect(requests[5].headers.accept).toMatch(/json/);

	// Upload: one multipart part named "file", a PDF, exactly the bytes of the binary property.
	expect(requests[6].headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
	expect(requests[6].body.parts).toEqual([
		{
			name: 'file',
			filename: 'E2E Purchase Agreement.pdf',
			contentType: 'application/pdf',
			size: pdf.length,
			sha256: sha256(pdf),
		},
	]);
	// Download: the file, not the metadata.
	expect(requests[7].headers.accept).toBe('application/pdf');

	const folders = (await loopState(50001)).folders;
	const folder = folders.find((f) => f.id === folderId);
	expect(folder.name).toBe('E2E Closing Documents');
	expect(folder.documents).toEqual([
		expect.objectContaining({
			id: documentId,
			name: 'E2E Purchase Agreement.pdf',
			size: pdf.length,
			sha256: sha256(pdf),
		}),
	]);

	expect(out('Download document')).toEqual([
		{
			id: documentId,
			name: 'E2E Purchase Agreement.pdf',
			fileName: 'E2E Purchase Agreement.pdf',
			mimeType: 'application/pdf',
			size: pdf.length,
		},
	]);
	const binary =
		execution.data.resultData.runData['Download document'][0].data.main[0][0].binary.pdf;
	expect(binary).toMatchObject({
		mimeType: 'application/pdf',
		fileName: 'E2E Purchase Agreement.pdf',
	});
	const downloaded = Buffer.from(out('Downloaded bytes')[0].base64, 'base64');
	expect(downloaded.length).toBe(pdf.length);
	expect(downloaded.equals(pdf)).toBe(true);

	// The reads match the sandbox.
	expect(out('Get many folders')).toEqual(
		await direct('/profile/1001/loop/50001/folder?include_documents=true').then((all) =>
			all.filter((f) => f.id !== folderId),
		),
	);
	expect(out('Get folder')).toEqual([await direct(`${base}/70001`)]);
	// The list's `filename`, and `name` as Get gives it.
	expect(out('Get many documents')).toEqual(
		(await direct(`${base}/70001/document`)).map((d) => ({ ...d, name: d.filename })),
	);
	expect(out('Get many documents')[0]).toMatchObject({
		name: 'Purchase Agreement.pdf',
		filename: 'Purchase Agreement.pdf',
	});
	expect(out('Get document')).toEqual([await direct(`${base}/70001/document/80001`)]);
});

test('participants: list, get, add, update, remove', async () => {
	const { out, requests } = await run('ops: participant', [
		op('Get many participants', 'participant', 'getAll', {
			profileId: rl(1001),
			loopId: rl(50001),
			returnAll: true,
		}),
		op('Get participant', 'participant', 'get', {
			profileId: rl(1001),
			loopId: rl(50001),
			participantId: '90002',
		}),
		op('Add participant', 'participant', 'create', {
			profileId: rl(1001),
			loopId: rl(50001),
			fullName: 'Ivy Inspector',
			email: 'ivy.inspector@e2e.test',
			role: 'HOME_INSPECTOR',
			additionalFields: { companyName: 'E2E Inspections LLC', licenseNumber: 'TX-4711' },
		}),
		op('Update participant', 'participant', 'update', {
			profileId: rl(1001),
			loopId: rl(50001),
			participantId: ref('Add participant'),
			updateFields: { cellPhone: '+1 512 555 0199', email: 'ivy@e2e-inspections.test' },
		}),
		op('Get updated participant', 'participant', 'get', {
			profileId: rl(1001),
			loopId: rl(50001),
			participantId: ref('Add participant'),
		}),
		op('Remove participant', 'participant', 'delete', {
			profileId: rl(1001),
			loopId: rl(50001),
			participantId: ref('Add participant'),
		}),
	]);
	const id = out('Add participant')[0].id;
	const base = '/profile/1001/loop/50001/participant';
	expect(routes(requests)).toEqual([
		`GET ${base} -> 200`,
		`GET ${base}/90002 -> 200`,
		`POST ${base} -> 201`,
		`PATCH ${base}/${id} -> 200`,
		`GET ${base}/${id} -> 200`,
		`DELETE ${base}/${id} -> 204`,
	]);
	expect(requests[2].body).toEqual({
		fullName: 'Ivy Inspector',
		email: 'ivy.inspector@e2e.test',
		role: 'HOME_INSPECTOR',
		'Company Name': 'E2E Inspections LLC',
		'License #': 'TX-4711',
	});
	expect(requests[3].body).toEqual({
		'Cell Phone': '+1 512 555 0199',
		email: 'ivy@e2e-inspections.test',
	});
	expect(out('Get many participants').map((p) => p.id)).toEqual([
		90001, 90002, 90003, 90004, 90005,
	]);
	expect(out('Get participant')).toEqual([await direct(`${base}/90002`)]);
	expect(out('Get updated participant')[0]).toMatchObject({
		id,
		fullName: 'Ivy Inspector',
		email: 'ivy@e2e-inspections.test',
		role: 'HOME_INSPECTOR',
		'Cell Phone': '+1 512 555 0199',
		'Company Name': 'E2E Inspections LLC',
	});
	expect(out('Remove participant')).toEqual([{ deleted: true, id }]);
	expect((await loopState(50001)).participants.map((p) => p.id)).toEqual([
		90001, 90002, 90003, 90004, 90005,
	]);
});

test('task lists, tasks, and activities (Return All reads two batches of 100 and stops)', async () => {
	const activityCount = (await loopState(50001)).activityCount;
	expect(activityCount).toBeGreaterThan(100);
	const { out, requests } = await run('ops: task list, task, activity', [
		op('Get many task lists', 'taskList', 'getAll', {
			profileId: rl(1001),
			loopId: rl(50001),
			returnAll: true,
		}),
		op('Get task list', 'taskList', 'get', {
			profileId: rl(1001),
			loopId: rl(50001),
			taskListId: rl(20001),
		}),
		op('Get many tasks', 'task', 'getAll', {
			profileId: rl(1001),
			loopId: rl(50001),
			taskListId: rl(20001),
			returnAll: false,
			limit: 4,
		}),
		op('Get task', 'task', 'get', {
			profileId: rl(1001),
			loopId: rl(50001),
			taskListId: rl(20001),
			taskId: '30002',
		}),
		op('Get many activities', 'activity', 'getAll', {
			profileId: rl(1001),
			loopId: rl(50001),
			returnAll: true,
		}),
	]);
	const base = '/profile/1001/loop/50001';
	// Activities report total -1: a batch shorter than 100 is the last one (an exact multiple needs one more).
	const batches = Math.floor(activityCount / 100) + 1;
	expect(routes(requests)).toEqual([
		`GET ${base}/tasklist/ -> 200`,
		`GET ${base}/tasklist/20001 -> 200`,
		`GET ${base}/tasklist/20001/task -> 200`,
		`GET ${base}/tasklist/20001/task/30002 -> 200`,
		...Array.from(
			{ length: batches },
			(_, i) => `GET ${base}/activity?batch_number=${i + 1}&batch_size=100 -> 200`,
		),
	]);
	expect(out('Get many task lists')).toEqual(await direct(`${base}/tasklist/`));
	expect(out('Get task list')).toEqual([await direct(`${base}/tasklist/20001`)]);
	expect(out('Get many tasks')).toEqual((await direct(`${base}/tasklist/20001/task`)).slice(0, 4));
	expect(out('Get task')).toEqual([await direct(`${base}/tasklist/20001/task/30002`)]);
	const activities = out('Get many activities');
	expect(activities).toHaveLength(activityCount);
	expect(activities.slice(0, 100)).toEqual(
		await direct(`${base}/activity?batch_size=100&batch_number=1`),
	);
});

test('contacts: create, get, update, get many (Return All over two batches), delete', async () => {
	const { out, requests } = await run('ops: contact', [
		op('Create contact', 'contact', 'create', {
			firstName: 'Erin',
			lastName: 'Example',
			email: 'erin.example@e2e.test',
			additionalFields: {
				city: 'Austin',
				office: '+1 512 555 0100',
				company: 'Example Realty',
				role: 'Lender',
			},
		}),
		op('Get contact', 'contact', 'get', { contactId: ref('Create contact') }),
		op('Update contact', 'contact', 'update', {
			contactId: ref('Create contact'),
			updateFields: { lastName: 'Sample', zipCode: '78701', role: 'Inspector' },
		}),
		op('Get many contacts', 'contact', 'getAll', { returnAll: true }),
		op('Delete contact', 'contact', 'delete', { contactId: ref('Create contact') }),
	]);
	const id = out('Create contact')[0].id;
	expect(routes(requests)).toEqual([
		'POST /contact -> 201',
		`GET /contact/${id} -> 200`,
		`PATCH /contact/${id} -> 200`,
		'GET /contact?batch_number=1&batch_size=100 -> 200',
		'GET /contact?batch_number=2&batch_size=100 -> 200',
		`DELETE /contact/${id} -> 204`,
	]);
	expect(requests[0].body).toEqual({
		firstName: 'Erin',
		lastName: 'Example',
		email: 'erin.example@e2e.test',
		city: 'Austin',
		office: '+1 512 555 0100',
		company: 'Example Realty',
		role: 'Lender',
	});
	expect(requests[2].body).toEqual({ lastName: 'Sample', zipCode: '78701', role: 'Inspector' });
	expect(out('Get contact')[0]).toMatchObject({
		id,
		firstName: 'Erin',
		lastName: 'Example',
		email: 'erin.example@e2e.test',
		city: 'Austin',
	});
	expect(out('Update contact')[0]).toMatchObject({
		id,
		lastName: 'Sample',
		zipCode: '78701',
		company: 'Example Realty',
		role: 'Inspector',
	});
	const all = out('Get many contacts');
	expect(all.length).toBeGreaterThan(100);
	expect(new Set(all.map((c) => c.id)).size).toBe(all.length);
	expect(all.find((c) => c.id === id)).toMatchObject({ lastName: 'Sample' });
	expect(out('Delete contact')).toEqual([{ deleted: true, id }]);
	const contacts = (await admin.state()).contacts;
	expect(contacts.find((c) => c.id === id)).toBeUndefined();
	expect(contacts).toHaveLength(all.length - 1);
});

test('Loop-It: a loop with property address, template, MLS data and participants (one built-in, one custom role) in one request', async () => {
	const { out, requests } = await run('ops: loop-it', [
		op('Loop-It', 'loopIt', 'create', {
			profileId: rl(1001),
			name: 'E2E 742 Evergreen Terrace, Springfield, IL 62704',
			transactionType: 'PURCHASE_OFFER',
			status: 'PRE_OFFER',
			templateId: rl(1401),
			propertyAddress: {
				streetNumber: '742',
				streetName: 'Evergreen Terrace',
				city: 'Springfield',
				state: 'IL',
				zipCode: '62704',
				country: 'US',
			},
			participants: {
				participant: [
					{ fullName: 'Hank Buyer', email: 'hank.buyer@e2e.test', role: 'BUYER' },
					{
						fullName: 'Stella Stager',
						email: 'stella.stager@e2e.test',
						role: 'custom',
						customRole: 'STAGER',
					},
				],
			},
			additionalFields: { mlsPropertyId: 'MLS-E2E-742', mlsId: 'E2E-MLS' },
		}),
	]);
	expect(routes(requests)).toEqual(['POST /loop-it?profile_id=1001 -> 201']);
	expect(requests[0].body).toEqual({
		name: 'E2E 742 Evergreen Terrace, Springfield, IL 62704',
		transactionType: 'PURCHASE_OFFER',
		status: 'PRE_OFFER',
		streetNumber: '742',
		streetName: 'Evergreen Terrace',
		city: 'Springfield',
		state: 'IL',
		zipCode: '62704',
		country: 'US',
		mlsPropertyId: 'MLS-E2E-742',
		mlsId: 'E2E-MLS',
		templateId: 1401,
		participants: [
			{ fullName: 'Hank Buyer', email: 'hank.buyer@e2e.test', role: 'BUYER' },
			{ fullName: 'Stella Stager', email: 'stella.stager@e2e.test', role: 'STAGER' },
		],
	});
	const loopId = out('Loop-It')[0].id;
	const loop = await loopState(loopId);
	expect(loop).toMatchObject({
		profileId: 1001,
		templateId: 1401,
		transactionType: 'PURCHASE_OFFER',
		status: 'PRE_OFFER',
	});
	expect(loop.details['Property Address']).toMatchObject({
		'Street Number': '742',
		'Street Name': 'Evergreen Terrace',
		City: 'Springfield',
		'MLS Number': 'MLS-E2E-742',
	});
	expect(loop.participants).toEqual(
		expect.arrayContaining([
			expect.objectContaining({ fullName: 'Hank Buyer', role: 'BUYER' }),
			expect.objectContaining({ fullName: 'Stella Stager', role: 'STAGER' }),
		]),
	);
	expect(loop.folders.length).toBeGreaterThan(0); // brought by the template
});

test('webhook subscriptions and events: create, get, get many, events of it, update, delete', async () => {
	const url = 'https://hooks.example.test/e2e/subscription';
	const { out, requests } = await run('ops: webhook subscription, event', [
		op('Create subscription', 'webhookSubscription', 'create', {
			targetType: 'PROFILE',
			targetId: '1001',
			profileEventTypes: ['LOOP_CREATED', 'LOOP_UPDATED'],
			url,
			additionalFields: { externalId: 'e2e-external-1', signingKey: 'e2e-signing-key' },
		}),
		op('Create loop (an event)', 'loop', 'create', {
			profileId: rl(1001),
			name: 'E2E webhook event loop',
			transactionType: 'PURCHASE_OFFER',
			status: 'PRE_OFFER',
		}),
		op('Get subscription', 'webhookSubscription', 'get', {
			subscriptionId: rl(ref('Create subscription')),
		}),
		op('Get many subscriptions', 'webhookSubscription', 'getAll', {
			returnAll: true,
			filters: { enabledOnly: true },
		}),
		op('Get many events', 'webhookEvent', 'getAll', {
			subscriptionId: rl(ref('Create subscription')),
			returnAll: true,
		}),
		op('Get event', 'webhookEvent', 'get', {
			subscriptionId: rl(ref('Create subscription')),
			eventId: ref('Get many events'),
		}),
		op('Update subscription', 'webhookSubscription', 'update', {
			subscriptionId: rl(ref('Create subscription')),
			updateFields: { enabled: false, profileEventTypes: ['LOOP_CREATED'] },
		}),
		op('Delete subscription', 'webhookSubscription', 'delete', {
			subscriptionId: rl(ref('Create subscription')),
		}),
	]);
	const id = out('Create subscription')[0].id;
	const eventId = out('Get many events')[0].id;
	const loopId = out('Create loop (an event)')[0].id;
	expect(routes(requests)).toEqual([
		'POST /subscription -> 200', // section 15.3 answers 200
		'POST /profile/1001/loop -> 201',
		`GET /subscription/${id} -> 200`,
		'GET /subscription?enabled=true -> 200',
		`GET /subscription/${id}/event -> 200`,
		`GET /subscription/${id}/event/${eventId} -> 200`,
		`PATCH /subscription/${id} -> 200`,
		`DELETE /subscription/${id} -> 204`,
	]);
	expect(requests[0].body).toEqual({
		targetType: 'PROFILE',
		targetId: 1001,
		eventTypes: ['LOOP_CREATED', 'LOOP_UPDATED'],
		url,
		signingKey: 'e2e-signing-key',
		externalId: 'e2e-external-1',
	});
	expect(requests[6].body).toEqual({ enabled: false, eventTypes: ['LOOP_CREATED'] });
	expect(out('Get subscription')[0]).toMatchObject({
		id,
		url,
		targetType: 'PROFILE',
		eventTypes: ['LOOP_CREATED', 'LOOP_UPDATED'],
		enabled: true,
	});
	expect(out('Get many subscriptions').map((s) => s.id)).toContain(id);
	// The signing key never reaches an output item: only whether one is set.
	for (const name of ['Create subscription', 'Get subscription', 'Update subscription']) {
		expect({ name, ...out(name)[0] }).toMatchObject({ name, signingKeySet: true });
	}
	expect(
		JSON.stringify(
			[
				'Create subscription',
				'Get subscription',
				'Get many subscriptions',
				'Update subscription',
			].map(out),
		),
	).not.toContain('e2e-signing-key');
	expect(out('Get many events')).toEqual([
		expect.objectContaining({ id: eventId, subscriptionId: id, eventType: 'LOOP_CREATED' }),
	]);
	expect(out('Get event')[0]).toMatchObject({
		id: eventId,
		eventType: 'LOOP_CREATED',
		eventData: { id: String(loopId) },
	});
	expect(out('Update subscription')[0]).toMatchObject({
		id,
		enabled: false,
		eventTypes: ['LOOP_CREATED'],
	});
	expect(out('Delete subscription')).toEqual([{ deleted: true, id }]);
	expect((await admin.state()).subscriptions.find((s) => s.id === id)).toBeUndefined();
});

test('Return All over more than 250 loops, and Limit 250, make the fewest requests (batches of 100 / 84)', async () => {
	await admin.seedLoops(1002, 250);
	const expected = (await admin.state()).loops
		.filter((l) => l.profileId === 1002 && !l.mergedInto)
		.map((l) => l.id);
	expect(expected.length).toBeGreaterThan(250);
	expect(expected.length).toBeLessThanOrEqual(300);
	const { out, requests } = await run('ops: return all', [
		op('All loops', 'loop', 'getAll', { profileId: rl(1002), returnAll: true }),
		op('250 loops', 'loop', 'getAll', { profileId: rl(1002), returnAll: false, limit: 250 }),
	]);
	// ceil(total / 100) requests for Return All; for 250, three batches of 84 (the fewest requests, and no
	// record fetched beyond what is needed past the last batch).
	expect(routes(requests)).toEqual([
		'GET /profile/1002/loop?batch_number=1&batch_size=100 -> 200',
		'GET /profile/1002/loop?batch_number=2&batch_size=100 -> 200',
		'GET /profile/1002/loop?batch_number=3&batch_size=100 -> 200',
		'GET /profile/1002/loop?batch_number=1&batch_size=84 -> 200',
		'GET /profile/1002/loop?batch_number=2&batch_size=84 -> 200',
		'GET /profile/1002/loop?batch_number=3&batch_size=84 -> 200',
	]);
	const all = out('All loops').map((l) => l.id);
	expect(all).toHaveLength(expected.length);
	expect(new Set(all)).toEqual(new Set(expected));
	const some = out('250 loops').map((l) => l.id);
	expect(some).toEqual(all.slice(0, 250));
});

/** Uploads a PDF into a loop folder straight through the sandbox's API (test setup, not under test). */
async function uploadDirect(loopId, folderId, name, pdf) {
	const form = new FormData();
	form.append('file', new Blob([pdf], { type: 'application/pdf' }), name);
	const res = await fetch(
		`${sandbox.apiBaseUrl}/profile/1001/loop/${loopId}/folder/${folderId}/document/`,
		{
			method: 'POST',
			headers: { Authorization: `Bearer ${directToken}` },
			body: form,
		},
	);
	expect(res.status).toBe(201);
}

/** A document's stored bytes, asked of the sandbox directly. */
async function fileDirect(path) {
	const res = await fetch(`${sandbox.apiBaseUrl}${path}`, {
		headers: { Authorization: `Bearer ${directToken}`, Accept: 'application/pdf' },
	});
	expect(res.status).toBe(200);
	return Buffer.from(await res.arrayBuffer());
}

test('sync operations: Get Full of a loop with 3 folders, 10 documents and 2 task lists; Download All byte-identical; Loop Find', async () => {
	// Loop 50005 is seeded with 3 folders, 4 documents and 2 task lists: 6 more documents make 10.
	const seeded = await direct('/profile/1001/loop/50005/folder?include_documents=true');
	expect(seeded.map((f) => f.documents.length).reduce((a, b) => a + b, 0)).toBe(4);
	for (let n = 0; n < 6; n++) {
		const folder = seeded[n % 3];
		await uploadDirect(
			50005,
			folder.id,
			`E2E extra ${n + 1}.pdf`,
			makeBinaryPdf(`Extra ${n + 1}`, [`page ${n}`]),
		);
	}
	const { out, requests, execution } = await run('ops: get full, download all, find loops', [
		op('Get full loop', 'loop', 'getFull', {
			profileId: rl(1001),
			loopId: rl(50005),
			parts: ['loop', 'details', 'participants', 'folders', 'taskLists'],
		}),
		op('Download all', 'document', 'downloadAll', {
			profileId: rl(1001),
			loopId: rl(50005),
			folderScope: 'all',
			binaryPropertyName: 'file',
			options: { downloadsAtOnce: 3 },
		}),
		wf.toBase64('Downloaded bytes', 'file', 'base64'),
		op('Find loops', 'loop', 'find', {
			profileId: rl(1001),
			searchBy: 'mlsNumber',
			searchText: ref('Get full loop', `details['Property Address']['MLS Number']`),
			returnAll: true,
			filters: {},
		}),
	]);

	const base = '/profile/1001/loop/50005';
	const folders = await direct(`${base}/folder?include_documents=true`);
	const taskLists = await direct(`${base}/tasklist/`);
	expect(folders).toHaveLength(3);
	expect(taskLists).toHaveLength(2);
	const documents = folders.flatMap((f) => f.documents.map((d) => ({ folder: f, document: d })));
	expect(documents).toHaveLength(10);

	const getFull = requests.slice(0, 7).map((r) => `${r.route} -> ${r.status}`);
	expect(getFull[0]).toBe(`GET ${base} -> 200`);
	expect(getFull.slice(1).sort()).toEqual(
		[
			`GET ${base}/detail -> 200`,
			`GET ${base}/participant -> 200`,
			`GET ${base}/folder?include_documents=true -> 200`,
			`GET ${base}/tasklist/ -> 200`,
			...taskLists.map((t) => `GET ${base}/tasklist/${t.id}/task -> 200`),
		].sort(),
	);
	const downloads = requests.slice(7, 18).map((r) => `${r.route} -> ${r.status}`);
	expect(downloads[0]).toBe(`GET ${base}/folder?include_documents=true -> 200`);
	expect(downloads.slice(1).sort()).toEqual(
		documents
			.map(
				({ folder, document }) => `GET ${base}/folder/${folder.id}/document/${document.id} -> 200`,
			)
			.sort(),
	);
	expect(requests.slice(8, 18).every((r) => r.headers.accept === 'application/pdf')).toBe(true);
	expect(routes(requests.slice(18))).toEqual([
		`GET /profile/1001/loop?batch_number=1&batch_size=100&include_details=true -> 200`,
	]);
	expect(requests).toHaveLength(19);

	expect(out('Get full loop')).toEqual([
		{
			profileId: 1001,
			loopId: 50005,
			loop: withStage(await direct(base)),
			details: await direct(`${base}/detail`),
			participants: await direct(`${base}/participant`),
			folders,
			taskLists: await Promise.all(
				taskLists.map(async (t) => ({
					...t,
					tasks: await direct(`${base}/tasklist/${t.id}/task`),
				})),
			),
		},
	]);

	const items = out('Download all');
	expect(items).toHaveLength(10);
	expect(items.map((i) => [i.folderId, i.documentId])).toEqual(
		documents.map(({ folder, document }) => [folder.id, document.id]),
	);
	const bytes = out('Downloaded bytes').map((i) => Buffer.from(i.base64, 'base64'));
	for (const [n, { folder, document }] of documents.entries()) {
		const stored = await fileDirect(`${base}/folder/${folder.id}/document/${document.id}`);
		expect(bytes[n].equals(stored)).toBe(true);
		expect(items[n]).toEqual({
			id: document.id,
			name: document.filename,
			documentId: document.id,
			folderId: folder.id,
			folderName: folder.name,
			loopId: 50005,
			// A folder's documents take the list's shape: the file name is `filename`.
			fileName: document.filename,
			mimeType: 'application/pdf',
			size: stored.length,
		});
		const binary = execution.data.resultData.runData['Download all'][0].data.main[0][n].binary.file;
		expect(binary).toMatchObject({ mimeType: 'application/pdf', fileName: document.filename });
	}

	expect(out('Find loops').map((l) => l.id)).toEqual([50005]);
});

test('sync operations: Contact Create or Update run twice creates once, then Find outputs that one contact', async () => {
	const email = 'sync.upsert@e2e.test';
	const before = (await admin.state()).contacts.length;
	const { out, requests } = await run('ops: contact upsert, find', [
		op('Upsert once', 'contact', 'upsert', {
			email,
			firstName: 'Sync',
			lastName: 'Upsert',
			additionalFields: { city: 'Austin' },
		}),
		op('Upsert twice', 'contact', 'upsert', {
			email: 'SYNC.Upsert@e2e.test',
			firstName: 'Sync',
			lastName: 'Upsert',
			additionalFields: { city: 'Dallas' },
		}),
		op('Find contact', 'contact', 'find', { email, returnAll: true, options: {} }),
		op('Find nobody', 'contact', 'find', {
			email: 'nobody@e2e.test',
			returnAll: true,
			options: { emptyItemOnNoMatch: true },
		}),
	]);
	const id = out('Upsert once')[0].id;
	const pages = Math.ceil((before + 1) / 100);
	const list = (n) => `GET /contact?batch_number=${n}&batch_size=100 -> 200`;
	const readAll = Array.from({ length: pages }, (_, n) => list(n + 1));
	const readBefore = Array.from({ length: Math.ceil(before / 100) }, (_, n) => list(n + 1));
	expect(routes(requests)).toEqual([
		...readBefore,
		'POST /contact -> 201',
		...readAll,
		`PATCH /contact/${id} -> 200`,
		...readAll,
		...readAll,
	]);
	expect(out('Upsert once')[0]).toMatchObject({
		email,
		city: 'Austin',
		action: 'created',
		matchingContacts: 0,
	});
	expect(out('Upsert twice')[0]).toMatchObject({
		id,
		city: 'Dallas',
		action: 'updated',
		matchingContacts: 1,
	});
	expect(out('Find contact')).toEqual([
		expect.objectContaining({ id, email: 'SYNC.Upsert@e2e.test', city: 'Dallas' }),
	]);
	expect(out('Find nobody')).toEqual([{}]);
	const contacts = (await admin.state()).contacts;
	expect(contacts).toHaveLength(before + 1);
	expect(contacts.filter((c) => String(c.email).toLowerCase() === email)).toHaveLength(1);
});

test('sync operations: Contact Create or Update with several items reads the list once; a repeated email creates once, then updates', async () => {
	const state = await admin.state();
	const before = state.contacts.length;
	const brenda = state.contacts.find((c) => c.email === 'brenda.buyer@example.com');
	expect(brenda).toBeDefined();
	const rows = [
		{ email: 'rows.one@e2e.test', city: 'Austin' },
		{ email: 'Brenda.Buyer@example.com', city: 'Houston' },
		{ email: 'ROWS.ONE@e2e.test', city: 'Dallas' },
		{ email: 'rows.two@e2e.test', city: 'El Paso' },
	];
	const { out, requests } = await run('ops: contact upsert, several items', [
		wf.set('Rows', { rows }),
		wf.splitOut('One item per row', 'rows'),
		op(
			'Upsert rows',
			'contact',
			'upsert',
			{
				email: '={{ $json.email }}',
				firstName: 'Row',
				additionalFields: { city: '={{ $json.city }}' },
			},
			{ executeOnce: false },
		),
	]);
	const items = out('Upsert rows');
	const rowOne = items[0].id;
	const list = (n) => `GET /contact?batch_number=${n}&batch_size=100 -> 200`;
	expect(routes(requests)).toEqual([
		...Array.from({ length: Math.ceil(before / 100) }, (_, n) => list(n + 1)),
		'POST /contact -> 201',
		`PATCH /contact/${brenda.id} -> 200`,
		`PATCH /contact/${rowOne} -> 200`,
		'POST /contact -> 201',
	]);
	expect(requests[requests.length - 4].body).toEqual({
		firstName: 'Row',
		email: 'rows.one@e2e.test',
		city: 'Austin',
	});
	expect(requests[requests.length - 2].body).toEqual({
		firstName: 'Row',
		email: 'ROWS.ONE@e2e.test',
		city: 'Dallas',
	});
	expect(
		items.map(({ id, action, matchingContacts, city }) => [id, action, matchingContacts, city]),
	).toEqual([
		[rowOne, 'created', 0, 'Austin'],
		[brenda.id, 'updated', 1, 'Houston'],
		[rowOne, 'updated', 1, 'Dallas'],
		[items[3].id, 'created', 0, 'El Paso'],
	]);
	const contacts = (await admin.state()).contacts;
	expect(contacts).toHaveLength(before + 2);
	expect(contacts.filter((c) => String(c.email).toLowerCase() === 'rows.one@e2e.test')).toEqual([
		expect.objectContaining({ id: rowOne, city: 'Dallas' }),
	]);
});

test('every operation the node offers in this n8n was run above', async () => {
	const res = await request(`${n8n.baseUrl}/types/nodes.json`, { jar: n8n.jar, expect: 200 });
	const types = JSON.parse(res.text).filter((t) => t.name === wf.dotloop('x', {}).type);
	expect(types.length).toBeGreaterThan(0);
	const offered = new Set();
	for (const type of types) {
		const resources = type.properties
			.find((p) => p.name === 'resource')
			.options.map((o) => o.value);
		for (const prop of type.properties.filter((p) => p.name === 'operation')) {
			const [resource] = prop.displayOptions.show.resource;
			expect(resources).toContain(resource);
			// n8n adds "Custom API Call" to nodes with an OAuth2 credential: it is n8n's HTTP Request, not ours.
			for (const option of prop.options)
				if (option.value !== '__CUSTOM_API_CALL__') offered.add(`${resource}:${option.value}`);
		}
	}
	expect(offered.size).toBe(49);
	expect([...offered].filter((o) => !covered.has(o))).toEqual([]);
	expect([...covered].filter((o) => !offered.has(o))).toEqual([]);
});
