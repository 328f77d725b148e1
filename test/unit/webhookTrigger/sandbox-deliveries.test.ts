import { sleep } from 'n8n-workflow';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { startReceiver, type Receiver } from '../helpers/io';
import { useSandbox } from '../helpers/n8n/sandbox';
import { create, deliver, remove } from '../helpers/n8n/trigger';

/**
 * The Dotloop Trigger against the sandbox's own deliveries, under each reading of what the
 * documentation leaves open (test/sandbox/README.md, "Ambiguities: webhook deliveries"): whether a
 * retry carries a fresh or the original timestamp, seconds or milliseconds, and which header pair
 * carries the signature. The sandbox signs as it reads the documentation, independently of the node;
 * its first attempt fails (nothing listens), its retry reaches the trigger in n8n-core's
 * WebhookContext: one run, and the same retry posted again is acknowledged without a second run.
 */
const { admin, connect } = useSandbox();

const params = {
	targetType: 'PROFILE',
	profileId: { __rl: true, mode: 'id', value: '1001' },
	profileEvents: ['LOOP_CREATED'],
	options: {},
};

let receiver: Receiver;
beforeAll(async () => {
	receiver = await startReceiver();
});
afterAll(async () => {
	await receiver.close();
});

async function until<T>(what: string, find: () => Promise<T | undefined>): Promise<T> {
	for (let waited = 0; waited < 5_000; waited += 20) {
		const found = await find();
		if (found !== undefined) return found;
		await sleep(20);
	}
	throw new Error(`waited 5 s for ${what}`);
}

test.each([
	['fresh', 'ms', 'documented'],
	['original', 'ms', 'documented'],
	['fresh', 's', 'documented'],
	['original', 's', 'documented'],
	['fresh', 'ms', 'webhookPrefixed'],
	['original', 's', 'webhookPrefixed'],
])(
	'retry timestamp %s, in %s, signature headers %s: the retry runs once, its repeat is acknowledged',
	async (webhookRetryTimestamp, webhookTimestampUnit, signatureHeaders) => {
		connect();
		receiver.received.length = 0;
		const staticData: IDataObject = {};
		expect((await create({ params, staticData, storedCredential: true })).result).toBe(true);
		// Nothing listens on port 1: the first attempt fails, as when n8n is down. Retries come after
		// 30 s / clockScale.
		await admin('PATCH', '/config', {
			webhookRetryTimestamp,
			webhookTimestampUnit,
			signatureHeaders,
			clockScale: 100,
			webhookOrigin: 'http://127.0.0.1:1',
		});
		try {
			const loop = (await admin('POST', '/simulate', {
				action: 'createLoop',
				profileId: 1001,
			})) as { data: IDataObject };
			const deliveries = async () =>
				((await admin('GET', '/deliveries')) as { data: IDataObject[] }).data.filter(
					(d) => d.subscriptionId === staticData.subscriptionId,
				);
			await until('the failed first attempt', async () =>
				(await deliveries()).find((d) => d.attempt === 1 && d.status === 'FAILURE'),
			);
			await admin('PATCH', '/config', { webhookOrigin: receiver.url });
			const retry = await until('the retry', async () =>
				receiver.received.find(
					(r) => JSON.parse(r.body.toString('utf8')).subscriptionId === staticData.subscriptionId,
				),
			);
			const attempts = await deliveries();
			expect(attempts.map((d) => [d.attempt, d.status])).toEqual([
				[1, 'FAILURE'],
				[2, 'SUCCESS'],
			]);
			const prefix = signatureHeaders === 'webhookPrefixed' ? 'x-dotloop-webhook-' : 'x-dotloop-';
			const timestamp = retry.headers[`${prefix}timestamp`];
			expect(timestamp).toMatch(webhookTimestampUnit === 's' ? /^\d{10}$/ : /^\d{13}$/);
			if (webhookRetryTimestamp === 'original') expect(timestamp).toBe(attempts[0].timestamp);

			const delivery = { params, staticData, storedCredential: true };
			const first = await deliver({ ...delivery, body: retry.body, headers: retry.headers });
			const [items] = first.response.workflowData as INodeExecutionData[][];
			const ms = Number(timestamp) * (webhookTimestampUnit === 's' ? 1000 : 1);
			expect(items.map((item) => item.json)).toEqual([
				{
					eventId: attempts[1].eventId,
					createdOn: expect.any(String),
					subscriptionId: staticData.subscriptionId,
					subscriptionExternalId: null,
					profileId: '1001',
					eventType: 'LOOP_CREATED',
					event: { id: String(loop.data.id) },
					deliveredAt: new Date(ms).toISOString(),
					deliveryTimestamp: Number(timestamp),
				},
			]);
			const again = await deliver({ ...delivery, body: retry.body, headers: retry.headers });
			expect(again.status).toBeUndefined();
			expect(again.response).toEqual({ webhookResponse: 'Delivery already received' });
		} finally {
			await remove({ params, staticData, storedCredential: true });
			await admin('PATCH', '/config', {
				webhookRetryTimestamp: 'fresh',
				webhookTimestampUnit: 'ms',
				signatureHeaders: 'documented',
				clockScale: 1,
				webhookOrigin: '',
			});
		}
	},
);
