/**
 * Everything the transport does only because of how n8n behaves, in one place. When n8n is upgraded,
 * each entry names the n8n code it depends on (paths in https://github.com/n8n-io/n8n) and the e2e
 * test that pins it against a real n8n (test/e2e/tests/…), so a failing test points here at once.
 *
 * 1. Every response is read with `ignoreHttpStatusErrors`: n8n 1.x's NodeApiError keeps neither the
 *    HTTP client's error nor its response headers, so a failure thrown by n8n loses the Location of a
 *    merged loop's 301 and X-RateLimit-Reset. → sendThroughN8n.
 *    n8n: packages/core/src/execution-engine/node-execution-context/utils/request-helper-functions.ts
 *    (httpRequestWithAuthentication wraps every failure in `new NodeApiError(node, error)`) and
 *    packages/workflow/src/errors/node-api.error.ts.
 *    e2e: operations "a merged loop: Get and sub-resource reads follow Dotloop's 301 to the loop it was
 *    merged into, and say so"; resilience "a 429 is retried when Dotloop says the window resets
 *    (X-RateLimit-Reset), not after a blind backoff".
 *
 * 2. A 401 is asked again without `ignoreHttpStatusErrors`: n8n refreshes an OAuth2 token only when
 *    the request throws with `error.response.status === 401` (requestOAuth2, same file as above), so a
 *    401 answered as a response would never refresh. → sendThroughN8n.
 *    e2e: resilience "token refresh: the token expires mid-workflow, n8n refreshes it once, the
 *    workflow succeeds and the new token is stored".
 *
 * 3. One more refresh round after a 401 that survived n8n's own refresh: Dotloop voids the old token
 *    on every refresh, and n8n 1.x does not coordinate executions refreshing at once, so they can void
 *    each other's new token; the next round reads the token stored last. → anotherRefreshRound.
 *    n8n: requestOAuth2 (above) stores the refreshed token with credentialsHelper.updateCredentials.
 *    e2e: test/e2e/queue/queue-mode.queue.test.js "4. token refresh race: …".
 *
 * 4. The HTTP failure is found by walking `cause` chains: n8n 2.x keeps the HTTP client's error as
 *    the NodeApiError's cause (sometimes nested); n8n 1.x drops it and leaves only `httpCode`, where a
 *    system error's code (ECONNRESET, CERT_HAS_EXPIRED) then survives. → findResponse, findCode,
 *    systemCodeIn. Unit: test/unit/transport/n8nErrors.test.ts and request.test.ts (n8nV1Errors).
 *    e2e: resilience "rate limit and faults: 40 items through a lowered limit, 5xx and 429 answers;
 *    every item done, nothing surfaced".
 *
 * 5. n8n's own errors are told from Dotloop's: a failure with neither an HTTP status nor a system
 *    error code is n8n's (a credential to reconnect, "OAuth credentials not connected" thrown by
 *    requestOAuth2, a refresh the token endpoint refused) and reaches the user as n8n words it.
 *    EAUTH looks like a system code but is the AuthError of n8n's OAuth2 client
 *    (packages/@n8n/client-oauth2/src/utils.ts). → isN8nOwnFailure, isSystemCode.
 *    e2e: resilience "reconnect: a revoked grant reaches the user as n8n's own error, with and without
 *    Continue On Fail".
 *
 * 6. A merged loop's 301 without its Location (n8n 1.x dropped the headers): ask the loop itself,
 *    whose own 301 comes with a Location. → see loopMergedInto in request.ts.
 *    e2e: operations "a merged loop: …" under n8n 1.x.
 *
 * Not in the transport: the Dotloop Trigger's version 1.1 (DotloopTrigger.node.ts) exists only
 * because n8n evaluates a legacy binary-data option on every delivery to a version-1 webhook trigger
 * (packages/cli/src/webhooks/webhook-helpers.ts); it changes nothing in the node.
 */
import { NodeApiError, sleep } from 'n8n-workflow';
import type { IDataObject, IHttpRequestOptions, JsonObject } from 'n8n-workflow';

