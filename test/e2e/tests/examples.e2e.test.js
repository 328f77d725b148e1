'use strict';
/**
 * The example workflows (test/examples/*.json, documented in the README and imported by `npm run demo`)
 * are imported into a real n8n exactly as the demo does it, and each one is run or activated and made to do
 * its job against the sandbox, so they never rot:
 *   new-loop-notify      a loop created in Dotloop -> trigger -> Get loop -> notification text
 *   lead-to-loop-it      POST a lead to the webhook -> Loop-It -> the reply names the new loop
 *   upload-pdf-to-loop   manual run -> PDF from base64 -> upload -> read back (bytes as in the file)
 *   sync-contacts        manual run -> contacts changed in the last 25 h -> CRM records
 *   participant-changes  participant added / updated / removed -> one message each; a redelivered event is dropped
 *   loop-sold-archive-documents  a loop becomes Sold -> polling trigger -> its folders -> each document downloaded
 * The last test fails if an example file has no test here.
 */
const crypto = require('node:crypto');
const {
	startStack,
	connectedDotloopCredential,
	importExamples,
	nodeOfType,
	request,
	sha256,
	sleep,
	wf,
} = require('../lib');

let stack;
let n8n;
let sandbox;
let admin;
let examples;
const tested = new Set();

beforeAll(async () => {
	stack = await startStack({ sandbox: { rateLimit: 100_000 } });
	({ n8n, sandbox, admin } = stack);
	const { credential } = await connectedDotloopCredential(n8n, sandbox, {
		name: 'Dotloop account',
	});
	examples = await importExamples(n8n, credential);
});

afterAll(async () => {
	if (stack) await stack.stop();
});

function example(slug) {
	tested.add(slug);
	const found = examples.find((e) => e.slug === slug);
	if (!found) throw new Error(`example ${slug} not imported`);
	return found;
}

async function executions(ex) {
	return await n8n.listExecutions({ workflowId: ex.id });
}

/** Wait for the example's execution number `count` and return it (with data). */
async function nthExecution(ex, count) {
	return (await n8n.waitForExecutions(ex.id, { count, timeoutMs: 20_000 }))[0];
}

test('every example imports with its Dotloop nodes bound to the credential', async () => {
	expect(examples.map((e) => e.slug)).toEqual([
		'lead-to-loop-it',
		'loop-sold-archive-documents',
		'new-loop-notify',
		'participant-changes',
		'sync-contacts',
		'upload-pdf-to-loop',
	]);
	for (const ex of examples) {
		const stored = await n8n.getWorkflow(ex.id);
		const dotloopNodes = stored.nodes.filter((n) => n.type.startsWith('n8n-nodes-dotloop.'));
		expect(dotloopNodes.length).toBeGreaterThan(0);
		for (const node of dotloopNodes)
			expect(node.credentials.dotloopOAuth2Api.id).toBe(
				String(
					(await n8n.rest('GET', '/credentials')).find((c) => c.name === 'Dotloop account').id,
				),
			);
	}
});

test('new-loop-notify: a loop created in Dotloop produces the notification for it', async () => {
	const ex = example('new-loop-notify');
	await n8n.activate(ex.id);
	try {
		const loop = await admin.simulate({
			action: 'createLoop',
			profileId: 1001,
			name: 'E2E example: 5 Oak Ave, Austin, TX 78701',
		});
		const execution = await nthExecution(ex, 1);
		expect(execution.status).toBe('success');
		expect(n8n.nodeOutput(execution, 'Notification')).toEqual([
			{
				channel: '#new-loops',
				text: `New loop "${loop.name}" (${loop.transactionType}, ${loop.status}) – ${loop.loopUrl}`,
				loopId: loop.id,
			},
		]);
	} finally {
		await n8n.deactivate(ex.id);
	}
});

