import nock from 'nock';
import { NodeApiError, sleep } from 'n8n-workflow';

import { dotloopApiRequest, dotloopRequest, retryPolicy } from '../../../nodes/Dotloop/transport';
import { TOKEN_URL } from '../helpers/n8n/action';
import { createExecuteContext } from '../helpers/n8n/contexts';
import { startServer } from '../helpers/io';
import { api, BASE_PATH, setupNock } from '../helpers/nock';

// The transport's waits go through n8n-workflow's sleep: here a jest.fn that sleeps for real unless a
// test counts the waits instead (countWaits), so no test measures wall time.
jest.mock('n8n-workflow', () => {
	const actual = jest.requireActual<typeof import('n8n-workflow')>('n8n-workflow');
	return { ...actual, sleep: jest.fn(actual.sleep) };
});
const realSleep = jest.requireActual<typeof import('n8n-workflow')>('n8n-workflow').sleep;

setupNock();
// Undo the retry bounds a test set with jest.replaceProperty.
afterEach(() => jest.restoreAllMocks());

/**
 * Records every wait the transport asks for, on a clock (Date.now) that only those waits move: the
 * rate-limit window sees exactly the time it waited, and nothing waits for real.
 */
function countWaits(): number[] {
	const waits: number[] = [];
	let clock = Date.now();
	jest.spyOn(Date, 'now').mockImplementation(() => clock);
	jest.mocked(sleep).mockImplementation(async (ms: number) => {
		waits.push(ms);
		clock += ms;
	});
	return waits;
}

afterEach(() => {
	jest.restoreAllMocks();
	jest.mocked(sleep).mockImplementation(realSleep);
});

const context = async () => await createExecuteContext({ params: {} });

async function failure(promise: Promise<unknown>): Promise<NodeApiError> {
	try {
		await promise;
	} catch (error) {
		return error as NodeApiError;
	}
	throw new Error('expected the request to fail');
}

