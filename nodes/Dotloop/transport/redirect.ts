import { NodeApiError } from 'n8n-workflow';
import type { INode } from 'n8n-workflow';

import { clip } from './errors';

/** Where a loop was merged into, when Dotloop redirected a request about it (301 or 308). */
export interface LoopMerge {
	fromLoopId: number;
	toLoopId: number;
}

export function isRedirect(status: number | undefined): status is 301 | 308 {
	return status === 301 || status === 308;
}

function loopIdIn(path: string): number | undefined {
	const match = /\/loop\/(\d+)/.exec(path);
	return match ? Number(match[1]) : undefined;
}

/** `…/loop/777/detail` → `…/loop/` + 777 + `/detail`. */
export function splitAtLoopId(
	url: string,
): { head: string; loopId: number; tail: string } | undefined {
	const match = /^(.*\/loop\/)(\d+)(.*)$/.exec(url);
	return match ? { head: match[1], loopId: Number(match[2]), tail: match[3] } : undefined;
}

/** The merge a redirect to `target` reveals: from the loop first asked about to the one landed on. */
export function mergeAfter(
	merge: LoopMerge | undefined,
	path: string,
	target: string,
): LoopMerge | undefined {
	const fromLoopId = merge?.fromLoopId ?? loopIdIn(path);
	const toLoopId = loopIdIn(target);
	return fromLoopId !== undefined && toLoopId !== undefined ? { fromLoopId, toLoopId } : merge;
}

/** Resolves a Location header (`/public/v2/profile/3/loop/30004`) against the API's origin. */
export function resolveLocation(base: string, location: string): URL | undefined {
	try {
		return new URL(location, `${base}/`);
	} catch {
		return undefined;
	}
}

/** A redirect is followed (with the token) only inside the API base URL: same origin, same path prefix. */
export function insideApi(base: string, target: URL): boolean {
	const api = new URL(base);
	return target.origin === api.origin && `${target.pathname}/`.startsWith(`${api.pathname}/`);
}

export function redirectRefused(
	node: INode,
	base: string,
	target: URL,
	status: number,
): NodeApiError {
	const where = clip(`${target.origin}${target.pathname}`, 120);
	return new NodeApiError(
		node,
		{ status, location: where },
		{
			message: `Dotloop redirected (HTTP ${status}) to ${where}, outside the API base URL ${base}`,
			description:
				'The redirect was not followed, so the Dotloop token was not sent there. Check the API Base URL of the Dotloop credential.',
			httpCode: String(status),
		},
	);
}
