'use strict';
/**
 * The Dotloop Polling Trigger in a real n8n, active, polling every 5 seconds (12 Poll Times entries with
 * a fixed second each: n8n refuses sub-minute cron expressions such as `* /5` in the seconds field), while
 * the sandbox changes 120 loops in bursts of 10 within the same second:
 *   - the first poll (at activation) records where things stand and starts nothing;
 *   - every change reaches exactly one execution item: none missed, none twice, including the changes
 *     made in the second the cursor stands on;
 *   - once things are quiet, each poll is one request, its window past the burst (no change read again).
 */
const { startStack, connectedDotloopCredential, sleep, waitFor, wf } = require('../lib');
const { TRIGGER_TYPE } = require('../lib/dotloop');

const POLLING_TRIGGER_TYPE = TRIGGER_TYPE.replace(/dotloopTrigger$/, 'dotloopPollingTrigger');
const NODE_NAME = 'Dotloop Polling Trigger';
const CHANGES = 120;
const BURST = 10;

let stack;
let n8n;
let admin;
let workflow;
let changedIds;
let credentials;

/** Every 5 seconds: one Poll Times entry per second value (each a plain number, so n8n accepts it). */
const everyFiveSeconds = {
	item: Array.from({ length: 12 }, (_, i) => ({
		mode: 'custom',
		cronExpression: `${i * 5} * * * * *`,
	})),
};

async function allExecutions() {
	const body = await n8n.api(
		'GET',
		`/executions?workflowId=${workflow.id}&limit=250&includeData=false`,
	);
	return body.data;
}

async function emittedItems() {
	const items = [];
	for (const summary of await allExecutions()) {
		const execution = await n8n.waitForExecution(summary.id);
		items.push(...(n8n.nodeOutput(execution, NODE_NAME) || []));
	}
	return items;
}

beforeAll(async () => {
	stack = await startStack({ sandbox: { rateLimit: 100_000 } });
	({ n8n, admin } = stack);
	const { credential } = await connectedDotloopCredential(n8n, stack.sandbox, { name: 'Dotloop' });
	const seeded = await admin.seedLoops(1001, CHANGES);
	expect(seeded).toEqual(expect.objectContaining({ profileId: 1001 }));
	changedIds = (await admin.state()).loops
		.filter((loop) => loop.profileId === 1001 && loop.id > 50037)
		.map((loop) => loop.id)
		.slice(0, CHANGES);
	expect(changedIds).toHaveLength(CHANGES);
	workflow = await n8n.createWorkflow({
		name: 'polling: loop updated',
		nodes: [
			{
				id: 'polling-trigger',
				name: NODE_NAME,
				type: POLLING_TRIGGER_TYPE,
				typeVersion: 1,
				position: [0, 0],
				parameters: {
					pollTimes: everyFiveSeconds,
					event: 'loopUpdated',
					watch: 'profile',
					profileId: wf.rl(1001),
				},
				credentials: (credentials = {
					dotloopOAuth2Api: { id: String(credential.id), name: 'Dotloop' },
				}),
			},
		],
		connections: {},
	});
});

afterAll(async () => {
	if (stack) await stack.stop();
});

test('activation polls once, records where things stand and starts nothing', async () => {
	const seq = await admin.lastSeq();
	const activation = await n8n.activate(workflow.id);
	expect(activation.ok).toBe(true);
	await waitFor(
		async () =>
			(await admin.requests({ since: seq, path: '/public/v2/profile/1001/loop' })).length > 0,
	);
	const [first] = await admin.requests({ since: seq, path: '/public/v2/profile/1001/loop' });
	expect(first.method).toBe('GET');
	expect(first.query).toEqual({ sort: 'updated:desc', batch_size: '100', batch_number: '1' });
	expect(await allExecutions()).toEqual([]);
});

