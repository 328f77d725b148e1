import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';

export interface TestRequest {
	socket: { destroy(): void };
	method?: string;
	url?: string;
}
export interface TestResponse {
	writeHead(status: number, headers?: Record<string, string>): void;
	end(body?: string): void;
}
export interface TestServer {
	url: string;
	close(): Promise<void>;
}

export function n8nHttpRequest(request: IHttpRequestOptions): Promise<IDataObject>;
export function streamToBuffer(stream: AsyncIterable<Uint8Array | string>): Promise<Buffer>;
export function isReadableStream(value: unknown): value is AsyncIterable<Uint8Array>;
export function startServer(
	handler: (request: TestRequest, response: TestResponse) => void,
): Promise<TestServer>;
export interface Receiver {
	url: string;
	received: Array<{ url: string; headers: Record<string, string>; body: Buffer }>;
	close(): Promise<void>;
}
export function startReceiver(): Promise<Receiver>;
export function readRepoFile(relativePath: string): string;
export interface Sandbox {
	url: string;
	apiBaseUrl: string;
	clientId: string;
	clientSecret: string;
	stop(): Promise<void>;
}
export function startSandbox(options?: Record<string, unknown>): Promise<Sandbox>;
export function readableFrom(chunks: Buffer[]): AsyncIterable<Buffer> & { pipe: unknown };
export function sha256(buffer: Buffer): string;