describe('transport: requests and errors', () => {
	it('sends JSON with the bearer token to the credential base URL and returns the data object', async () => {
		api()
			.matchHeader('accept', 'application/json')
			.post(`${BASE_PATH}/profile/1/loop`, { name: 'A', status: 'PRE_OFFER' })
			.query({ x: '1' })
			.reply(201, { data: { id: 5 } });

		const { context: ctx } = await context();
		const data = await dotloopApiRequest.call(ctx, {
			method: 'POST',
			path: '/profile/1/loop',
			qs: { x: 1 },
			body: { name: 'A', status: 'PRE_OFFER' },
		});

		expect(data).toEqual({ id: 5 });
	});

	it("turns Dotloop's errors[] into a NodeApiError with every detail, the field and the status", async () => {
		api()
			.patch(`${BASE_PATH}/profile/1/loop/2`)
			.reply(422, {
				errors: [
					{ code: '422', source: { pointer: '/data/attributes/name' }, detail: 'Name is too long' },
					{ source: { parameter: 'status' }, detail: 'Must fit the transaction type' },
					{ source: { pointer: '/email' }, detail: 'email "x" is not a valid email address' },
				],
			});

		const { context: ctx } = await context();
		const error = await failure(
			dotloopRequest.call(ctx, { method: 'PATCH', path: '/profile/1/loop/2', body: { name: 'x' } }),
		);

		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe(
			'Name is too long; Must fit the transaction type (status); email "x" is not a valid email address',
		);
		expect(error.httpCode).toBe('422');
		expect(error.description).toContain('rejected its values');
	});

	it('explains a 403 (non-INDIVIDUAL profile, scopes) and never leaks the token', async () => {
		api()
			.get(`${BASE_PATH}/profile/9/loop`)
			.reply(403, { errors: [{ code: '403', detail: 'Access denied' }] });

		const { context: ctx } = await context();
		const error = await failure(
			dotloopRequest.call(ctx, { method: 'GET', path: '/profile/9/loop' }),
		);

		expect(error.message).toBe('Access denied');
		expect(error.httpCode).toBe('403');
		expect(error.description).toContain('INDIVIDUAL');
		expect(JSON.stringify({ ...error, cause: error.cause, message: error.message })).not.toContain(
			'access-1',
		);
	});

	it('lets a request override the explanation for a status', async () => {
		api().get(`${BASE_PATH}/x`).reply(403, {});

		const { context: ctx } = await context();
		const error = await failure(
			dotloopRequest.call(ctx, {
				method: 'GET',
				path: '/x',
				hints: { 403: 'Download not permitted' },
			}),
		);

		expect(error.message).toBe('Dotloop answered HTTP 403');
		expect(error.description).toBe('Download not permitted');
	});

	it('refreshes the token once on 401 (through n8n) and retries with the new one', async () => {
		// The first answer is read as is; the 401 is asked again so that n8n sees it and refreshes.
		api('access-1').get(`${BASE_PATH}/account`).times(2).reply(401, { error: 'invalid_token' });
		nock(new URL(TOKEN_URL).origin)
			.post(new URL(TOKEN_URL).pathname, {
				grant_type: 'refresh_token',
				refresh_token: 'refresh-1',
			})
			.reply(200, { access_token: 'access-2', refresh_token: 'refresh-1', expires_in: 43199 });
		api('access-2')
			.get(`${BASE_PATH}/account`)
			.reply(200, { data: { id: 100 } });

		const { context: ctx, oauth } = await context();
		const data = await dotloopApiRequest.call(ctx, { method: 'GET', path: '/account' });

		expect(data).toEqual({ id: 100 });
		expect(oauth.refreshCount).toBe(1);
	});

	it('a 401 that survives the refresh gets one more round, then tells the user to reconnect', async () => {
		jest.replaceProperty(retryPolicy, 'authRetryJitterMs', 1);
		api('access-1').get(`${BASE_PATH}/account`).times(2).reply(401, { error: 'invalid_token' });
		nock(new URL(TOKEN_URL).origin)
			.post(new URL(TOKEN_URL).pathname)
			.reply(200, { access_token: 'access-2' })
			.post(new URL(TOKEN_URL).pathname)
			.reply(200, { access_token: 'access-3' });
		api('access-2')
			.get(`${BASE_PATH}/account`)
			.times(3)
			.reply(401, { error: 'invalid_token', error_description: 'Access token revoked' });
		api('access-3')
			.get(`${BASE_PATH}/account`)
			.reply(401, { error: 'invalid_token', error_description: 'Access token revoked' });

		const { context: ctx, oauth } = await context();
		const error = await failure(dotloopRequest.call(ctx, { method: 'GET', path: '/account' }));

		expect(oauth.refreshCount).toBe(2);
		expect(error.message).toBe('Access token revoked');
		expect(error.httpCode).toBe('401');
		expect(error.description).toContain('reconnect');
	});

	it('recovers when another execution refreshed at the same moment and voided the new token', async () => {
		jest.replaceProperty(retryPolicy, 'authRetryJitterMs', 1);
		api('access-1').get(`${BASE_PATH}/account`).times(2).reply(401, { error: 'invalid_token' });
		nock(new URL(TOKEN_URL).origin)
			.post(new URL(TOKEN_URL).pathname)
			.reply(200, { access_token: 'access-2' })
			.post(new URL(TOKEN_URL).pathname)
			.reply(200, { access_token: 'access-3' });
		// access-2 was voided by the other execution's refresh before it could be used.
		api('access-2').get(`${BASE_PATH}/account`).times(3).reply(401, { error: 'invalid_token' });
		api('access-3')
			.get(`${BASE_PATH}/account`)
			.reply(200, { data: { id: 100 } });

		const { context: ctx } = await context();
		expect(await dotloopApiRequest.call(ctx, { method: 'GET', path: '/account' })).toEqual({
			id: 100,
		});
	});
});

