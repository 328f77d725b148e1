'use strict';

const { start, client, admin, issueToken, call } = require('./test-helpers');

describe('sandbox rate limiting', () => {
	let sb;
	afterEach(() => sb && sb.stop());

	test('every API response carries the rate-limit headers; the limit answers 429 until the window resets', async () => {
		// A 60 s window at clockScale 30 lasts two real seconds.
		sb = await start({ rateLimit: 5, clockScale: 30 });
		const api = await client(sb);
		const first = await api('GET', '/account');
		expect(first.headers.get('x-ratelimit-limit')).toBe('5');
		expect(first.headers.get('x-ratelimit-remaining')).toBe('4');
		const reset = Number(first.headers.get('x-ratelimit-reset'));
		expect(reset).toBeGreaterThan(0);
		expect(reset).toBeLessThanOrEqual(2000);
		const notFound = await api('GET', '/contact/1');
		expect(notFound.status).toBe(404);
		expect(notFound.headers.get('x-ratelimit-remaining')).toBe('3');
		for (let i = 0; i < 3; i += 1) expect((await api('GET', '/account')).status).toBe(200);
		const limited = await api('GET', '/account');
		expect(limited.status).toBe(429);
		expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
		expect(limited.body.errors[0].code).toBe('429');
		const wait = Number(limited.headers.get('x-ratelimit-reset'));
		expect(wait).toBeLessThanOrEqual(2000);

		// OAuth and admin endpoints are not limited; a second token of the same user shares the window.
		expect((await admin(sb, 'GET', '/health')).status).toBe(200);
		const other = await issueToken(sb);
		expect((await call(sb, 'GET', '/account', { token: other.access_token })).status).toBe(429);

		await new Promise((r) => setTimeout(r, wait + 20));
		const after = await api('GET', '/account');
		expect(after.status).toBe(200);
		expect(after.headers.get('x-ratelimit-remaining')).toBe('4');
	});

	test.each([
		['msUntil', (reset, at, sent) => reset <= 2000 && sent + reset >= at - 2000],
		['epochMs', (reset, at) => Math.abs(reset - at) <= 2000],
		['epochSeconds', (reset, at) => Math.abs(reset * 1000 - at) <= 3000],
	])(
		'rateLimitReset %s: X-RateLimit-Reset names the same window end in its own unit',
		async (rateLimitReset, fits) => {
			sb = await start({ rateLimit: 5, clockScale: 30, rateLimitReset });
			const api = await client(sb);
			const sent = Date.now();
			const first = await api('GET', '/account');
			const reset = Number(first.headers.get('x-ratelimit-reset'));
			// The window opened by this request ends two real seconds after it.
			expect([reset, fits(reset, sent + 2000, sent)]).toEqual([reset, true]);
			expect(Number.isInteger(reset)).toBe(true);
			if (rateLimitReset === 'epochSeconds') expect(reset).toBeLessThan(1e11);
			if (rateLimitReset === 'epochMs') expect(reset).toBeGreaterThan(1e12);
			await admin(sb, 'PATCH', '/config', { rateLimitReset: 'msUntil' });
			const again = Number((await api('GET', '/account')).headers.get('x-ratelimit-reset'));
			expect(again).toBeLessThanOrEqual(2000);
		},
	);

	test('the limit can be changed at run time', async () => {
		sb = await start({ rateLimit: 1 });
		const api = await client(sb);
		await api('GET', '/account');
		expect((await api('GET', '/account')).status).toBe(429);
		await admin(sb, 'PATCH', '/config', { rateLimit: 1000 });
		const res = await api('GET', '/account');
		expect(res.status).toBe(200);
		expect(res.headers.get('x-ratelimit-limit')).toBe('1000');
	});
});

describe('sandbox fault injection', () => {
	let sb;
	let api;
	beforeAll(async () => {
		sb = await start({ rateLimit: 100000 });
		api = await client(sb);
	});
	afterAll(() => sb.stop());
	afterEach(async () => {
		await admin(sb, 'DELETE', '/faults');
		await admin(sb, 'PATCH', '/config', { errorRate: 0, latencyMs: 0 });
	});

	test('the next N requests fail with the injected status', async () => {
		const added = await admin(sb, 'POST', '/faults', { status: 503, count: 2 });
		expect(added.status).toBe(201);
		expect((await api('GET', '/account')).status).toBe(503);
		const second = await api('GET', '/profile');
		expect(second.status).toBe(503);
		expect(second.body.errors[0].code).toBe('503');
		expect((await api('GET', '/account')).status).toBe(200);
	});

	test('a path regex limits the fault to matching requests', async () => {
		await admin(sb, 'POST', '/faults', { status: 500, count: 1, path: '/loop/50001/detail' });
		expect((await api('GET', '/profile/1001/loop/50001')).status).toBe(200);
		expect((await api('GET', '/profile/1001/loop/50001/detail')).status).toBe(500);
		expect((await api('GET', '/profile/1001/loop/50001/detail')).status).toBe(200);
	});

	test('an injected 429 carries proper rate-limit headers', async () => {
		await admin(sb, 'POST', '/faults', { status: 429, count: 1 });
		const res = await api('GET', '/account');
		expect(res.status).toBe(429);
		expect(res.headers.get('x-ratelimit-remaining')).toBe('0');
		expect(res.headers.get('x-ratelimit-limit')).toBe('100000');
		expect(Number(res.headers.get('x-ratelimit-reset'))).toBeGreaterThan(0);
	});

	test('errorRate answers a share of requests with 500/502/503', async () => {
		await admin(sb, 'PATCH', '/config', { errorRate: 1 });
		for (let i = 0; i < 5; i += 1)
			expect([500, 502, 503]).toContain((await api('GET', '/account')).status);
		await admin(sb, 'PATCH', '/config', { errorRate: 0 });
		expect((await api('GET', '/account')).status).toBe(200);
		expect((await admin(sb, 'PATCH', '/config', { errorRate: 2 })).status).toBe(400);
	});

	test('latencyMs delays API responses, not the admin API', async () => {
		await admin(sb, 'PATCH', '/config', { latencyMs: 300 });
		const answered = [];
		await Promise.all([
			api('GET', '/account').then(() => answered.push('api')),
			admin(sb, 'GET', '/config').then(() => answered.push('admin')),
		]);
		expect(answered).toEqual(['admin', 'api']);
		await admin(sb, 'PATCH', '/config', { latencyMs: 0 });
	});
});
