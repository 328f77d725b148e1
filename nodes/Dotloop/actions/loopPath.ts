import type { IExecuteFunctions } from 'n8n-workflow';

import { readId } from '../parameters/validation';

/**
 * `/profile/:profile_id/loop/:loop_id` from the Profile and Loop locators of item i: the path every
 * loop sub-resource (folders, documents, participants, tasks, activities) hangs off.
 */
export function loopPath(this: IExecuteFunctions, i: number): string {
	const { profileId, loopId } = loopIds.call(this, i);
	return `/profile/${profileId}/loop/${loopId}`;
}

/** The Profile and Loop IDs of item i, checked. */
export function loopIds(this: IExecuteFunctions, i: number) {
	return {
		profileId: readId.call(this, 'profileId', 'Profile', i),
		loopId: readId.call(this, 'loopId', 'Loop', i),
	};
}
