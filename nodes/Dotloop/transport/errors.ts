import { NodeApiError } from 'n8n-workflow';
import type { IDataObject, INode, JsonObject } from 'n8n-workflow';

import type { HttpFailure } from './failure';

interface FailureContext {
	method: string;
	path: string;
	/** How many times the request was sent. */
	attempts: number;
	/** Milliseconds spent waiting on rate limits and backoff. */
	waitedMs: number;
	/** Overrides the default explanation for a status (e.g. document download 403). */
	hints?: Partial<Record<number, string>>;
	/** The message of a 404 naming where the record was looked for (Dotloop's own words then open the description). */
	notFound?: string;
}

interface DotloopErrorItem {
	code?: string | number;
	detail?: string;
	source?: { pointer?: string; parameter?: string };
}

const DESCRIPTIONS: Record<number, string> = {
	400: 'Dotloop could not accept the request as sent. Check the fields named above.',
	401: 'The Dotloop connection is no longer authorized and could not be refreshed (access revoked or refresh token expired). Open the Dotloop OAuth2 API credential and reconnect it.',
	403: 'Dotloop refused access. Loops exist only on INDIVIDUAL profiles (not OFFICE, TEAM, COMPANY, …); also check that your Dotloop API client has the scope for this operation and that the connected user may access this record.',
	404: 'The record does not exist or the connected user cannot see it. Check the IDs (a loop ID is the viewId at the end of the loop URL).',
	422: 'Dotloop understood the request but rejected its values. Check the fields named above.',
	429: "Dotloop's rate limit (100 requests per minute per user and API client) was still exceeded after waiting and retrying. Lower the number of items per run or spread runs out.",
};

/** A value as an error message quotes it: cut to a readable length, saying how long it was. */
export function clip(value: unknown, max = 60): string {
	const text = String(value);
	return text.length <= max ? text : `${text.slice(0, max)}… (${text.length} characters)`;
}

function dotloopErrors(body: unknown): DotloopErrorItem[] {
	const errors = (body as IDataObject | undefined)?.errors;
	return Array.isArray(errors) ? (errors as DotloopErrorItem[]) : [];
}

/** Dotloop's own words: every errors[].detail, else OAuth-style error fields, else a short text body. */
function dotloopErrorDetails(body: unknown): string[] {
	const items = dotloopErrors(body);
	if (items.length) {
		return items.map((item) => {
			const source = item.source?.parameter ?? item.source?.pointer;
			// `/data/attributes/name` → `name`: named only when Dotloop's text does not already say it.
			const field = source?.split('/').filter(Boolean).pop();
			const text = item.detail ?? (item.code !== undefined ? `error code ${item.code}` : 'error');
			return field && !text.toLowerCase().includes(field.toLowerCase())
				? `${text} (${field})`
				: text;
		});
	}
	const object = body as IDataObject | undefined;
	if (object && typeof object === 'object') {
		const text = object.error_description ?? object.message ?? object.error;
		if (typeof text === 'string' && text) return [text];
	}
	if (typeof body === 'string' && body.trim() && body.length < 500 && !body.includes('<')) {
		return [body.trim()];
	}
	return [];
}

function fallbackMessage(failure: HttpFailure): string {
	if (failure.status === undefined) {
		return `Could not reach Dotloop${failure.code ? ` (${failure.code})` : ''}`;
	}
	return `Dotloop answered HTTP ${failure.status}`;
}

function describe(failure: HttpFailure, context: FailureContext): string {
	const { status } = failure;
	const hint = status !== undefined ? context.hints?.[status] : undefined;
	if (hint) return hint;
	if (status !== undefined && DESCRIPTIONS[status]) return DESCRIPTIONS[status];
	const retried = context.attempts > 1 ? ` It was sent ${context.attempts} times.` : '';
	if (status === undefined || status >= 500) {
		const idempotent = context.method === 'GET';
		return idempotent
			? `Dotloop did not answer successfully.${retried} Try again later.`
			: `Dotloop did not answer successfully. A ${context.method} is not repeated automatically because it may already have taken effect: check Dotloop before running it again.`;
	}
	return `The request ${context.method} ${context.path} failed.`;
}

/**
 * A NodeApiError built only from what is safe to show: Dotloop's status, its error items and our
 * explanation. The HTTP client's own error (which holds the request and its Authorization header)
 * is never attached.
 */
export function toDotloopApiError(
	node: INode,
	failure: HttpFailure,
	body: unknown,
	context: FailureContext,
): NodeApiError {
	const details = dotloopErrorDetails(body);
	let message = details.length ? details.join('; ') : fallbackMessage(failure);
	let description = describe(failure, context);
	if (failure.status === 404 && context.notFound) {
		if (details.length) description = `Dotloop answered: ${message}. ${description}`;
		message = context.notFound;
	}
	const safeResponse: JsonObject = {
		status: failure.status ?? null,
		method: context.method,
		path: context.path,
		errors: dotloopErrors(body) as unknown as JsonObject[],
		attempts: context.attempts,
	};
	if (failure.code) safeResponse.code = failure.code;
	return new NodeApiError(node, safeResponse, {
		message,
		description,
		httpCode: failure.status !== undefined ? String(failure.status) : undefined,
	});
}

/** Whether the transport's error is Dotloop's 404: the record does not exist (any more). */
export function isNotFound(error: unknown): boolean {
	return error instanceof NodeApiError && String(error.httpCode) === '404';
}
