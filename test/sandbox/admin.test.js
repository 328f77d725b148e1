'use strict';

const path = require('path');
const { spawn } = require('child_process');
const { start, client, admin, call } = require('./test-helpers');

describe('sandbox admin endpoints', () => {
	let sb;
	let api;
	beforeAll(async () => {
		sb = await start({ rateLimit: 100000 });
		api = await client(sb);
	});
	afterAll(() => sb.stop());

	test('health and config', async () => {
		const health = await admin(sb, 'GET', '/health');
		expect(health.body).toEqual({ status: 'ok', uptimeMs: expect.any(Number), url: sb.url });
		const config = await admin(sb, 'GET', '/config');
		expect(config.body.data).toEqual(
			expect.objectContaining({
				clientId: 'dotloop-sandbox-client',
				rateLimit: 100000,
				clockScale: 1,
				autoApprove: false,
			}),
		);
		expect(JSON.stringify(config.body)).not.toContain(sb.clientSecret);
		expect((await admin(sb, 'PATCH', '/config', { clientId: 'other' })).status).toBe(400);
		expect((await admin(sb, 'PATCH', '/config', { clockScale: 0 })).status).toBe(400);
		expect((await admin(sb, 'PATCH', '/config', { webhookOrigin: 'ftp://x' })).status).toBe(400);
		const patched = await admin(sb, 'PATCH', '/config', {
			latencyMs: 0,
			webhookOrigin: 'http://127.0.0.1:5678',
		});
		expect(patched.body.data.webhookOrigin).toBe('http://127.0.0.1:5678');
		expect(sb.config.webhookOrigin).toBe('http://127.0.0.1:5678');
		expect((await call(sb, 'GET', `${sb.url}/`)).body.apiBaseUrl).toBe(sb.apiBaseUrl);
	});

	test('the request log records API calls with redacted secrets, parsed bodies, status and duration', async () => {
		await admin(sb, 'DELETE', '/requests');
		await api('POST', '/contact', {
			body: { firstName: 'Logged' },
			headers: { Cookie: 'session=abc' },
		});
		await api('GET', '/profile/1001/loop?batch_size=2');
		const all = (await admin(sb, 'GET', '/requests')).body;
		expect(all.data).toHaveLength(2);
		const [post, get] = all.data;
		expect(post).toEqual({
			seq: expect.any(Number),
			time: expect.any(String),
			method: 'POST',
			path: '/public/v2/contact',
			query: {},
			headers: expect.objectContaining({
				authorization: '[redacted]',
				cookie: '[redacted]',
				'content-type': 'application/json',
			}),
			body: { firstName: 'Logged' },
			status: 201,
			durationMs: expect.any(Number),
		});
		expect(get.query).toEqual({ batch_size: '2' });
		const since = (await admin(sb, 'GET', `/requests?since=${post.seq}`)).body.data;
		expect(since.map((e) => e.seq)).toEqual([get.seq]);
		expect((await admin(sb, 'GET', '/health')).status).toBe(200);
		expect((await admin(sb, 'GET', `/requests?since=${get.seq}`)).body.data).toEqual([]);
	});

	test('state exposes the whole store with token counts only', async () => {
		const state = (await admin(sb, 'GET', '/state')).body;
		expect(Object.keys(state)).toEqual(
			expect.arrayContaining([
				'profiles',
				'loops',
				'contacts',
				'templates',
				'subscriptions',
				'events',
				'tokens',
				'refreshCount',
				'tokenIssueCount',
			]),
		);
		expect(state.tokens.grants).toBeGreaterThan(0);
		expect(JSON.stringify(state)).not.toContain(api.token.access_token);
		expect(JSON.stringify(state)).not.toContain(api.token.refresh_token);
		const loop = state.loops.find((l) => l.id === 50001);
		expect(loop.participants.length).toBeGreaterThan(2);
		expect(loop.taskLists[0].tasks.length).toBe(6);
		expect(loop.activityCount).toBe(137);
		expect(state.loops.find((l) => l.id === 50037).mergedInto).toBe(50002);
	});

	test('simulate covers contacts, participants and profiles', async () => {
		const contact = await admin(sb, 'POST', '/simulate', {
			action: 'createContact',
			firstName: 'Sim',
			email: 'sim@example.com',
		});
		expect(contact.body.data.id).toBeGreaterThan(400130);
		await admin(sb, 'POST', '/simulate', {
			action: 'updateContact',
			contactId: contact.body.data.id,
			lastName: 'Ulated',
		});
		expect((await api('GET', `/contact/${contact.body.data.id}`)).body.data.lastName).toBe(
			'Ulated',
		);
		await admin(sb, 'POST', '/simulate', {
			action: 'deleteContact',
			contactId: contact.body.data.id,
		});
		expect((await api('GET', `/contact/${contact.body.data.id}`)).status).toBe(404);

		const p = await admin(sb, 'POST', '/simulate', {
			action: 'addParticipant',
			loopId: 50002,
			fullName: 'Sim P',
			role: 'SELLER',
		});
		await admin(sb, 'POST', '/simulate', {
			action: 'updateParticipant',
			participantId: p.body.data.id,
			Phone: '(513) 555-0000',
		});
		expect(
			(await api('GET', `/profile/1001/loop/50002/participant/${p.body.data.id}`)).body.data.Phone,
		).toBe('(513) 555-0000');
		await admin(sb, 'POST', '/simulate', {
			action: 'removeParticipant',
			participantId: p.body.data.id,
		});
		expect(
			(await api('GET', `/profile/1001/loop/50002/participant/${p.body.data.id}`)).status,
		).toBe(404);

		await admin(sb, 'POST', '/simulate', {
			action: 'updateProfile',
			profileId: 1001,
			company: 'Sim Realty',
		});
		expect((await api('GET', '/profile/1001')).body.data.company).toBe('Sim Realty');
		expect(
			(
				await admin(sb, 'POST', '/simulate', {
					action: 'updateLoop',
					loopId: 50001,
					status: 'HOUSEBOAT',
				})
			).status,
		).toBe(422);
		expect(
			(await admin(sb, 'POST', '/simulate', { action: 'createLoop', profileId: 1003 })).status,
		).toBe(403);
	});

	test('seed/loops validates its input', async () => {
		expect((await admin(sb, 'POST', '/seed/loops', { profileId: 1003, count: 5 })).status).toBe(
			422,
		);
		expect((await admin(sb, 'POST', '/seed/loops', { profileId: 1001, count: 0 })).status).toBe(
			400,
		);
		expect((await admin(sb, 'POST', '/seed/loops', { profileId: 4242, count: 5 })).status).toBe(
			404,
		);
	});

	test('seed/contacts adds contacts in the shape of section 12.1, listed after the seed', async () => {
		const before = (await api('GET', '/contact?batch_size=1')).body.meta.total;
		const res = await admin(sb, 'POST', '/seed/contacts', { count: 5000 });
		expect(res.status).toBe(200);
		expect(res.body).toEqual({
			userId: 100,
			firstId: expect.any(Number),
			lastId: res.body.firstId + 4999,
			count: 5000,
			durationMs: expect.any(Number),
		});

		const total = before + 5000;
		const listed = [];
		for (let n = 1; n <= Math.ceil(total / 100); n++) {
			const page = await api('GET', `/contact?batch_size=100&batch_number=${n}`);
			expect(page.status).toBe(200);
			expect(page.body.meta).toEqual({ total });
			listed.push(...page.body.data);
		}
		expect(listed).toHaveLength(total);
		const seeded = listed.filter((c) => c.id >= res.body.firstId && c.id <= res.body.lastId);
		expect(seeded).toHaveLength(5000);
		const emailsBefore = listed.filter((c) => c.id < res.body.firstId).map((c) => c.email);
		const seededEmails = new Set(seeded.map((c) => c.email));
		expect(seededEmails.size).toBe(5000);
		expect(emailsBefore.filter((email) => seededEmails.has(email))).toEqual([]);
		const newest = listed.find((c) => c.id === res.body.lastId);
		expect(Object.keys(newest)).toEqual(
			expect.arrayContaining([
				'id',
				'firstName',
				'lastName',
				'email',
				'home',
				'office',
				'address',
				'city',
				'zipCode',
				'state',
				'country',
				'updated',
			]),
		);
		expect(newest.email).toMatch(/^[a-z]+\.[a-z]+\.\d+@example\.com$/);
		expect(newest.updated).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);

		const created = await api('POST', '/contact', {
			body: { firstName: 'After', lastName: 'Seed' },
		});
		expect(created.body.data.id).toBe(res.body.lastId + 1);

		expect((await admin(sb, 'POST', '/seed/contacts', { count: 0 })).status).toBe(400);
		expect((await admin(sb, 'POST', '/seed/contacts', { count: 1.5 })).status).toBe(400);
		expect((await admin(sb, 'POST', '/seed/contacts', {})).status).toBe(400);
	});

	test('reset goes back to the seed, clears logs and keeps tokens', async () => {
		await api('PATCH', '/profile/1001', { body: { company: 'Changed' } });
		await admin(sb, 'POST', '/faults', { status: 500, count: 5 });
		const res = await admin(sb, 'POST', '/reset');
		expect(res.body.status).toBe('reset');
		expect((await admin(sb, 'GET', '/faults')).body.data).toEqual([]);
		expect((await admin(sb, 'GET', '/requests')).body.data).toEqual([]);
		expect((await api('GET', '/profile/1001')).body.data.company).toBe('Newky Home Realty');
		await admin(sb, 'POST', '/reset', { tokens: true });
		expect((await api('GET', '/account')).status).toBe(401);
	});

	test('unknown admin paths answer 404', async () => {
		expect((await admin(sb, 'GET', '/nope')).status).toBe(404);
		expect((await admin(sb, 'POST', '/loops/99999/merge', {})).status).toBe(404);
	});
});

