import { randomBytes } from 'crypto';

import type { DotloopContext } from './context';
import { dotloopRequest, rateLimitKey, type DotloopRequest, type DotloopResponse } from './request';
import { tokenRecentlyAccepted } from './tokenFreshness';

/** The bytes of one file, opened afresh for every send, with their exact count. */
export interface FileSource {
	size: number;
	open: () => Promise<AsyncIterable<Uint8Array>>;
}

interface FilePart {
	/** Form field name. */
	name: string;
	fileName: string;
	contentType: string;
	source: FileSource;
}

/** Quotes in a multipart header parameter the way browsers and the built-in FormData do. */
function escapeParameter(value: string): string {
	return value.replace(/\n/g, '%0A').replace(/\r/g, '%0D').replace(/"/g, '%22');
}

function newBoundary(): string {
	return `----DotloopFormBoundary${randomBytes(12).toString('hex')}`;
}

/**
 * A multipart/form-data body with one file part, as a Blob whose bytes are read only while it is sent.
 * n8n's HTTP client asks a Blob body for `stream()` on every send (n8n's own resend after a token
 * refresh included), so each attempt reopens the file from n8n's binary data: the file is never held
 * in memory, and nothing keeps a copy between attempts. Same bytes as the built-in FormData writes.
 */
export class MultipartFileBody extends Blob {
	declare readonly size: number;
	declare readonly type: string;
	readonly boundary: string;
	private readonly head: Buffer;
	private readonly tail: Buffer;
	private readonly part: FilePart;

	constructor(part: FilePart, boundary = newBoundary()) {
		super([]);
		this.boundary = boundary;
		this.part = part;
		this.head = Buffer.from(
			`--${boundary}\r\n` +
				`Content-Disposition: form-data; name="${escapeParameter(part.name)}"; filename="${escapeParameter(part.fileName)}"\r\n` +
				`Content-Type: ${part.contentType}\r\n\r\n`,
			'utf8',
		);
		this.tail = Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8');
		// Own values shadow Blob's getters, which would report the empty Blob this extends.
		Object.defineProperty(this, 'size', {
			value: this.head.length + part.source.size + this.tail.length,
			enumerable: true,
		});
		Object.defineProperty(this, 'type', {
			value: `multipart/form-data; boundary=${boundary}`,
			enumerable: true,
		});
	}

	stream(): ReadableStream<Uint8Array<ArrayBuffer>> {
		const { head, tail, part } = this;
		let chunks: AsyncIterator<Uint8Array> | undefined;
		let sent = 0;
		let done = false;
		// Chunks are passed on as read, not copied: a copy of every chunk doubled the garbage of a large
		// upload (its RSS) and its time. The stream is not a byte stream, so nothing detaches them.
		const stream = new ReadableStream<Uint8Array>({
			async pull(controller) {
				if (!chunks) {
					chunks = (await part.source.open())[Symbol.asyncIterator]();
					controller.enqueue(head);
					return;
				}
				const next = await chunks.next();
				if (!next.done) {
					sent += next.value.length;
					if (sent > part.source.size) throw new Error(sizeChanged(part, sent));
					controller.enqueue(next.value);
					return;
				}
				done = true;
				if (sent !== part.source.size) throw new Error(sizeChanged(part, sent));
				controller.enqueue(tail);
				controller.close();
			},
			async cancel() {
				if (!done) await chunks?.return?.();
			},
		});
		return stream as ReadableStream<Uint8Array<ArrayBuffer>>;
	}

	async arrayBuffer(): Promise<ArrayBuffer> {
		const chunks: Uint8Array[] = [];
		for await (const chunk of this.stream()) chunks.push(chunk);
		const all = Buffer.concat(chunks);
		return all.buffer.slice(all.byteOffset, all.byteOffset + all.length) as ArrayBuffer;
	}

	async bytes(): Promise<Uint8Array<ArrayBuffer>> {
		return new Uint8Array(await this.arrayBuffer());
	}

	async text(): Promise<string> {
		return Buffer.from(await this.arrayBuffer()).toString('utf8');
	}

	slice(): Blob {
		throw new Error('A streamed multipart body cannot be sliced');
	}
}

function sizeChanged(part: FilePart, sent: number): string {
	return `The file "${part.fileName}" changed while it was being sent: ${part.source.size} bytes expected, ${sent} read`;
}

/** From this size on, a body is sent only with a token Dotloop has just accepted (see below). */
const LARGE_BODY_BYTES = 1 << 20;

/**
 * A large body goes out once: n8n refreshes the OAuth2 token only after a request has failed with 401,
 * so a body sent with an expired token travels again (and n8n 2.x does not resend a streamed body
 * itself). Unless Dotloop accepted this credential's token a moment ago, the cheap request `check`
 * goes first and takes the 401 and the refresh; its answer is returned (undefined when skipped).
 */
export async function checkTokenBeforeLargeBody(
	this: DotloopContext,
	bodyBytes: number,
	check: DotloopRequest,
): Promise<DotloopResponse | undefined> {
	if (bodyBytes < LARGE_BODY_BYTES || tokenRecentlyAccepted(rateLimitKey.call(this))) {
		return undefined;
	}
	return await dotloopRequest.call<DotloopContext, [DotloopRequest], Promise<DotloopResponse>>(
		this,
		check,
	);
}
