import type { IDataObject } from 'n8n-workflow';

/** What a failed HTTP call looked like, taken out of whatever n8n's helpers threw. */
export interface HttpFailure {
	status?: number;
	headers: Record<string, unknown>;
	data?: unknown;
	/** A transport-level failure (connection reset, timeout, DNS) with no HTTP answer: worth a retry. */
	network: boolean;
	/** The system or HTTP client's error code (ECONNRESET, CERT_HAS_EXPIRED, …), when there is one. */
	code?: string;
}

const NETWORK_CODES = new Set([
	'ECONNRESET',
	'ECONNREFUSED',
	'ECONNABORTED',
	'ETIMEDOUT',
	'EPIPE',
	'EAI_AGAIN',
	'ENOTFOUND',
	'EHOSTUNREACH',
	'ENETUNREACH',
	'ERR_SOCKET_CONNECTION_TIMEOUT',
]);

interface ResponseLike {
	status?: number;
	statusCode?: number;
	headers?: Record<string, unknown>;
	data?: unknown;
	body?: unknown;
}

function findResponse(error: IDataObject | undefined, depth = 0): ResponseLike | undefined {
	if (!error || typeof error !== 'object' || depth > 4) return undefined;
	const response = error.response as ResponseLike | undefined;
	if (response && typeof response === 'object' && (response.status ?? response.statusCode)) {
		return response;
	}
	return findResponse(error.cause as IDataObject | undefined, depth + 1);
}

const SYSTEM_PATTERN =
	/^E[A-Z_]+$|^ERR_[A-Z_]+$|^[A-Z_]+_ERR$|^(?:CERT|DEPTH|SELF_SIGNED|UNABLE_TO)_[A-Z_]+$/;

/** A connection-level error code; EAUTH is n8n's OAuth2 client refusing a token refresh, not a connection. */
function isSystemCode(code: string): boolean {
	return code !== 'EAUTH' && SYSTEM_PATTERN.test(code);
}

function findCode(
	error: IDataObject | undefined,
	accept: (code: string) => boolean,
	depth = 0,
): string | undefined {
	if (!error || typeof error !== 'object' || depth > 4) return undefined;
	if (typeof error.code === 'string' && accept(error.code)) return error.code;
	return findCode(error.cause as IDataObject | undefined, accept, depth + 1);
}

export function describeFailure(error: unknown): HttpFailure {
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
	// n8n 1.x drops the cause of its NodeApiError; a system error's code then survives as its httpCode.
	const httpCodeText = typeof err?.httpCode === 'string' ? err.httpCode : undefined;
	const code =
		findCode(err, (c) => NETWORK_CODES.has(c)) ??
		(httpCodeText && isSystemCode(httpCodeText) ? httpCodeText : undefined) ??
		findCode(err, isSystemCode);
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

function isReadable(value: unknown): value is AsyncIterable<Buffer | string> {
	return (
		typeof value === 'object' &&
		value !== null &&
		typeof (value as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function' &&
		!(value instanceof Uint8Array)
	);
}

/** Error bodies of streamed downloads arrive as streams; read a bounded amount and parse it. */
export async function readFailureBody(data: unknown): Promise<unknown> {
	let raw: unknown = data;
	if (isReadable(data)) {
		const chunks: Buffer[] = [];
		let size = 0;
		for await (const chunk of data) {
			const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk);
			size += buffer.length;
			if (size > 65_536) break;
			chunks.push(buffer);
		}
		raw = Buffer.concat(chunks);
	}
	if (raw instanceof Uint8Array) raw = Buffer.from(raw).toString('utf8');
	if (typeof raw === 'string') {
		try {
			return JSON.parse(raw);
		} catch {
			return raw.trim() === '' ? undefined : raw;
		}
	}
	return raw;
}