test(`${CHANGES} changes in bursts of ${BURST} in one second: one execution item per change, none missed, none twice`, async () => {
	for (let start = 0; start < CHANGES; start += BURST) {
		await Promise.all(
			changedIds
				.slice(start, start + BURST)
				.map((loopId) =>
					admin.simulate({ action: 'updateLoop', loopId, name: `E2E polling change ${loopId}` }),
				),
		);
		await sleep(1_700);
	}
	await waitFor(async () => (await emittedItems()).length >= CHANGES, {
		timeoutMs: 60_000,
		intervalMs: 2_000,
		message: `${CHANGES} polled items`,
	});
	// Past the 30 s lookback of the last change, then three more polls with nothing new: nothing more
	// may arrive, and each poll is one request whose window starts after the burst.
	await sleep(40_000);
	const quietFrom = await admin.lastSeq();
	await sleep(16_000);
	const items = await emittedItems();
	const ids = items.map((item) => item.id).sort((a, b) => a - b);
	expect(ids).toEqual([...changedIds].sort((a, b) => a - b));
	for (const item of items) {
		expect(item).toEqual(
			expect.objectContaining({
				name: `E2E polling change ${item.id}`,
				profileId: 1001,
				status: expect.any(String),
			}),
		);
	}
	const newest = (await admin.state()).loops
		.filter((loop) => loop.profileId === 1001)
		.map((loop) => loop.updated)
		.sort()
		.pop();
	const quiet = (await admin.requests({ since: quietFrom })).filter((r) =>
		r.path.startsWith('/public/v2'),
	);
	expect(quiet.length).toBeGreaterThanOrEqual(3);
	for (const request of quiet) {
		expect([request.method, request.path, request.query]).toEqual([
			'GET',
			'/public/v2/profile/1001/loop',
			{
				sort: 'updated:desc',
				filter: expect.stringMatching(/^updated_min=\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
				batch_size: '100',
				batch_number: '1',
			},
		]);
		expect(request.query.filter.slice('updated_min='.length) > newest).toBe(true);
	}
}, 300_000);

/**
 * Contact Created when contacts become visible out of ID order (issue 21, point 3): 400131 and 400132
 * are created in the same second, 400132 is listed first. Each reaches the Contact Created workflow
 * once, and neither ever reaches the Contact Updated workflow.
 */
describe('Contact Created with IDs out of order', () => {
	const workflows = {};

	async function contactItems(event) {
		const items = [];
		const { data } = await n8n.api(
			'GET',
			`/executions?workflowId=${workflows[event].id}&limit=250&includeData=false`,
		);
		for (const summary of data) {
			const execution = await n8n.waitForExecution(summary.id);
			items.push(...(n8n.nodeOutput(execution, NODE_NAME) || []));
		}
		return items;
	}

	beforeAll(async () => {
		const { credential } = await connectedDotloopCredential(n8n, stack.sandbox, {
			name: 'Dotloop contacts',
		});
		for (const event of ['contactCreated', 'contactUpdated']) {
			workflows[event] = await n8n.createWorkflow({
				name: `polling: ${event}`,
				nodes: [
					{
						id: `polling-${event}`,
						name: NODE_NAME,
						type: POLLING_TRIGGER_TYPE,
						typeVersion: 1,
						position: [0, 0],
						parameters: { pollTimes: everyFiveSeconds, event },
						credentials: {
							dotloopOAuth2Api: { id: String(credential.id), name: 'Dotloop contacts' },
						},
					},
				],
				connections: {},
			});
		}
	});

	test('the contact listed second is Created once, never Updated', async () => {
		for (const event of ['contactCreated', 'contactUpdated']) {
			const seq = await admin.lastSeq();
			expect((await n8n.activate(workflows[event].id)).ok).toBe(true);
			await waitFor(
				async () => (await admin.requests({ since: seq, path: '/public/v2/contact' })).length > 0,
			);
		}
		const at = new Date(Math.floor(Date.now() / 1000) * 1000).toISOString().replace('.000Z', 'Z');
		const early = await admin.simulate({
			action: 'createContact',
			firstName: 'Early',
			lastName: 'Hidden',
			hidden: true,
			at,
		});
		const late = await admin.simulate({
			action: 'createContact',
			firstName: 'Late',
			lastName: 'Visible',
			at,
		});
		expect(late.id).toBe(early.id + 1);
		await waitFor(async () => (await contactItems('contactCreated')).length >= 1, {
			timeoutMs: 30_000,
			intervalMs: 1_000,
			message: 'the visible contact polled',
		});
		await admin.simulate({ action: 'revealContact', contactId: early.id });
		await waitFor(async () => (await contactItems('contactCreated')).length >= 2, {
			timeoutMs: 30_000,
			intervalMs: 1_000,
			message: 'the revealed contact polled',
		});
		// Three more polls of each: nothing more arrives.
		await sleep(16_000);
		const created = await contactItems('contactCreated');
		const rows = created.map((c) => [c.id, c.firstName, c.created]).sort((x, y) => x[0] - y[0]);
		expect(rows).toEqual([
			[early.id, 'Early', at],
			[late.id, 'Late', at],
		]);
		expect(await contactItems('contactUpdated')).toEqual([]);
	}, 180_000);
});

test('Every Profile Holding Loops with one refused profile: activation works and the other profile keeps emitting; a profile refused for a while catches up when it answers again', async () => {
	await n8n.deactivate(workflow.id);
	await admin.call('PATCH', '/profiles/1002', { refuse: 403 });
	const every = await n8n.createWorkflow({
		name: 'polling: every profile, one refused',
		nodes: [
			{
				id: 'polling-every-profile',
				name: NODE_NAME,
				type: POLLING_TRIGGER_TYPE,
				typeVersion: 1,
				position: [0, 0],
				parameters: { pollTimes: everyFiveSeconds, event: 'loopUpdated', watch: 'allProfiles' },
				credentials,
			},
		],
		connections: {},
	});
	const items = async () => {
		const out = [];
		const { data } = await n8n.api(
			'GET',
			`/executions?workflowId=${every.id}&limit=250&includeData=false`,
		);
		for (const summary of data) {
			out.push(...(n8n.nodeOutput(await n8n.waitForExecution(summary.id), NODE_NAME) || []));
		}
		return out.map((item) => [item.id, item.profileId, item.name]);
	};
	const seq = await admin.lastSeq();
	expect((await n8n.activate(every.id)).ok).toBe(true);
	await waitFor(
		async () =>
			(await admin.requests({ since: seq, path: '/public/v2/profile/1002/loop' })).length > 0,
	);
	const refused = await admin.requests({ since: seq, path: '/public/v2/profile/1002/loop' });
	expect(refused[0].status).toBe(403);

	await admin.simulate({ action: 'updateLoop', loopId: 50001, name: 'E2E while 1002 refused' });
	await waitFor(async () => (await items()).length >= 1, { timeoutMs: 30_000, intervalMs: 1_000 });

	// 1002 answers (its first answer is where it starts being watched, as at activation), then is
	// refused again while one of its loops changes: that change comes once 1002 answers again.
	const answered = async (status) => {
		const since = await admin.lastSeq();
		await waitFor(
			async () =>
				(await admin.requests({ since, path: '/public/v2/profile/1002/loop' })).some(
					(r) => r.status === status,
				),
			{ timeoutMs: 30_000, intervalMs: 500 },
		);
	};
	await admin.call('PATCH', '/profiles/1002', { refuse: null });
	await answered(200);
	await admin.call('PATCH', '/profiles/1002', { refuse: 404 });
	await answered(404);
	await admin.simulate({ action: 'updateLoop', loopId: 50031, name: 'E2E 1002 change, refused' });
	await sleep(6_000);
	expect(await items()).toEqual([[50001, 1001, 'E2E while 1002 refused']]);

	await admin.call('PATCH', '/profiles/1002', { refuse: null });
	await waitFor(async () => (await items()).length >= 2, { timeoutMs: 30_000, intervalMs: 1_000 });
	await sleep(11_000);
	expect((await items()).sort((a, b) => a[0] - b[0])).toEqual([
		[50001, 1001, 'E2E while 1002 refused'],
		[50031, 1002, 'E2E 1002 change, refused'],
	]);
	await n8n.deactivate(every.id);
}, 180_000);

test('n8n stopped in the middle of a catch-up and started again: every change once, none lost, none twice', async () => {
	const catchUp = await n8n.createWorkflow({
		name: 'polling: catch-up across a restart',
		nodes: [
			{
				id: 'polling-catch-up',
				name: NODE_NAME,
				type: POLLING_TRIGGER_TYPE,
				typeVersion: 1,
				position: [0, 0],
				parameters: {
					pollTimes: everyFiveSeconds,
					event: 'loopUpdated',
					watch: 'profile',
					profileId: wf.rl(1001),
				},
				credentials,
			},
		],
		connections: {},
	});
	const tag = `E2E restart ${Date.now().toString(36)}`;
	const items = async () => {
		const out = [];
		const { data } = await n8n.api(
			'GET',
			`/executions?workflowId=${catchUp.id}&limit=250&includeData=false`,
		);
		for (const summary of data) {
			out.push(...(n8n.nodeOutput(await n8n.waitForExecution(summary.id), NODE_NAME) || []));
		}
		return out.filter((item) => String(item.name).startsWith(tag)).map((item) => item.id);
	};
	expect((await n8n.activate(catchUp.id)).ok).toBe(true);
	await sleep(6_000);
	// Each answer takes 4 s: the catch-up of 120 changes (2 batches) is still reading when n8n stops.
	await admin.config({ latencyMs: 4_000 });
	await Promise.all(
		changedIds.map((loopId) =>
			admin.simulate({ action: 'updateLoop', loopId, name: `${tag} ${loopId}` }),
		),
	);
	const seq = await admin.lastSeq();
	await waitFor(
		async () =>
			(await admin.requests({ since: seq, path: '/public/v2/profile/1001/loop' })).some(
				(r) => r.query.batch_number === '1' && r.status === 200,
			),
		{ timeoutMs: 30_000, intervalMs: 200 },
	);
	await n8n.restart();
	await admin.config({ latencyMs: 0 });
	await waitFor(async () => (await items()).length >= CHANGES, {
		timeoutMs: 90_000,
		intervalMs: 2_000,
		message: `${CHANGES} polled items after the restart`,
	});
	await sleep(11_000);
	const ids = await items();
	expect([...ids].sort((a, b) => a - b)).toEqual([...changedIds].sort((a, b) => a - b));
	await n8n.deactivate(catchUp.id);
}, 300_000);

test('Fetch Test Event on Loop Status Changed: samples are marked; after a poll a changed loop shows its previous status', async () => {
	const LAST_POLL =
		"Fetch Test Event sample: previousStatus is the loop's status as the trigger's last poll recorded it";
	const UNCHANGED =
		"Fetch Test Event sample, not a status change: the trigger's last poll saw no other status for this loop, and Dotloop keeps no status history";
	const NOT_POLLED =
		'Fetch Test Event sample, not a status change: no statuses from an earlier poll of this trigger to compare with (once the active workflow has polled, a loop whose status changed since shows its previous status here)';
	const sold = await n8n.createWorkflow({
		name: 'polling: status changed, fetch test event',
		nodes: [
			{
				id: 'polling-status-sample',
				name: NODE_NAME,
				type: POLLING_TRIGGER_TYPE,
				typeVersion: 1,
				position: [0, 0],
				parameters: {
					// Once a year: after activation's poll, no poll may record the change before the manual run.
					pollTimes: { item: [{ mode: 'custom', cronExpression: '0 0 0 1 1 *' }] },
					event: 'loopStatusChanged',
					watch: 'profile',
					profileId: wf.rl(1001),
					newStatuses: ['SOLD'],
				},
				credentials,
			},
		],
		connections: {},
	});
	const sample = async () =>
		n8n.nodeOutput(await n8n.runWorkflow(sold.id, NODE_NAME), NODE_NAME) || [];
	const before = await sample();
	expect(before.length).toBeGreaterThan(0);
	for (const item of before) {
		expect(item).toEqual(
			expect.objectContaining({
				status: 'SOLD',
				previousStatus: null,
				newStatus: 'SOLD',
				sample: true,
				sampleNote: NOT_POLLED,
			}),
		);
	}
	const stateOf = async () => {
		const { staticData } = await n8n.api('GET', `/workflows/${sold.id}`);
		const parsed = typeof staticData === 'string' ? JSON.parse(staticData) : staticData;
		return parsed?.[`node:${NODE_NAME}`]?.dotloopPolling;
	};
	expect((await n8n.activate(sold.id)).ok).toBe(true);
	try {
		await waitFor(async () => Boolean((await stateOf())?.loops?.['1001']), {
			timeoutMs: 60_000,
			message: 'the state of the activation poll saved',
		});
		await admin.simulate({ action: 'updateLoop', loopId: 50001, status: 'SOLD' });
		const after = await sample();
		const loop = (await admin.state()).loops.find((l) => l.id === 50001);
		const seconds = (at) => new Date(at).toISOString().replace(/\.\d{3}Z$/, 'Z');
		expect(after[0]).toEqual({
			id: 50001,
			name: loop.name,
			status: 'SOLD',
			statusCategory: 'Closed',
			transactionType: 'PURCHASE_OFFER',
			totalTaskCount: 9,
			completedTaskCount: 5,
			updated: seconds(loop.updated),
			created: '2024-06-07T00:23:08Z',
			loopUrl: 'https://www.dotloop.com/m/loop?viewId=50001',
			profileId: 1001,
			previousStatus: 'UNDER_CONTRACT',
			newStatus: 'SOLD',
			sample: true,
			sampleNote: LAST_POLL,
		});
		for (const item of after.slice(1)) {
			expect([item.previousStatus, item.sample, item.sampleNote]).toEqual([null, true, UNCHANGED]);
		}
	} finally {
		await n8n.deactivate(sold.id);
	}
}, 180_000);