import { CREDENTIAL_NAME, type DotloopContext } from './context';
import { NETWORK_CODES, type HttpFailure } from './failure';
import { retryPolicy } from './retryPolicy';

export interface RawResponse<T> {
	body: T;
	headers: Record<string, unknown>;
	statusCode: number;
}

/**
 * Sends once through n8n's OAuth2 helper and answers the HTTP response whatever its status (1), a
 * 401 asked again the way n8n refreshes (2); a failure without an answer is described (4), unless it
 * is n8n's own (5).
 */
export async function sendThroughN8n<T>(
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
		if (isN8nOwnFailure(failure)) throw new NodeApiError(this.getNode(), error as JsonObject);
		return failure;
	}
}

/** Only an HTTP answer or a connection failure (a system error code) is Dotloop's (5). */
function isN8nOwnFailure(failure: HttpFailure): boolean {
	return failure.status === undefined && failure.code === undefined;
}

/**
 * After a 401 that survived n8n's refresh: true, after a short random wait, while another round is
 * allowed (3); the caller then sends again and n8n refreshes again.
 */
export async function anotherRefreshRound(failure: HttpFailure, rounds: number): Promise<boolean> {
	if (failure.status !== 401 || rounds >= retryPolicy.maxAuthRetries) return false;
	await sleep(Math.floor(Math.random() * retryPolicy.authRetryJitterMs));
	return true;
}

interface ResponseLike {
	status?: number;
	statusCode?: number;
	headers?: Record<string, unknown>;
	data?: unknown;
	body?: unknown;
}

/** The HTTP response anywhere in an error's `cause` chain (4). */
function findResponse(error: IDataObject | undefined, depth = 0): ResponseLike | undefined {
	if (!error || typeof error !== 'object' || depth > 4) return undefined;
	const response = error.response as ResponseLike | undefined;
	if (response && typeof response === 'object' && (response.status ?? response.statusCode)) {
		return response;
	}
	return findResponse(error.cause as IDataObject | undefined, depth + 1);
}

/** The first error code in an error's `cause` chain that `accept` takes (4). */
function findCode(
	error: IDataObject | undefined,
	accept: (code: string) => boolean,
	depth = 0,
): string | undefined {
	if (!error || typeof error !== 'object' || depth > 4) return undefined;
	if (typeof error.code === 'string' && accept(error.code)) return error.code;
	return findCode(error.cause as IDataObject | undefined, accept, depth + 1);
}

const SYSTEM_PATTERN =
	/^E[A-Z_]+$|^ERR_[A-Z_]+$|^[A-Z_]+_ERR$|^(?:CERT|DEPTH|SELF_SIGNED|UNABLE_TO)_[A-Z_]+$/;

/** A connection-level error code; EAUTH is n8n's OAuth2 client refusing a token refresh (5). */
function isSystemCode(code: string): boolean {
	return code !== 'EAUTH' && SYSTEM_PATTERN.test(code);
}

/** n8n 1.x drops the cause of its NodeApiError; a system error's code then survives as its httpCode (4). */
function systemCodeIn(error: IDataObject | undefined): string | undefined {
	const httpCode = typeof error?.httpCode === 'string' ? error.httpCode : undefined;
	return httpCode && isSystemCode(httpCode) ? httpCode : undefined;
}

/** What a failed HTTP call looked like, taken out of whatever n8n's helpers threw (4). */
function describeFailure(error: unknown): HttpFailure {
	const err = error as IDataObject;
	const response = findResponse(err);
	if (response) {
		return {
			status: Number(response.status ?? response.statusCode),
			headers: response.headers ?? {},
			data: response.data ?? response.body,
			network: false,
		};
	}
	const code =
		findCode(err, (c) => NETWORK_CODES.has(c)) ?? systemCodeIn(err) ?? findCode(err, isSystemCode);
	const httpCode = Number(err?.httpCode);
	if (!code && Number.isInteger(httpCode) && httpCode >= 100) {
		return {
			status: httpCode,
			headers: {},
			data: (err.context as IDataObject | undefined)?.data,
			network: false,
		};
	}
	return { headers: {}, network: code !== undefined && NETWORK_CODES.has(code), code };
}
