/**
 * A set of loop IDs as one short string: ascending, each as the base-36 difference from the one
 * before, joined by dots ("2s.1.1.8" is 100, 101, 102, 110). A profile's loops are numbered close
 * together, so an ID costs 2 to 4 characters instead of a JSON key and value.
 */
export function encodeIds(ids: Iterable<string>): string {
	const sorted = [...new Set([...ids].map(Number))]
		.filter((id) => Number.isSafeInteger(id) && id >= 0)
		.sort((a, b) => a - b);
	let previous = 0;
	return sorted
		.map((id) => {
			const delta = (id - previous).toString(36);
			previous = id;
			return delta;
		})
		.join('.');
}

export function decodeIds(encoded: string | undefined): string[] {
	if (!encoded) return [];
	let id = 0;
	return encoded.split('.').map((delta) => String((id += parseInt(delta, 36))));
}