test('lead-to-loop-it: a lead posted to the webhook becomes a loop with address, template and buyer; the reply names it', async () => {
	const ex = example('lead-to-loop-it');
	const hook = nodeOfType(ex.workflow, '.webhook');
	await n8n.activate(ex.id);
	try {
		const lead = {
			firstName: 'Jane',
			lastName: 'Lead',
			email: 'jane.lead@e2e.test',
			streetNumber: '12',
			streetName: 'Lamar Blvd',
			city: 'Austin',
			state: 'TX',
			zipCode: '78704',
		};
		const res = await request(n8n.webhookUrl({ path: hook.parameters.path }), {
			method: 'POST',
			json: lead,
			expect: 200,
		});
		expect(res.body).toEqual({
			loopId: expect.any(Number),
			loopUrl: expect.stringContaining(String(res.body.loopId)),
			name: '12 Lamar Blvd, Austin, TX 78704',
		});
		const loop = (await admin.state()).loops.find((l) => l.id === res.body.loopId);
		expect(loop).toMatchObject({
			profileId: 1001,
			templateId: 1401,
			transactionType: 'PURCHASE_OFFER',
			status: 'PRE_OFFER',
			name: '12 Lamar Blvd, Austin, TX 78704',
		});
		expect(loop.details['Property Address']).toMatchObject({
			'Street Number': '12',
			'Street Name': 'Lamar Blvd',
			City: 'Austin',
			'State/Prov': 'TX',
			'Zip/Postal Code': '78704',
		});
		expect(loop.participants).toContainEqual(
			expect.objectContaining({
				fullName: 'Jane Lead',
				email: 'jane.lead@e2e.test',
				role: 'BUYER',
			}),
		);
	} finally {
		await n8n.deactivate(ex.id);
	}
});

test('upload-pdf-to-loop: the PDF in the workflow lands in the loop folder, byte for byte', async () => {
	const ex = example('upload-pdf-to-loop');
	const set = ex.workflow.nodes.find((n) => n.name === 'Inspection report');
	const field = (name) => set.parameters.assignments.assignments.find((a) => a.name === name).value;
	const pdf = Buffer.from(field('pdfBase64'), 'base64');
	expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
	const execution = await n8n.runWorkflow(ex.id, 'Run manually');
	expect(execution.status).toBe('success');
	const [checked] = n8n.nodeOutput(execution, 'Check upload');
	expect(checked).toMatchObject({ id: expect.any(Number), name: field('fileName') });
	const folder = (await admin.state()).loops
		.find((l) => l.id === field('loopId'))
		.folders.find((f) => f.id === field('folderId'));
	expect(folder.documents).toContainEqual(
		expect.objectContaining({
			id: checked.id,
			name: field('fileName'),
			size: pdf.length,
			sha256: sha256(pdf),
		}),
	);
});

test('sync-contacts: a manual run returns exactly the contacts changed in the last 25 hours, as CRM records', async () => {
	const ex = example('sync-contacts');
	await admin.simulate({ action: 'updateContact', contactId: 400003, city: 'Round Rock' });
	const created = await admin.simulate({
		action: 'createContact',
		firstName: 'Sam',
		lastName: 'Sync',
		email: 'sam.sync@e2e.test',
	});
	const since = await admin.lastSeq();
	const startedAt = Date.now();
	const execution = await n8n.runWorkflow(ex.id, 'Run manually');
	expect(execution.status).toBe('success');
	const [listRequest, ...more] = await wf.apiRequests(admin, since);
	expect(more).toEqual([]);
	expect(listRequest.route).toMatch(
		/^GET \/contact\?batch_number=1&batch_size=100&filter=updated_min=\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/,
	);
	const updatedMin = Date.parse(listRequest.query.filter.replace('updated_min=', ''));
	expect(Math.abs(startedAt - 25 * 3600_000 - updatedMin)).toBeLessThan(60_000);

	const records = n8n.nodeOutput(execution, 'CRM record');
	const changed = (await admin.state()).contacts.filter((c) => Date.parse(c.updated) >= updatedMin);
	expect(records.map((r) => r.dotloopContactId).sort()).toEqual(changed.map((c) => c.id).sort());
	expect(records).toContainEqual(
		expect.objectContaining({ dotloopContactId: 400003, city: 'Round Rock', name: 'Brenda Buyer' }),
	);
	expect(records).toContainEqual(
		expect.objectContaining({
			dotloopContactId: created.id,
			name: 'Sam Sync',
			email: 'sam.sync@e2e.test',
		}),
	);
});

