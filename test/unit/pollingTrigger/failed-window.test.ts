import type { IDataObject } from 'n8n-workflow';

import { useNewCredential } from '../helpers/n8n/action';
import { startServer, type TestServer } from '../helpers/io';
import { pollingTrigger } from '../helpers/n8n/poll';

/**
 * Failed Webhook Deliveries on a scripted Dotloop whose clock (the Date header) the test moves: a burst
 * of 310 events created 1 s apart turns FAILED once its retries end (15 h 46 min 30 s after creation,
 * section 14.3.4). The window moves on with Dotloop's clock: the burst is read again only while it is
 * less than 15 minutes past its retry span, then a quiet poll is the subscription list and one page.
 * An event created inside the burst that turns FAILED later than the others is still emitted, once.
 */
const SPAN_MS = (30 + 60 + 15 * 60 + 30 * 60 + 3600 + 7200 + 14400 + 28800) * 1000;
const C0 = Date.parse('2030-01-01T00:00:00Z');
const MINUTE = 60_000;
const events = Array.from({ length: 310 }, (_, i) => ({
	id: `e-${String(i).padStart(3, '0')}`,
	subscriptionId: 'sub-1',
	createdOn: new Date(C0 + i * 1000).toISOString(),
	eventType: 'LOOP_UPDATED',
	eventData: { id: String(50001 + i) },
	deliveryStatus: 'FAILED',
	deliveryAttempts: 9,
	responseData: [],
}));
const LATE = events[100];

let server: TestServer;
let now = 0;
let lateFailed = false;
let paths: string[] = [];

beforeAll(async () => {
	server = await startServer((request, response) => {
		const url = new URL(String(request.url), 'http://x');
		paths.push(url.pathname);
		const headers = { 'Content-Type': 'application/json', Date: new Date(now).toUTCString() };
		if (url.pathname === '/subscription') {
			response.writeHead(200, headers);
			response.end(
				JSON.stringify({ data: [{ id: 'sub-1', targetType: 'USER', targetId: 100 }], meta: {} }),
			);
			return;
		}
		// FAILED events, newest first by creation, 10 a page.
		const failed = events.filter((e) => e !== LATE || lateFailed).reverse();
		const from = Number(url.searchParams.get('next_cursor') ?? 0);
		const data = failed.slice(from, from + 10);
		const next = from + 10 < failed.length ? String(from + 10) : null;
		response.writeHead(200, headers);
		response.end(JSON.stringify({ data, meta: { nextCursor: next } }));
	});
});

afterAll(async () => {
	await server.close();
});

test('the burst is read again only for the 15 minutes after its retry span; a late failure comes once', async () => {
	useNewCredential();
	const t = pollingTrigger({
		params: { event: 'failedWebhookDeliveries' },
		apiBaseUrl: server.url,
	});
	const poll = async (at: number) => {
		now = at;
		paths = [];
		const out = (await t.run()) ?? [];
		return { requests: paths.length, ids: out.map((item: IDataObject) => item.eventId) };
	};
	// The burst's last event turned FAILED a minute ago; the late one is still retrying.
	const failedAt = C0 + 309_000 + SPAN_MS + MINUTE;
	expect(await poll(failedAt)).toEqual({ requests: 32, ids: [] });
	expect(await poll(failedAt + MINUTE)).toEqual({ requests: 32, ids: [] });
	lateFailed = true;
	expect(await poll(failedAt + 5 * MINUTE)).toEqual({ requests: 32, ids: [LATE.id] });
	expect(await poll(failedAt + 20 * MINUTE)).toEqual({ requests: 32, ids: [] });
	for (const minutes of [21, 22, 60, 600])
		expect(await poll(failedAt + minutes * MINUTE)).toEqual({ requests: 2, ids: [] });
});
