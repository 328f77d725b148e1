/**
 * Readers of response and request headers. Node's HTTP client and n8n give header names in lowercase,
 * some callers keep them as spelled; a header sent more than once arrives as an array.
 */
export type HeaderMap = Record<string, unknown> | undefined;

/** A header's value as received: under its lowercase name, else as spelled. */
export function rawHeader(headers: HeaderMap, name: string): unknown {
	return headers?.[name.toLowerCase()] ?? headers?.[name];
}

/** The first value of a header (a header sent more than once arrives as an array). */
export function firstHeaderValue(headers: HeaderMap, name: string): unknown {
	const raw = rawHeader(headers, name);
	return Array.isArray(raw) ? raw[0] : raw;
}

/** A header's text, trimmed; undefined when absent or blank. */
export function headerText(headers: HeaderMap, name: string): string | undefined {
	const text = firstHeaderValue(headers, name);
	return typeof text === 'string' && text.trim() !== '' ? text.trim() : undefined;
}

/** A header's number; undefined when absent, empty or not a finite number. */
export function headerNumber(headers: HeaderMap, name: string): number | undefined {
	const raw = rawHeader(headers, name);
	const value = Number(firstHeaderValue(headers, name));
	return raw === undefined || raw === null || raw === '' || !Number.isFinite(value)
		? undefined
		: value;
}

/** A header sent exactly once, as text; undefined when absent, or sent several times (ambiguous). */
export function soleHeader(headers: HeaderMap, name: string): string | undefined {
	const value = rawHeader(headers, name);
	if (Array.isArray(value)) return value.length === 1 ? String(value[0]) : undefined;
	return typeof value === 'string' ? value : undefined;
}
