import { NodeApiError, sleep } from 'n8n-workflow';
import type {
	IDataObject,
	IHttpRequestMethods,
	IHttpRequestOptions,
	JsonObject,
} from 'n8n-workflow';

import { DOTLOOP_API_BASE_URL } from '../../../credentials/DotloopOAuth2Api.credentials';
import { CREDENTIAL_NAME, type DotloopContext } from './context';
import { clip, toDotloopApiError } from './errors';
import { describeFailure, readFailureBody, type HttpFailure } from './failure';
import { awaitRateLimitWindow, blockUntilReset, observeRateLimit, resetDelay } from './rateLimit';
import { retryPolicy } from './retryPolicy';
import { tokenAccepted } from './tokenFreshness';

export interface DotloopRequest {
	method: IHttpRequestMethods;
	/** Path relative to the API base, e.g. `/profile/1/loop`. */
	path: string;
	qs?: IDataObject;
	body?: IDataObject | FormData | Blob;
	headers?: Record<string, string>;
	/** Answer the body as a stream (document download) instead of parsed JSON. */
	stream?: boolean;
	/** Explanations that replace the default one for a status, e.g. `{ 403: '…' }`. */
	hints?: Partial<Record<number, string>>;
	/** Internal: this request asks a merged loop where it went; it must not ask again. */
	resolvingMerge?: boolean;
}

export interface LoopMerge {
	fromLoopId: number;
	toLoopId: number;
}

export interface DotloopResponse<T = IDataObject> {
	body: T;
	headers: Record<string, unknown>;
	statusCode: number;
	/** Set when the loop in the path had been merged and Dotloop redirected (301) to its successor. */
	merge?: LoopMerge;
}

/** Records read through a merged loop say so, so workflows can update the loop IDs they keep. */
export function annotateMerge(record: IDataObject, merge: LoopMerge | undefined): IDataObject {
	return merge
		? { ...record, mergedFromLoopId: merge.fromLoopId, mergedIntoLoopId: merge.toLoopId }
		: record;
}

/** The `data` object of a single-record answer. */
export async function dotloopApiRequest(
	this: DotloopContext,
	request: DotloopRequest,
): Promise<IDataObject> {
	const { body, merge } = (await dotloopRequest.call(this, request)) as DotloopResponse<{
		data?: IDataObject;
	}>;
	return annotateMerge(body?.data ?? {}, merge);
}

const IDEMPOTENT = new Set(['GET', 'HEAD']);
const baseUrlByContext = new WeakMap<object, Promise<string>>();

async function apiBaseUrl(this: DotloopContext): Promise<string> {
	let pending = baseUrlByContext.get(this);
	if (!pending) {
		pending = this.getCredentials(CREDENTIAL_NAME).then((credentials) =>
			String(credentials.apiBaseUrl || DOTLOOP_API_BASE_URL).replace(/\/+$/, ''),
		);
		baseUrlByContext.set(this, pending);
	}
	return await pending;
}

/** One key per credential: for the rate limit, which is per user and client, and token freshness. */
export function rateLimitKey(this: DotloopContext): string {
	return this.getNode().credentials?.[CREDENTIAL_NAME]?.id ?? this.getNode().id ?? 'default';
}

function loopIdIn(path: string): number | undefined {
	const match = /\/loop\/(\d+)/.exec(path);
	return match ? Number(match[1]) : undefined;
}

/** `…/loop/777/detail` → `…/loop/` + 777 + `/detail`. */
function splitAtLoopId(url: string): { head: string; loopId: number; tail: string } | undefined {
	const match = /^(.*\/loop\/)(\d+)(.*)$/.exec(url);
	return match ? { head: match[1], loopId: Number(match[2]), tail: match[3] } : undefined;
}

/**
 * n8n 1.x drops the headers of a failed request, so a 301 can arrive without its Location. Then ask
 * for the loop itself (its 301 comes with a Location, followed like any other): the loop it lands on is
 * the one the old loop was merged into. (Resending the original request blindly is not safe: a client
 * following a redirected POST turns it into a GET.)
 */
async function mergedLoopId(this: DotloopContext, loopPath: string): Promise<number | undefined> {
	const { body } = (await dotloopRequest.call(this, {
		method: 'GET',
		path: loopPath,
		resolvingMerge: true,
	})) as DotloopResponse<{ data?: IDataObject }>;
	const id = Number(body?.data?.id);
	return Number.isSafeInteger(id) && id > 0 ? id : undefined;
}

/** Resolves a Location header (`/public/v2/profile/3/loop/30004`) against the API's origin. */
function redirectTarget(base: string, location: string): URL | undefined {
	try {
		return new URL(location, `${base}/`);
	} catch {
		return undefined;
	}
}

/** A redirect is followed (with the token) only inside the API base URL: same origin, same path prefix. */
function insideApi(base: string, target: URL): boolean {
	const api = new URL(base);
	return target.origin === api.origin && `${target.pathname}/`.startsWith(`${api.pathname}/`);
}

function redirectRefused(
	this: DotloopContext,
	base: string,
	target: URL,
	status: number,
): NodeApiError {
	const where = clip(`${target.origin}${target.pathname}`, 120);
	return new NodeApiError(
		this.getNode(),
		{ status, location: where },
		{
			message: `Dotloop redirected (HTTP ${status}) to ${where}, outside the API base URL ${base}`,
			description:
				'The redirect was not followed, so the Dotloop token was not sent there. Check the API Base URL of the Dotloop credential.',
			httpCode: String(status),
		},
	);
}

