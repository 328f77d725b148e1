import type { LoopMerge } from '../transport';

/** Where a loop lives: every loop sub-resource (folders, documents, participants, tasks, activities) hangs off this path. */
export function loopPath(
	profileId: string | number,
	loopId: string | number,
	/** When a request revealed that the loop was merged: the path of the loop it was merged into. */
	merge?: LoopMerge,
): string {
	return merge
		? `/profile/${merge.toProfileId ?? profileId}/loop/${merge.toLoopId}`
		: `/profile/${profileId}/loop/${loopId}`;
}

/**
 * A Dotloop loop link as users paste it from the address bar: the v2 loop ID is the viewId query
 * parameter (section 2.3, loopUrl), which may sit among other parameters (&tab=…); spaces around it,
 * a missing https:// and a missing www. are accepted. n8n anchors this pattern when validating and
 * runs it unanchored to extract the one group.
 */
export const LOOP_URL_PATTERN =
	'\\s*(?:https?://)?(?:www\\.)?dotloop\\.com/[^?#\\s]*\\?(?:[^#\\s]*&)?viewId=([0-9]+)(?:[&#]\\S*)?\\s*';
export const LOOP_URL_EXAMPLE = 'https://www.dotloop.com/m/loop?viewId=34308';

/** What "List all Loops" sorts by (`sort=<category>:asc|desc`). */
export const LOOP_SORT_CATEGORIES = [
	'default',
	'address',
	'created',
	'updated',
	'purchase_price',
	'listing_date',
	'expiration_date',
	'closing_date',
	'review_submission_date',
] as const;
