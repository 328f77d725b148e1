import { sleep } from 'n8n-workflow';
import type {
	IDataObject,
	INodeCredentials,
	INodeExecutionData,
	IWorkflowBase,
} from 'n8n-workflow';

import { outputOf, runExample } from './helpers/n8n/examples';
import { useSandbox } from './helpers/n8n/sandbox';
import { create, deliver } from './helpers/n8n/trigger';
import { readRepoFile, sha256, startReceiver } from './helpers/io';

/**
 * The example workflows (test/examples) through n8n-core's WorkflowExecute against the sandbox, in
 * the fast tier: each one's Dotloop nodes as written (parameters, expressions, credentials bound as
 * the import binds them), the nodes before them pinned with what they output, the nodes after them
 * left out (n8n-nodes-base is not installed here; the e2e tier runs the whole workflows in n8n).
 * new-loop-notify starts at the Dotloop Trigger: activated in n8n-core's HookContext on the sandbox,
 * the sandbox's signed delivery handed to its WebhookContext, its output the run's trigger data.
 * Not here: participant-changes reaches its Dotloop node through an If's second output (pinned data is
 * a node's first output only), loop-sold-archive-documents has a Split Out between its Dotloop nodes.
 */
const { admin, apiRequestsSince, connect, lastSeq } = useSandbox();

let credentials: INodeCredentials;
beforeEach(() => {
	credentials = connect();
});

const manualRun = [{ json: {} }];

describe('upload-pdf-to-loop', () => {
	const workflow = JSON.parse(
		readRepoFile('test/examples/upload-pdf-to-loop.json'),
	) as IWorkflowBase;
	const set = workflow.nodes.find((node) => node.name === 'Inspection report')!;
	const report = Object.fromEntries(
		(set.parameters.assignments as { assignments: IDataObject[] }).assignments.map(
			({ name, value }) => [String(name), value],
		),
	) as { profileId: number; loopId: number; folderId: number; fileName: string; pdfBase64: string };
	const pdf = Buffer.from(report.pdfBase64, 'base64');

	it('uploads the PDF into the loop folder and reads it back, byte for byte', async () => {
		const since = await lastSeq();

		const run = await runExample('upload-pdf-to-loop', {
			start: 'Run manually',
			pinned: {
				'Run manually': manualRun,
				// The Set node's output is its assignments; To PDF file's is the file as binary data.
				'Inspection report': [{ json: report, pairedItem: { item: 0 } }],
				'To PDF file': [
					{
						json: {},
						binary: {
							data: {
								data: report.pdfBase64,
								mimeType: 'application/pdf',
								fileName: report.fileName,
							},
						},
						pairedItem: { item: 0 },
					},
				],
			},
			leaveOut: [],
			credentials,
		});

		const [checked] = outputOf(run, 'Check upload');
		expect(checked).toMatchObject({ id: expect.any(Number), name: report.fileName });
		const path = `/public/v2/profile/${report.profileId}/loop/${report.loopId}/folder/${report.folderId}`;
		expect((await apiRequestsSince(since)).map((entry) => `${entry.method} ${entry.path}`)).toEqual(
			[`POST ${path}/document/`, `GET ${path}/document/${checked.id}`],
		);
		const state = (await admin('GET', '/state')) as { loops: IDataObject[] };
		const loop = state.loops.find((candidate) => candidate.id === report.loopId)!;
		const folder = (loop.folders as IDataObject[]).find((f) => f.id === report.folderId)!;
		expect(folder.documents).toContainEqual(
			expect.objectContaining({
				id: checked.id,
				name: report.fileName,
				size: pdf.length,
				sha256: sha256(pdf),
			}),
		);
	});
});

describe('lead-to-loop-it', () => {
	it('a lead from the webhook becomes a loop with address, template and buyer', async () => {
		const lead = {
			firstName: 'Jane',
			lastName: 'Lead',
			email: 'jane.lead@unit.test',
			streetNumber: '12',
			streetName: 'Lamar Blvd',
			city: 'Austin',
			state: 'TX',
			zipCode: '78704',
		};

		const run = await runExample('lead-to-loop-it', {
			start: 'Lead from CRM',
			// The Webhook node's output for a JSON POST: the body under `body`.
			pinned: { 'Lead from CRM': [{ json: { headers: {}, params: {}, query: {}, body: lead } }] },
			leaveOut: ['Reply to CRM'],
			credentials,
		});

		const [created] = outputOf(run, 'Create loop');
		// What Reply to CRM answers the CRM with: id, loopUrl and name.
		expect(created).toMatchObject({
			id: expect.any(Number),
			loopUrl: expect.stringContaining(String(created.id)),
			name: '12 Lamar Blvd, Austin, TX 78704',
		});
		const state = (await admin('GET', '/state')) as { loops: IDataObject[] };
		const loop = state.loops.find((candidate) => candidate.id === created.id)!;
		expect(loop).toMatchObject({
			profileId: 1001,
			templateId: 1401,
			transactionType: 'PURCHASE_OFFER',
			status: 'PRE_OFFER',
			name: '12 Lamar Blvd, Austin, TX 78704',
		});
		expect((loop.details as IDataObject)['Property Address']).toMatchObject({
			'Street Number': '12',
			'Street Name': 'Lamar Blvd',
			City: 'Austin',
			'State/Prov': 'TX',
			'Zip/Postal Code': '78704',
		});
		expect(loop.participants).toContainEqual(
			expect.objectContaining({
				fullName: 'Jane Lead',
				email: 'jane.lead@unit.test',
				role: 'BUYER',
			}),
		);
	});
});

