import type { IExecuteFunctions } from 'n8n-workflow';

import { readId } from '../parameters/validation';
import { loopPath } from '../rules/loops';

/** The path of the loop that the Profile and Loop locators of item i name. */
export function itemLoopPath(this: IExecuteFunctions, i: number): string {
	const { profileId, loopId } = loopIds.call(this, i);
	return loopPath(profileId, loopId);
}

/** The Profile and Loop IDs of item i, checked. */
export function loopIds(this: IExecuteFunctions, i: number) {
	return {
		profileId: readId.call(this, 'profileId', 'Profile', i),
		loopId: readId.call(this, 'loopId', 'Loop', i),
	};
}
