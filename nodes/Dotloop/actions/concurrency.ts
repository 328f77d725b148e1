/**
 * Runs `task` for every value with at most `limit` running at once and answers the results in input
 * order. After a failure no further task starts; the first failure is rethrown once the running ones
 * have settled. Every request still goes through the transport, so the shared rate-limit window and
 * 429 retries apply to each of them.
 */
export async function mapBounded<T, R>(
	values: readonly T[],
	limit: number,
	task: (value: T, index: number) => Promise<R>,
): Promise<R[]> {
	const results: R[] = new Array(values.length);
	let next = 0;
	let failed = false;
	let firstError: unknown;

	const worker = async () => {
		while (!failed && next < values.length) {
			const index = next++;
			try {
				results[index] = await task(values[index], index);
			} catch (error) {
				if (!failed) firstError = error;
				failed = true;
			}
		}
	};
	await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, values.length)) }, worker));
	if (failed) throw firstError;
	return results;
}