describe('sync-contacts', () => {
	it('a manual run lists exactly the contacts changed in the last 25 hours, in one request', async () => {
		await admin('POST', '/simulate', {
			action: 'updateContact',
			contactId: 400003,
			city: 'Round Rock',
		});
		const since = await lastSeq();
		const startedAt = Date.now();

		const run = await runExample('sync-contacts', {
			start: 'Run manually',
			pinned: { 'Run manually': manualRun },
			leaveOut: ['Every hour', 'CRM record'],
			credentials,
		});

		const [listRequest, ...more] = await apiRequestsSince(since);
		expect(more).toEqual([]);
		const filter = String((listRequest.query as IDataObject).filter);
		expect(filter).toMatch(/^updated_min=\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
		const updatedMin = Date.parse(filter.replace('updated_min=', ''));
		expect(Math.abs(startedAt - 25 * 3600_000 - updatedMin)).toBeLessThan(60_000);
		const state = (await admin('GET', '/state')) as { contacts: IDataObject[] };
		const changed = state.contacts.filter((c) => Date.parse(String(c.updated)) >= updatedMin);
		const contacts = outputOf(run, 'Changed contacts');
		expect(contacts.map((c) => c.id).sort()).toEqual(changed.map((c) => c.id).sort());
		expect(contacts).toContainEqual(expect.objectContaining({ id: 400003, city: 'Round Rock' }));
	});
});

describe('new-loop-notify', () => {
	const workflow = JSON.parse(readRepoFile('test/examples/new-loop-notify.json')) as IWorkflowBase;
	const trigger = workflow.nodes.find((node) => node.name === 'New loop in Dotloop')!;

	it('a loop created in Dotloop is delivered, verified, and read by Get loop', async () => {
		const receiver = await startReceiver();
		try {
			await admin('PATCH', '/config', { webhookOrigin: receiver.url });
			const staticData: IDataObject = {};
			const activated = await create({
				params: trigger.parameters,
				staticData,
				storedCredential: true,
			});
			expect(activated.result).toBe(true);

			const loop = (await admin('POST', '/simulate', {
				action: 'createLoop',
				profileId: 1001,
				name: 'Example: 7 Elm St',
			})) as { data: IDataObject };
			for (let waited = 0; receiver.received.length === 0 && waited < 5_000; waited += 20) {
				await sleep(20);
			}
			const [delivery, ...more] = receiver.received;
			expect(more).toEqual([]);
			const delivered = await deliver({
				params: trigger.parameters,
				staticData,
				body: delivery.body,
				headers: delivery.headers,
				storedCredential: true,
			});
			const [triggerItems] = delivered.response.workflowData as INodeExecutionData[][];
			expect(triggerItems.map((item) => item.json)).toEqual([
				// As the documentation's delivery example: ids as strings.
				expect.objectContaining({
					eventType: 'LOOP_CREATED',
					profileId: '1001',
					event: { id: String(loop.data.id) },
				}),
			]);
			const since = await lastSeq();

			const run = await runExample('new-loop-notify', {
				start: trigger.name,
				pinned: { [trigger.name]: triggerItems },
				leaveOut: ['Notification'],
				credentials,
			});

			expect(outputOf(run, 'Get loop')).toEqual([
				expect.objectContaining({ id: loop.data.id, name: 'Example: 7 Elm St', profileId: 1001 }),
			]);
			expect(
				(await apiRequestsSince(since)).map((entry) => `${entry.method} ${entry.path}`),
			).toEqual([`GET /public/v2/profile/1001/loop/${String(loop.data.id)}`]);
		} finally {
			await admin('PATCH', '/config', { webhookOrigin: '' });
			await receiver.close();
		}
	});
});
