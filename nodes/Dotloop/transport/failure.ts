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

/** Connection-level failures with no HTTP answer: worth a retry for an idempotent request. */
export const NETWORK_CODES = new Set([
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