describe('sandbox CLI', () => {
	test('prints its URLs and credentials, serves, and exits 0 on SIGTERM', async () => {
		const child = spawn(
			process.execPath,
			[path.join(__dirname, 'cli.js'), '--port', '0', '--auto-approve', '--rate-limit=7'],
			{ stdio: ['ignore', 'pipe', 'pipe'] },
		);
		let out = '';
		await new Promise((resolve, reject) => {
			child.stdout.on('data', (c) => {
				out += c;
				if (out.includes('Client secret')) resolve();
			});
			child.on('exit', () => reject(new Error(`cli exited early: ${out}`)));
		});
		const base = /API base URL: +(\S+)/.exec(out)[1];
		expect(out).toMatch(/Authorize URL: +http:\/\/127\.0\.0\.1:\d+\/oauth\/authorize/);
		expect(out).toMatch(/Token URL: +http:\/\/127\.0\.0\.1:\d+\/oauth\/token/);
		expect(out).toContain('dotloop-sandbox-client');
		expect(out).toContain('dotloop-sandbox-secret');
		const url = base.replace('/public/v2', '');
		const config = await (await fetch(`${url}/_sandbox/config`)).json();
		expect(config.data).toEqual(expect.objectContaining({ autoApprove: true, rateLimit: 7 }));
		const code = await new Promise((resolve) => {
			child.removeAllListeners('exit');
			child.on('exit', resolve);
			child.kill('SIGTERM');
		});
		expect(code).toBe(0);
	}, 10000);
});
