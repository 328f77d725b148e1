import type { IDataObject } from 'n8n-workflow';

import { useNewCredential } from '../helpers/n8n/action';
import { startServer, type TestServer } from '../helpers/io';
import { pollingTrigger } from '../helpers/n8n/poll';

/**
 * The contact list has no documented order, so a contact that changes while a poll pages can move and
 * push another one past a batch boundary. A server that does exactly that on the first reading: the
 * poll must notice (a contact read twice) and read the list again instead of losing one.
 */
const contact = (id: number, updated = '2030-01-01T00:00:00Z') => ({
	id,
	firstName: `C${id}`,
	updated,
});
const all = Array.from({ length: 150 }, (_, i) => contact(1000 + i));

let server: TestServer;
let readings: string[];
let moving = true;

beforeAll(async () => {
	server = await startServer((request, response) => {
		const url = new URL(String(request.url), 'http://x');
		const batch = Number(url.searchParams.get('batch_number'));
		readings.push(`${url.pathname}?${url.searchParams.toString()}`);
		let data: IDataObject[] = all.slice((batch - 1) * 100, batch * 100);
		// First reading: before batch 2, contact 1005 changed and moved to the end, so the list shifted
		// up by one: batch 2 starts at what was position 101, and 1100 is never served.
		if (moving && batch === 2) {
			const shifted = [
				...all.slice(0, 5),
				...all.slice(6),
				{ ...all[5], updated: '2030-01-01T00:00:01Z' },
			];
			data = shifted.slice(100, 200);
			moving = false;
		}
		response.writeHead(200, { 'Content-Type': 'application/json' });
		response.end(JSON.stringify({ meta: { total: 150 }, data }));
	});
});

afterAll(async () => {
	await server.close();
});

test('a contact list that moved while being read is read again, so no contact is skipped', async () => {
	useNewCredential();
	readings = [];
	const t = pollingTrigger({ params: { event: 'contactCreated' }, apiBaseUrl: server.url });
	expect(await t.run()).toBeNull();
	expect(readings).toEqual([
		'/contact?batch_size=100&batch_number=1',
		'/contact?batch_size=100&batch_number=2',
		'/contact?batch_size=100&batch_number=1',
		'/contact?batch_size=100&batch_number=2',
	]);
	const state = t.staticData.dotloopPolling as { contacts: { maxId: number } };
	expect(state.contacts.maxId).toBe(1149);
});
