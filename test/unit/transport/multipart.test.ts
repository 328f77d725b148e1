import { MultipartFileBody, type FileSource } from '../../../nodes/Dotloop/transport';

function source(file: Buffer, size = file.length): FileSource & { opened: number } {
	const result = {
		size,
		opened: 0,
		open: async () => {
			result.opened++;
			return (async function* () {
				for (let at = 0; at < file.length; at += 3) yield file.subarray(at, at + 3);
			})();
		},
	};
	return result;
}

async function read(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
	const chunks: Uint8Array[] = [];
	for await (const chunk of stream) chunks.push(chunk);
	return Buffer.concat(chunks);
}

const EXPECTED =
	'--b0undary\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n' +
	'Content-Type: application/pdf\r\n\r\n%PDF-1.4 x\r\n--b0undary--\r\n';

describe('MultipartFileBody', () => {
	it('is a Blob of the exact multipart bytes, its size and type those of the whole body', async () => {
		const file = source(Buffer.from('%PDF-1.4 x'));
		const body = new MultipartFileBody(
			{ name: 'file', fileName: 'a.pdf', contentType: 'application/pdf', source: file },
			'b0undary',
		);

		expect(body).toBeInstanceOf(Blob);
		expect(Object.prototype.toString.call(body)).toBe('[object Blob]');
		expect(body.type).toBe('multipart/form-data; boundary=b0undary');
		expect(body.size).toBe(Buffer.byteLength(EXPECTED));
		expect((await read(body.stream())).toString('latin1')).toBe(EXPECTED);
		expect(await body.text()).toBe(EXPECTED);
		expect(file.opened).toBe(2);
	});

	it('fails the send when the file holds other than the announced number of bytes', async () => {
		const part = { name: 'file', fileName: 'a.pdf', contentType: 'application/pdf' };
		const longer = new MultipartFileBody({ ...part, source: source(Buffer.from('%PDF-1.4 x'), 4) });
		const shorter = new MultipartFileBody({
			...part,
			source: source(Buffer.from('%PDF-1.4 x'), 40),
		});

		await expect(read(longer.stream())).rejects.toThrow(
			'The file "a.pdf" changed while it was being sent: 4 bytes expected, 6 read',
		);
		await expect(read(shorter.stream())).rejects.toThrow(
			'The file "a.pdf" changed while it was being sent: 40 bytes expected, 10 read',
		);
	});

	it('draws a new random boundary for each body', () => {
		const part = {
			name: 'file',
			fileName: 'a.pdf',
			contentType: 'application/pdf',
			source: source(Buffer.from('x')),
		};
		const first = new MultipartFileBody(part);
		const second = new MultipartFileBody(part);
		expect(first.boundary).toMatch(/^----DotloopFormBoundary[0-9a-f]{24}$/);
		expect(second.boundary).not.toBe(first.boundary);
	});
});
