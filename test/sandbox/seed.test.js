'use strict';

const { start, client } = require('./test-helpers');
const { SEED_NOW } = require('./seed');

const HOUR = 3600e3;

/** Two sandboxes: the fixed seed the tests use, and one anchored to a given moment as the demo does. */
describe('seed dates', () => {
	const anchor = Date.UTC(2031, 0, 15, 9, 0, 0);
	let fixed;
	let anchored;
	beforeAll(async () => {
		fixed = await start({ rateLimit: 100000 });
		anchored = await start({ rateLimit: 100000, seedNow: anchor });
	});
	afterAll(async () => {
		await fixed.stop();
		await anchored.stop();
	});

	async function contactsChangedWithin(sb, now, hours) {
		const api = await client(sb);
		const since = new Date(now - hours * HOUR).toISOString().replace(/\.\d{3}Z$/, 'Z');
		return (await api('GET', `/contact?batch_size=100&filter=updated_min=${since}`)).body.data;
	}

	test('the newest three contacts changed within the 25 hours before the seed moment', async () => {
		const recent = await contactsChangedWithin(anchored, anchor, 25);
		expect(recent.map((c) => c.id).sort()).toEqual([400128, 400129, 400130]);
		expect((await contactsChangedWithin(fixed, SEED_NOW, 25)).map((c) => c.id).sort()).toEqual([
			400128, 400129, 400130,
		]);
	});

	test('seedNow moves every date by the same amount and changes nothing else', async () => {
		const shift = anchor - SEED_NOW;
		const moved = (record) => {
			const out = { ...record };
			for (const key of ['created', 'updated']) {
				if (out[key])
					out[key] = new Date(Date.parse(out[key]) + shift).toISOString().replace('.000Z', 'Z');
			}
			return out;
		};
		for (const path of [
			'/contact/400001',
			'/profile/1001/loop/50001',
			'/profile/1001/loop/50005',
		]) {
			const before = (await (await client(fixed))('GET', path)).body.data;
			const after = (await (await client(anchored))('GET', path)).body.data;
			expect(after).toEqual(moved(before));
		}
		const newest = (
			await (
				await client(anchored)
			)('GET', '/profile/1001/loop?sort=updated:desc&batch_size=1')
		).body.data[0];
		expect(Date.parse(newest.updated)).toBeLessThanOrEqual(anchor - HOUR);
	});

	test('refuses a seedNow that is no timestamp', async () => {
		await expect(start({ seedNow: 'today' })).rejects.toThrow(
			'seedNow must be null or a millisecond timestamp',
		);
	});
});