describe('transport: rate limits', () => {
	it('waits X-RateLimit-Reset milliseconds after a 429 and retries', async () => {
		api()
			.get(`${BASE_PATH}/account`)
			.reply(
				429,
				{ errors: [{ detail: 'Too many requests' }] },
				{
					'X-RateLimit-Limit': '100',
					'X-RateLimit-Remaining': '0',
					'X-RateLimit-Reset': '30',
				},
			)
			.get(`${BASE_PATH}/account`)
			.reply(200, { data: { id: 1 } }, { 'X-RateLimit-Remaining': '99' });

		const { context: ctx } = await context();
		const waits = countWaits();
		const data = await dotloopApiRequest.call(ctx, { method: 'GET', path: '/account' });

		expect(data).toEqual({ id: 1 });
		expect(waits).toEqual([30]);
	});

	it('retries a 429 without headers with backoff, even for a POST (a 429 was not processed)', async () => {
		api()
			.post(`${BASE_PATH}/contact`, { firstName: 'A' })
			.reply(429, {})
			.post(`${BASE_PATH}/contact`, { firstName: 'A' })
			.reply(429, {})
			.post(`${BASE_PATH}/contact`, { firstName: 'A' })
			.reply(201, { data: { id: 7 } });

		const { context: ctx } = await context();
		const data = await dotloopApiRequest.call(ctx, {
			method: 'POST',
			path: '/contact',
			body: { firstName: 'A' },
		});

		expect(data).toEqual({ id: 7 });
	});

	it('gives up after the bounded number of 429 retries and names the limit', async () => {
		jest.replaceProperty(retryPolicy, 'maxRateLimitRetries', 2);
		api()
			.get(`${BASE_PATH}/account`)
			.times(3)
			.reply(429, { errors: [{ detail: 'Rate limit exceeded' }] });

		const { context: ctx } = await context();
		const error = await failure(dotloopRequest.call(ctx, { method: 'GET', path: '/account' }));

		expect(error.message).toBe('Rate limit exceeded');
		expect(error.httpCode).toBe('429');
		expect(error.description).toContain('100 requests per minute');
	});

	it('after Remaining reaches 0 the next request waits for the reset instead of spending a 429', async () => {
		const answered: string[] = [];
		api()
			.get(`${BASE_PATH}/a`)
			.reply(() => {
				answered.push('/a');
				return [200, { data: {} }, { 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': '60' }];
			})
			.get(`${BASE_PATH}/b`)
			.reply(() => {
				answered.push('/b');
				return [200, { data: {} }, { 'X-RateLimit-Remaining': '99', 'X-RateLimit-Reset': '60000' }];
			});

		const { context: ctx } = await context();
		const waits = countWaits();
		await dotloopRequest.call(ctx, { method: 'GET', path: '/a' });
		expect(waits).toEqual([]);
		await dotloopRequest.call(ctx, { method: 'GET', path: '/b' });

		expect(answered).toEqual(['/a', '/b']);
		expect(waits).toEqual([60]);
	});
});

describe('transport: transient failures', () => {
	it('retries 5xx on GET with backoff', async () => {
		api()
			.get(`${BASE_PATH}/account`)
			.reply(503, 'Service Unavailable')
			.get(`${BASE_PATH}/account`)
			.reply(500, {})
			.get(`${BASE_PATH}/account`)
			.reply(200, { data: { id: 1 } });

		const { context: ctx } = await context();
		expect(await dotloopApiRequest.call(ctx, { method: 'GET', path: '/account' })).toEqual({
			id: 1,
		});
	});

	it('retries a network error (connection reset) on GET', async () => {
		nock.enableNetConnect('127.0.0.1');
		let calls = 0;
		const server = await startServer((request, response) => {
			calls++;
			if (calls === 1) {
				request.socket.destroy();
				return;
			}
			response.writeHead(200, { 'Content-Type': 'application/json' });
			response.end(JSON.stringify({ data: { id: 1 } }));
		});
		try {
			const { context: ctx } = await createExecuteContext({
				params: {},
				apiBaseUrl: `${server.url}/public/v2`,
			});
			expect(await dotloopApiRequest.call(ctx, { method: 'GET', path: '/account' })).toEqual({
				id: 1,
			});
			expect(calls).toBe(2);
		} finally {
			await server.close();
			nock.disableNetConnect();
		}
	});

	it('never replays a POST or PATCH after a 5xx, and says why', async () => {
		api().post(`${BASE_PATH}/contact`).reply(502, {});

		const { context: ctx } = await context();
		const error = await failure(
			dotloopRequest.call(ctx, { method: 'POST', path: '/contact', body: { firstName: 'A' } }),
		);

		expect(error.httpCode).toBe('502');
		expect(error.description).toContain('not repeated automatically');
	});

	it('stops retrying a GET after the bounded attempts', async () => {
		api()
			.get(`${BASE_PATH}/account`)
			.times(4)
			.reply(500, { errors: [{ detail: 'Internal error' }] });

		const { context: ctx } = await context();
		const error = await failure(dotloopRequest.call(ctx, { method: 'GET', path: '/account' }));

		expect(error.message).toBe('Internal error');
		expect(error.description).toContain('sent 4 times');
	});
});

describe('transport: merged loops', () => {
	it('follows a 301 to the Location relative to the API origin and says which loop it was merged into', async () => {
		api()
			.get(`${BASE_PATH}/profile/3/loop/777/detail`)
			.reply(301, '', { Location: `${BASE_PATH}/profile/3/loop/888/detail` })
			.get(`${BASE_PATH}/profile/3/loop/888/detail`)
			.reply(200, { data: { Financials: { 'Purchase/Sale Price': '1' } } });

		const { context: ctx } = await context();
		const data = await dotloopApiRequest.call(ctx, {
			method: 'GET',
			path: '/profile/3/loop/777/detail',
		});

		expect(data).toEqual({
			Financials: { 'Purchase/Sale Price': '1' },
			mergedFromLoopId: 777,
			mergedIntoLoopId: 888,
		});
	});

	it('resends a PATCH to the merged loop', async () => {
		api()
			.patch(`${BASE_PATH}/profile/3/loop/777`, { status: 'SOLD' })
			.reply(301, '', { Location: `${BASE_PATH}/profile/3/loop/888` })
			.patch(`${BASE_PATH}/profile/3/loop/888`, { status: 'SOLD' })
			.reply(200, { data: { id: 888, status: 'SOLD' } });

		const { context: ctx } = await context();
		const data = await dotloopApiRequest.call(ctx, {
			method: 'PATCH',
			path: '/profile/3/loop/777',
			body: { status: 'SOLD' },
		});

		expect(data).toEqual({ id: 888, status: 'SOLD', mergedFromLoopId: 777, mergedIntoLoopId: 888 });
	});

	it('reads the Location of a 301 on n8n 1.x too (its errors carry no headers)', async () => {
		api()
			.get(`${BASE_PATH}/profile/3/loop/777`)
			.reply(301, '', { Location: `${BASE_PATH}/profile/3/loop/888` })
			.get(`${BASE_PATH}/profile/3/loop/888`)
			.reply(200, { data: { id: 888 } });

		const { context: ctx } = await createExecuteContext({ params: {}, n8nV1Errors: true });
		const data = await dotloopApiRequest.call(ctx, { method: 'GET', path: '/profile/3/loop/777' });

		expect(data).toEqual({ id: 888, mergedFromLoopId: 777, mergedIntoLoopId: 888 });
	});

	it('a 301 thrown without headers (n8n 1.x, right after a refresh) is resolved through the loop itself, and a POST stays a POST', async () => {
		api('access-1')
			.post(`${BASE_PATH}/profile/3/loop/777/folder`, { name: 'Offers' })
			.times(2)
			.reply(401, { error: 'invalid_token' });
		nock(new URL(TOKEN_URL).origin)
			.post(new URL(TOKEN_URL).pathname)
			.reply(200, { access_token: 'access-2' });
		api('access-2')
			.post(`${BASE_PATH}/profile/3/loop/777/folder`, { name: 'Offers' })
			.reply(301, '', { Location: `${BASE_PATH}/profile/3/loop/888/folder` })
			.get(`${BASE_PATH}/profile/3/loop/777`)
			.reply(301, '', { Location: `${BASE_PATH}/profile/3/loop/888` })
			.get(`${BASE_PATH}/profile/3/loop/888`)
			.reply(200, { data: { id: 888 } })
			.post(`${BASE_PATH}/profile/3/loop/888/folder`, { name: 'Offers' })
			.reply(201, { data: { id: 5, name: 'Offers' } });

		const { context: ctx } = await createExecuteContext({ params: {}, n8nV1Errors: true });
		const data = await dotloopApiRequest.call(ctx, {
			method: 'POST',
			path: '/profile/3/loop/777/folder',
			body: { name: 'Offers' },
		});

		expect(data).toEqual({ id: 5, name: 'Offers', mergedFromLoopId: 777, mergedIntoLoopId: 888 });
	});

	describe.each([
		['the loop only (section 5.2)', `${BASE_PATH}/profile/5/loop/888`],
		['the loop only, with a trailing slash', `${BASE_PATH}/profile/5/loop/888/`],
		['the loop and the sub-path', `${BASE_PATH}/profile/5/loop/888/folder`],
		[
			'the loop, the sub-path and the query',
			`${BASE_PATH}/profile/5/loop/888/folder?include_documents=true`,
		],
	])('a sub-resource of a merged loop, Location naming %s', (_case, location) => {
		it('asks the same sub-path with the same query once on the new loop and profile', async () => {
			api()
				.get(`${BASE_PATH}/profile/3/loop/777/folder`)
				.query({ include_documents: 'true' })
				.reply(301, '', { Location: location })
				.get(`${BASE_PATH}/profile/5/loop/888/folder`)
				.query({ include_documents: 'true' })
				.reply(200, { data: [{ id: 1, name: 'Offers' }] });

			const { context: ctx } = await context();
			const response = await dotloopRequest.call(ctx, {
				method: 'GET',
				path: '/profile/3/loop/777/folder',
				qs: { include_documents: true },
			});

			expect(response.body).toEqual({ data: [{ id: 1, name: 'Offers' }] });
			expect(response.merge).toEqual({
				fromLoopId: 777,
				toLoopId: 888,
				fromProfileId: 3,
				toProfileId: 5,
			});
		});
	});

	it('sends a loop-detail PATCH, with the same body, to the detail of the loop a Location naming only the loop leads to', async () => {
		const body = { Financials: { 'Purchase/Sale Price': '500000' } };
		api()
			.patch(`${BASE_PATH}/profile/3/loop/777/detail`, body)
			.reply(301, '', { Location: `${BASE_PATH}/profile/5/loop/888` })
			.patch(`${BASE_PATH}/profile/5/loop/888/detail`, body)
			.reply(200, { data: body });

		const { context: ctx } = await context();
		const data = await dotloopApiRequest.call(ctx, {
			method: 'PATCH',
			path: '/profile/3/loop/777/detail',
			body,
		});

		expect(data).toEqual({
			...body,
			mergedFromLoopId: 777,
			mergedIntoLoopId: 888,
			mergedIntoProfileId: 5,
		});
	});

	it('a sub-resource 301 without a Location asks the loop itself and keeps the sub-path on the loop and profile it names', async () => {
		api()
			.get(`${BASE_PATH}/profile/3/loop/777/detail`)
			.reply(301, '')
			.get(`${BASE_PATH}/profile/3/loop/777`)
			.reply(301, '', { Location: `${BASE_PATH}/profile/5/loop/888` })
			.get(`${BASE_PATH}/profile/5/loop/888`)
			.reply(200, { data: { id: 888 } })
			.get(`${BASE_PATH}/profile/5/loop/888/detail`)
			.reply(200, { data: { Property: { City: 'Austin' } } });

		const { context: ctx } = await context();
		const data = await dotloopApiRequest.call(ctx, {
			method: 'GET',
			path: '/profile/3/loop/777/detail',
		});

		expect(data).toEqual({
			Property: { City: 'Austin' },
			mergedFromLoopId: 777,
			mergedIntoLoopId: 888,
			mergedIntoProfileId: 5,
		});
	});

	it.each([
		['the loop answers 301 without a Location too', 301],
		['the loop itself answers (it was not merged)', 200],
	])(
		'a 301 without a Location fails naming the loop when %s, and nothing is sent elsewhere',
		async (_case, loopStatus) => {
			api()
				.patch(`${BASE_PATH}/profile/3/loop/777/detail`, { Property: { City: 'Austin' } })
				.reply(301, '')
				.get(`${BASE_PATH}/profile/3/loop/777`)
				.reply(loopStatus, loopStatus === 200 ? { data: { id: 777 } } : '');

			const { context: ctx } = await context();
			const error = await failure(
				dotloopRequest.call(ctx, {
					method: 'PATCH',
					path: '/profile/3/loop/777/detail',
					body: { Property: { City: 'Austin' } },
				}),
			);

			expect(error).toBeInstanceOf(NodeApiError);
			expect(error.message).toBe(
				'Dotloop answered HTTP 301 for loop 777 without saying where it moved (no Location header)',
			);
			expect(error.httpCode).toBe('301');
			expect(error.description).toBe(
				"Dotloop answers 301 for a loop that was merged into another one and names the new loop in the Location header; this answer named none. Open the loop in Dotloop to find the loop it was merged into and use that loop's ID.",
			);
		},
	);

	it('a 301 without a Location on a path without a loop fails saying so', async () => {
		api().get(`${BASE_PATH}/account`).reply(301, '');

		const { context: ctx } = await context();
		const error = await failure(dotloopRequest.call(ctx, { method: 'GET', path: '/account' }));

		expect(error.message).toBe(
			'Dotloop answered HTTP 301 for GET /account without saying where it moved (no Location header)',
		);
		expect(error.description).toBe('The request was not sent anywhere else.');
	});

	it('on n8n 1.x a 429 still waits for X-RateLimit-Reset', async () => {
		api()
			.get(`${BASE_PATH}/account`)
			.reply(429, {}, { 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': '40' })
			.get(`${BASE_PATH}/account`)
			.reply(200, { data: { id: 1 } });
		jest.replaceProperty(retryPolicy, 'rateLimitBackoffMs', 5000);

		const { context: ctx } = await createExecuteContext({ params: {}, n8nV1Errors: true });
		const waits = countWaits();
		expect(await dotloopApiRequest.call(ctx, { method: 'GET', path: '/account' })).toEqual({
			id: 1,
		});
		// The reset Dotloop named, not the 5 s backoff.
		expect(waits).toEqual([40]);
	});

	it.each([
		[
			'another host',
			'https://collector.example/public/v2/profile/3/loop/888',
			'https://collector.example/public/v2/profile/3/loop/888',
		],
		[
			'another port',
			'https://api.test.dotloop.local:8443/public/v2/profile/3/loop/888',
			'https://api.test.dotloop.local:8443/public/v2/profile/3/loop/888',
		],
		[
			'http instead of https',
			'http://api.test.dotloop.local/public/v2/profile/3/loop/888',
			'http://api.test.dotloop.local/public/v2/profile/3/loop/888',
		],
		[
			'a path outside the API base',
			'/public/v2-evil/profile/3/loop/888?token=x',
			'https://api.test.dotloop.local/public/v2-evil/profile/3/loop/888',
		],
		['the origin root', '/', 'https://api.test.dotloop.local/'],
	])(
		'refuses a redirect to %s and sends the token nowhere else',
		async (_case, location, shown) => {
			let elsewhere = 0;
			const answer = (): [number, object] => [200, { data: { id: elsewhere++ } }];
			nock('https://collector.example').get(/.*/).optionally().reply(answer);
			nock('https://api.test.dotloop.local:8443').get(/.*/).optionally().reply(answer);
			nock('http://api.test.dotloop.local').get(/.*/).optionally().reply(answer);
			api()
				.get(/^\/(?!public\/v2\/profile\/3\/loop\/777$)/)
				.optionally()
				.reply(answer);
			api().get(`${BASE_PATH}/profile/3/loop/777`).reply(301, '', { Location: location });

			const { context: ctx } = await context();
			const error = await failure(
				dotloopRequest.call(ctx, { method: 'GET', path: '/profile/3/loop/777' }),
			);

			expect(elsewhere).toBe(0);
			expect(error).toBeInstanceOf(NodeApiError);
			expect(error.message).toBe(
				`Dotloop redirected (HTTP 301) to ${shown}, outside the API base URL https://api.test.dotloop.local/public/v2`,
			);
			expect(error.httpCode).toBe('301');
			expect(error.description).toBe(
				'The redirect was not followed, so the Dotloop token was not sent there. Check the API Base URL of the Dotloop credential.',
			);
			nock.cleanAll();
		},
	);

	it('asks a merged loop where it went without letting the HTTP client follow it elsewhere', async () => {
		api('access-1')
			.post(`${BASE_PATH}/profile/3/loop/777/folder`, { name: 'Offers' })
			.times(2)
			.reply(401, { error: 'invalid_token' });
		nock(new URL(TOKEN_URL).origin)
			.post(new URL(TOKEN_URL).pathname)
			.reply(200, { access_token: 'access-2' });
		api('access-2')
			.post(`${BASE_PATH}/profile/3/loop/777/folder`, { name: 'Offers' })
			.reply(301, '')
			.get(`${BASE_PATH}/profile/3/loop/777`)
			.reply(301, '', { Location: 'https://collector.example/loop/888' });
		let elsewhere = 0;
		nock('https://collector.example')
			.get(/.*/)
			.optionally()
			.reply(() => [200, { data: { id: ++elsewhere } }]);

		const { context: ctx } = await createExecuteContext({ params: {}, n8nV1Errors: true });
		const error = await failure(
			dotloopRequest.call(ctx, {
				method: 'POST',
				path: '/profile/3/loop/777/folder',
				body: { name: 'Offers' },
			}),
		);

		expect(elsewhere).toBe(0);
		expect(error.message).toBe(
			'Dotloop redirected (HTTP 301) to https://collector.example/loop/888, outside the API base URL https://api.test.dotloop.local/public/v2',
		);
		nock.cleanAll();
	});

	it('does not follow redirects forever', async () => {
		api()
			.get(`${BASE_PATH}/profile/3/loop/1`)
			.times(4)
			.reply(301, '', { Location: `${BASE_PATH}/profile/3/loop/1` });

		const { context: ctx } = await context();
		const error = await failure(
			dotloopRequest.call(ctx, { method: 'GET', path: '/profile/3/loop/1' }),
		);

		expect(error.httpCode).toBe('301');
	});
});