test('participant-changes: added, updated and removed participants each give their message; a redelivered event is dropped', async () => {
	const ex = example('participant-changes');
	const trigger = nodeOfType(ex.workflow, 'dotloopTrigger');
	await n8n.activate(ex.id);
	try {
		const added = await admin.simulate({
			action: 'addParticipant',
			loopId: 50001,
			fullName: 'Nina Newcomer',
			email: 'nina@e2e.test',
			role: 'BUYER',
		});
		let execution = await nthExecution(ex, 1);
		expect(n8n.nodeOutput(execution, 'Change message')).toEqual([
			{ text: 'Added: Nina Newcomer (BUYER, nina@e2e.test) in loop 50001', loopId: '50001' },
		]);

		await admin.simulate({
			action: 'updateParticipant',
			participantId: added.id,
			email: 'nina.newcomer@e2e.test',
		});
		execution = await nthExecution(ex, 2);
		expect(n8n.nodeOutput(execution, 'Change message')).toEqual([
			{
				text: 'Updated: Nina Newcomer (BUYER, nina.newcomer@e2e.test) in loop 50001',
				loopId: '50001',
			},
		]);

		await admin.simulate({ action: 'removeParticipant', participantId: added.id });
		execution = await nthExecution(ex, 3);
		expect(n8n.nodeOutput(execution, 'Removal message')).toEqual([
			{ text: `Participant ${added.id} was removed from loop 50001`, loopId: '50001' },
		]);
		expect(n8n.nodeOutput(execution, 'Get participant')).toBeUndefined();

		// Dotloop delivers at least once: the same event delivered again (freshly signed, as a retry is) runs
		// the workflow, but "Duplicate?" stops it before anything else happens.
		const created = [...sandbox.store.events.values()].find(
			(e) =>
				e.eventType === 'LOOP_PARTICIPANT_CREATED' &&
				JSON.parse(e.body).event.participantId === String(added.id),
		);
		const subscription = (await admin.state()).subscriptions.find(
			(s) => s.id === created.subscriptionId,
		);
		const timestamp = String(Date.now());
		const signature = crypto
			.createHmac('sha1', subscription.signingKey)
			.update(`${timestamp}.${created.body}`)
			.digest('hex');
		const res = await n8n.postWebhook({
			webhookId: trigger.webhookId,
			path: 'dotloop',
			body: created.body,
			headers: {
				'content-type': 'application/json',
				'X-DOTLOOP-TIMESTAMP': timestamp,
				'X-DOTLOOP-SIGNATURE': signature,
			},
		});
		expect(res.status).toBe(200);
		execution = await nthExecution(ex, 4);
		expect(execution.status).toBe('success');
		expect(n8n.nodeOutput(execution, 'Duplicate?')).toEqual([]);
		expect(n8n.nodeOutput(execution, 'Change message')).toBeUndefined();
		await sleep(300);
		expect(await executions(ex)).toHaveLength(4);
	} finally {
		await n8n.deactivate(ex.id);
	}
	expect((await admin.state()).subscriptions).toEqual([]);
});

test('loop-sold-archive-documents: a loop that becomes Sold starts one run that downloads each of its documents', async () => {
	const ex = example('loop-sold-archive-documents');
	const stored = await n8n.getWorkflow(ex.id);
	const trigger = stored.nodes.find((n) => n.type.endsWith('.dotloopPollingTrigger'));
	expect(trigger.parameters).toEqual(
		expect.objectContaining({ event: 'loopStatusChanged', newStatuses: ['SOLD'] }),
	);
	// The example polls every 5 minutes; here every 5 seconds (n8n refuses sub-minute wildcards).
	trigger.parameters.pollTimes = {
		item: Array.from({ length: 12 }, (_, i) => ({
			mode: 'custom',
			cronExpression: `${i * 5} * * * * *`,
		})),
	};
	await n8n.updateWorkflow(ex.id, stored);
	expect((await n8n.activate(ex.id)).ok).toBe(true);
	try {
		await sleep(1_000);
		await admin.simulate({ action: 'updateLoop', loopId: 50006, name: 'Renamed, not sold' });
		await admin.simulate({ action: 'updateLoop', loopId: 50001, status: 'SOLD' });
		const execution = await nthExecution(ex, 1);
		expect(execution.status).toBe('success');
		expect(n8n.nodeOutput(execution, 'Loop became Sold')).toEqual([
			expect.objectContaining({
				id: 50001,
				previousStatus: 'UNDER_CONTRACT',
				newStatus: 'SOLD',
				profileId: 1001,
			}),
		]);
		const loop = (await admin.state()).loops.find((l) => l.id === 50001);
		const documents = loop.folders.flatMap((folder) => folder.documents);
		expect(documents.length).toBeGreaterThan(1);
		const runs = execution.data.resultData.runData.Download[0].data.main[0];
		expect(
			runs.map((item) => [item.binary.data.fileName, item.binary.data.mimeType]).sort(),
		).toEqual(documents.map((d) => [d.name, 'application/pdf']).sort());
		await sleep(6_000);
		expect(await executions(ex)).toHaveLength(1);
	} finally {
		await n8n.deactivate(ex.id);
	}
});

test('every example file in test/examples has a test above', () => {
	expect(examples.map((e) => e.slug).filter((slug) => !tested.has(slug))).toEqual([]);
});
