import { NodeApiError } from 'n8n-workflow';
import type { INode } from 'n8n-workflow';

import { clip } from './errors';

/** Where a loop was merged into, when Dotloop redirected a request about it (301 or 308). */
export interface LoopMerge {
	fromLoopId: number;
	toLoopId: number;
	/** The profiles in the paths asked and landed on: a merge can move a loop to another profile. */
	fromProfileId?: number;
	toProfileId?: number;
}

export function isRedirect(status: number | undefined): status is 301 | 308 {
	return status === 301 || status === 308;
}

/** The profile and loop a path names: `/profile/3/loop/777/detail` → 3 and 777. */
function loopIn(path: string): { profileId?: number; loopId?: number } {
	const loop = /\/loop\/(\d+)/.exec(path);
	const profile = /\/profile\/(\d+)\/loop\/\d+/.exec(path);
	return {
		profileId: profile ? Number(profile[1]) : undefined,
		loopId: loop ? Number(loop[1]) : undefined,
	};
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
	const from = loopIn(path);
	const to = loopIn(new URL(target).pathname);
	const fromLoopId = merge?.fromLoopId ?? from.loopId;
	if (fromLoopId === undefined || to.loopId === undefined) return merge;
	const fromProfileId = merge ? merge.fromProfileId : from.profileId;
	const toProfileId = to.profileId ?? merge?.toProfileId ?? fromProfileId;
	return { fromLoopId, toLoopId: to.loopId, fromProfileId, toProfileId };
}

/** Resolves a Location header (`/public/v2/profile/3/loop/30004`) against the API's origin. */
export function resolveLocation(base: string, location: string): URL | undefined {
	try {
		return new URL(location, `${base}/`);
	} catch {
		return undefined;
	}
}

/**
 * The URL a merged loop's redirect leads to. Section 5.2's Location names the loop only
 * (`/public/v2/profile/3/loop/30004`), whatever was asked: a request for a sub-resource
 * (`…/loop/30003/folder`) keeps its sub-path on the loop (and profile) the Location names, or it would
 * read or change the loop itself. A Location that carries a sub-path already is taken as it is. The
 * query is the request's own, sent again on every hop, never the Location's.
 */
export function redirectTarget(url: string, to: URL): string {
	const target = `${to.origin}${to.pathname}`;
	const asked = splitAtLoopId(url);
	if (!asked?.tail || !/\/loop\/\d+\/?$/.test(to.pathname)) return target;
	return `${target.replace(/\/$/, '')}${asked.tail}`;
}

/** A request's URL moved to the loop a merge led to: `…/profile/3/loop/777/folder` → `…/profile/5/loop/888/folder`. */
export function movedToLoop(url: string, merge: LoopMerge): string | undefined {
	const asked = splitAtLoopId(url);
	if (!asked) return undefined;
	const head = merge.toProfileId
		? asked.head.replace(/\/profile\/\d+\/loop\/$/, `/profile/${merge.toProfileId}/loop/`)
		: asked.head;
	return `${head}${merge.toLoopId}${asked.tail}`;
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

/** A redirect that says nowhere: a merged loop's 301 without a Location, even when the loop itself was asked. */
export function redirectWithoutLocation(
	node: INode,
	method: string,
	path: string,
	status: number,
): NodeApiError {
	const { loopId } = loopIn(path);
	const what = loopId === undefined ? `${method} ${clip(path, 120)}` : `loop ${loopId}`;
	return new NodeApiError(
		node,
		{ status, method, path: clip(path, 120) },
		{
			message: `Dotloop answered HTTP ${status} for ${what} without saying where it moved (no Location header)`,
			description:
				loopId === undefined
					? 'The request was not sent anywhere else.'
					: `Dotloop answers 301 for a loop that was merged into another one and names the new loop in the Location header; this answer named none. Open the loop in Dotloop to find the loop it was merged into and use that loop's ID.`,
			httpCode: String(status),
		},
	);
}
