import { sleep } from 'n8n-workflow';
import type { IDataObject, IHttpRequestMethods, IHttpRequestOptions } from 'n8n-workflow';

import { DOTLOOP_API_BASE_URL } from '../../../credentials/DotloopOAuth2Api.credentials';
import { CREDENTIAL_NAME, type DotloopContext } from './context';
import { toDotloopApiError } from './errors';
import { readFailureBody, type HttpFailure } from './failure';
import { anotherRefreshRound, sendThroughN8n, type RawResponse } from './n8nWorkarounds';
import { blockUntilReset, releaseRateLimitSlot, resetDelay, takeRateLimitSlot } from './rateLimit';
import {
	insideApi,
	isRedirect,
	mergeAfter,
	movedToLoop,
	redirectRefused,
	redirectTarget,
	redirectWithoutLocation,
	resolveLocation,
	splitAtLoopId,
	type LoopMerge,
} from './redirect';
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
	/** The message of a 404 in words that name where the record was looked for; Dotloop's go to the description. */
	notFound?: string;
	/** Internal: this request asks a merged loop where it went; it must not ask again. */
	resolvingMerge?: boolean;
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
	return merge ? { ...record, ...mergeFields(merge) } : record;
}

/** mergedFromLoopId / mergedIntoLoopId, and mergedIntoProfileId when the merge moved the loop to another profile. */
export function mergeFields(merge: LoopMerge): IDataObject {
	const fields: IDataObject = {
		mergedFromLoopId: merge.fromLoopId,
		mergedIntoLoopId: merge.toLoopId,
	};
	if (merge.toProfileId !== undefined && merge.toProfileId !== merge.fromProfileId) {
		fields.mergedIntoProfileId = merge.toProfileId;
	}
	return fields;
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

/**
 * Where a redirect leads: its Location, refused outside the API base URL, with the request's sub-path
 * kept on a Location that names only the loop (redirectTarget). A merged loop's 301 without its
 * Location (n8n 1.x can drop it, see n8nWorkarounds.ts; a sub-resource's 301 may carry none) asks the
 * loop itself, whose own 301 has one (section 5.2); with none there either, it fails naming the loop.
 */
async function redirectTo(
	this: DotloopContext,
	base: string,
	url: string,
	failure: HttpFailure,
	request: DotloopRequest,
): Promise<string> {
	const location = failure.headers.location ?? failure.headers.Location;
	const to = typeof location === 'string' ? resolveLocation(base, location) : undefined;
	if (to && !insideApi(base, to)) {
		throw redirectRefused(this.getNode(), base, to, Number(failure.status));
	}
	if (to) return redirectTarget(url, to);
	const asked = splitAtLoopId(url);
	if (asked && url.startsWith(base) && !request.resolvingMerge) {
		const merge = await loopMergedInto.call(
			this,
			`${asked.head}${asked.loopId}`.slice(base.length),
		);
		const target = merge && movedToLoop(url, merge);
		if (target) return target;
	}
	throw redirectWithoutLocation(
		this.getNode(),
		request.method,
		url.slice(base.length),
		Number(failure.status),
	);
}

/**
 * Where the loop at `loopPath` went: the merge its own 301 reveals. (Resending the original request
 * blindly is not safe: a client following a redirected POST turns it into a GET.)
 */
async function loopMergedInto(
	this: DotloopContext,
	loopPath: string,
): Promise<LoopMerge | undefined> {
	const { merge } = await dotloopRequest.call(this, {
		method: 'GET',
		path: loopPath,
		resolvingMerge: true,
	});
	return merge;
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

/** A 429 holds the credential's window (every request waits for it); other retries wait here. */
async function waitBeforeRetry(key: string, failure: HttpFailure, delay: number): Promise<number> {
	if (failure.status === 429) {
		blockUntilReset(key, delay);
		return 0;
	}
	await sleep(delay);
	return delay;
}

function httpOptions(request: DotloopRequest, url: string): IHttpRequestOptions {
	const options: IHttpRequestOptions = {
		method: request.method,
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
	return options;
}

function isFailure<T>(result: RawResponse<T> | HttpFailure): result is HttpFailure {
	return !('statusCode' in result);
}

function asFailure<T>(result: RawResponse<T> | HttpFailure): HttpFailure {
	return isFailure(result)
		? result
		: {
				status: result.statusCode,
				headers: result.headers ?? {},
				data: result.body,
				network: false,
			};
}

/**
 * The one place that talks to Dotloop. n8n's helper signs the request with the OAuth2 token and
 * refreshes it on a 401 (n8nWorkarounds.ts). Around it: the rate-limit window, retries of 429s (any
 * method: a 429 was not processed) and of transient failures (idempotent methods only), merged-loop
 * redirects, and error mapping to a NodeApiError that carries Dotloop's own messages.
 */
export async function dotloopRequest<T = IDataObject>(
	this: DotloopContext,
	request: DotloopRequest,
): Promise<DotloopResponse<T>> {
	const base = await apiBaseUrl.call(this);
	const key = rateLimitKey.call(this);
	let url = `${base}${request.path}`;
	let merge: LoopMerge | undefined;
	let [redirects, retries, refreshRounds, attempts, waitedMs] = [0, 0, 0, 0, 0];

	for (;;) {
		waitedMs += await takeRateLimitSlot(key);
		attempts++;
		const sentAt = Date.now();
		let result: RawResponse<T> | HttpFailure | undefined;
		try {
			result = (await sendThroughN8n.call(this, httpOptions(request, url))) as
				| RawResponse<T>
				| HttpFailure;
		} finally {
			// Also when n8n itself threw (e.g. a credential to reconnect): the slot is given back.
			releaseRateLimitSlot(key, result?.headers, sentAt);
		}
		const failure = asFailure(result);
		if (!isFailure(result) && result.statusCode < 300) {
			tokenAccepted(key);
			return { body: result.body, headers: result.headers, statusCode: result.statusCode, merge };
		}
		if (isRedirect(failure.status) && redirects < retryPolicy.maxRedirects) {
			const target = await redirectTo.call(this, base, url, failure, request);
			redirects++;
			merge = mergeAfter(merge, request.path, target);
			url = target;
			continue;
		}
		if (await anotherRefreshRound(failure, refreshRounds)) {
			refreshRounds++;
			continue;
		}
		const delay = retryDelay(failure, request.method, retries);
		if (delay !== undefined && waitedMs + delay <= retryPolicy.maxTotalWaitMs) {
			retries++;
			waitedMs += await waitBeforeRetry(key, failure, delay);
			continue;
		}
		throw toDotloopApiError(this.getNode(), failure, await readFailureBody(failure.data), {
			method: request.method,
			path: request.path,
			attempts,
			waitedMs,
			hints: request.hints,
			notFound: request.notFound,
		});
	}
}