function retryDelay(failure: HttpFailure, method: string, attempt: number): number | undefined {
	if (failure.status === 429) {
		if (attempt >= retryPolicy.maxRateLimitRetries) return undefined;
		return (
			resetDelay(failure.headers) ??
			Math.min(retryPolicy.rateLimitBackoffMs * 2 ** attempt, retryPolicy.maxSingleWaitMs)
		);
	}
	const transient = failure.network || (failure.status !== undefined && failure.status >= 500);
	if (!transient || !IDEMPOTENT.has(method)) return undefined;
	if (attempt >= retryPolicy.maxTransientRetries) return undefined;
	return Math.min(retryPolicy.transientBackoffMs * 2 ** attempt, retryPolicy.maxSingleWaitMs);
}

interface RawResponse<T> {
	body: T;
	headers: Record<string, unknown>;
	statusCode: number;
}

/**
 * Sends once and answers the HTTP response whatever its status, so headers (Location, X-RateLimit-*)
 * are never lost: n8n 1.x drops them from the errors it throws. n8n refreshes the OAuth2 token only
 * when a request throws a 401, so a 401 answer is asked again the way n8n expects (refresh, retry).
 */
async function send<T>(
	this: DotloopContext,
	options: IHttpRequestOptions,
): Promise<RawResponse<T> | HttpFailure> {
	const call = async (ignoreHttpStatusErrors: boolean) =>
		(await this.helpers.httpRequestWithAuthentication.call(this, CREDENTIAL_NAME, {
			...options,
			ignoreHttpStatusErrors,
		})) as RawResponse<T>;
	try {
		const response = await call(true);
		if (response.statusCode !== 401) return response;
		(response.body as { destroy?: () => void } | undefined)?.destroy?.();
		return await call(false);
	} catch (error) {
		const failure = describeFailure(error);
		// Only an HTTP answer or a connection failure (a system error code) is Dotloop's. Anything else is
		// n8n's own (a credential to reconnect, one never connected): it reaches the user as n8n words it.
		if (failure.status === undefined && failure.code === undefined) {
			throw new NodeApiError(this.getNode(), error as JsonObject);
		}
		return failure;
	}
}

function isFailure<T>(result: RawResponse<T> | HttpFailure): result is HttpFailure {
	return !('statusCode' in result);
}

/**
 * The one place that talks to Dotloop. n8n's helper signs the request with the OAuth2 token and
 * refreshes it on a 401. Around it: the rate-limit window, retries of 429s (any method: a 429 was
 * not processed) and of transient failures (idempotent methods only), merged-loop redirects, and error
 * mapping to a NodeApiError that carries Dotloop's own messages.
 */
export async function dotloopRequest<T = IDataObject>(
	this: DotloopContext,
	request: DotloopRequest,
): Promise<DotloopResponse<T>> {
	const base = await apiBaseUrl.call(this);
	const key = rateLimitKey.call(this);
	const method = request.method;
	let url = `${base}${request.path}`;
	let merge: LoopMerge | undefined;
	let redirects = 0;
	let retries = 0;
	let authRetries = 0;
	let attempts = 0;
	let waitedMs = 0;

	for (;;) {
		waitedMs += await awaitRateLimitWindow(key);
		const options: IHttpRequestOptions = {
			method,
			url,
			qs: request.qs,
			body: request.body,
			headers: request.headers,
			json: !request.stream,
			returnFullResponse: true,
			// Redirects are followed below, only inside the API base URL, never by the HTTP client.
			disableFollowRedirect: true,
		};
		if (request.stream) options.encoding = 'stream';
		attempts++;
		const result = (await send.call(this, options)) as RawResponse<T> | HttpFailure;
		const failure: HttpFailure = isFailure(result)
			? result
			: {
					status: result.statusCode,
					headers: result.headers ?? {},
					data: result.body,
					network: false,
				};
		observeRateLimit(key, failure.headers);
		if (!isFailure(result) && result.statusCode < 300) {
			tokenAccepted(key);
			return { body: result.body, headers: result.headers, statusCode: result.statusCode, merge };
		}

		if (
			(failure.status === 301 || failure.status === 308) &&
			redirects < retryPolicy.maxRedirects
		) {
			const location = failure.headers.location ?? failure.headers.Location;
			const to = typeof location === 'string' ? redirectTarget(base, location) : undefined;
			if (to && !insideApi(base, to)) throw redirectRefused.call(this, base, to, failure.status);
			let target = to?.toString();
			const from = splitAtLoopId(url);
			if (!target && from && url.startsWith(base) && !request.resolvingMerge) {
				const toLoopId = await mergedLoopId.call(
					this,
					`${from.head}${from.loopId}`.slice(base.length),
				);
				if (toLoopId !== undefined) target = `${from.head}${toLoopId}${from.tail}`;
			}
			if (target) {
				redirects++;
				const fromLoopId = merge?.fromLoopId ?? loopIdIn(request.path);
				const toLoopId = loopIdIn(target);
				if (fromLoopId !== undefined && toLoopId !== undefined) merge = { fromLoopId, toLoopId };
				url = target;
				continue;
			}
		}
		if (failure.status === 401 && authRetries < retryPolicy.maxAuthRetries) {
			authRetries++;
			await sleep(Math.floor(Math.random() * retryPolicy.authRetryJitterMs));
			continue;
		}
		const delay = retryDelay(failure, method, retries);
		if (delay !== undefined && waitedMs + delay <= retryPolicy.maxTotalWaitMs) {
			retries++;
			if (failure.status === 429) {
				blockUntilReset(key, delay);
			} else {
				await sleep(delay);
				waitedMs += delay;
			}
			continue;
		}
		const body = await readFailureBody(failure.data);
		throw toDotloopApiError(this.getNode(), failure, body, {
			method,
			path: request.path,
			attempts,
			waitedMs,
			hints: request.hints,
		});
	}
}
