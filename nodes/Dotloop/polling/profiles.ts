import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { dotloopRequest, withListedDetails, type DotloopResponse } from '../transport';
import { concerning } from './fetch';

/** "Every profile" re-lists the user's profiles this often, not on every poll. */
const PROFILE_LIST_TTL_MS = 60 * 60 * 1000;

/** Which profiles a loop event watches: one, or every profile holding loops. */
export interface Watch {
	watch: 'profile' | 'allProfiles';
	profileId?: string;
}

export interface ProfileList {
	ids: string[];
	listedAt: number;
}

/** The Watch and Profile parameters of the loop events. */
export function readWatch(this: IPollFunctions): Watch {
	const watch = this.getNodeParameter('watch', 'profile') as Watch['watch'];
	if (watch !== 'profile') return { watch };
	const profileId = String(
		this.getNodeParameter('profileId', '', { extractValue: true }) ?? '',
	).trim();
	if (!/^[1-9][0-9]*$/.test(profileId)) {
		throw new NodeOperationError(
			this.getNode(),
			`Profile: "${profileId}" is not a profile ID; choose a profile from the list or enter its whole-number ID`,
		);
	}
	return { watch, profileId };
}

export function readIncludeDetails(this: IPollFunctions): boolean {
	return (this.getNodeParameter('options', {}) as IDataObject).includeDetails === true;
}

export async function watchedProfiles(
	this: IPollFunctions,
	watch: Watch,
	previous: ProfileList | undefined,
): Promise<ProfileList> {
	if (watch.watch === 'profile') return { ids: [watch.profileId as string], listedAt: 0 };
	if (previous && Date.now() - previous.listedAt < PROFILE_LIST_TTL_MS) return previous;
	const { body } = (await dotloopRequest.call(this, {
		method: 'GET',
		path: '/profile',
	})) as DotloopResponse<{
		data?: IDataObject[];
	}>;
	// Loops exist only on INDIVIDUAL profiles: the others answer 403 to a loop list.
	const ids = (body?.data ?? [])
		.filter((profile) => profile.type === 'INDIVIDUAL')
		.map((profile) => String(profile.id));
	return { ids, listedAt: Date.now() };
}

/** The state of a loop event that polls each watched profile. */
export interface PerProfileState<S> {
	profiles?: ProfileList;
	loops?: Record<string, S>;
}

/** Polls each watched profile in turn; an error names the profile. */
export async function pollEachProfile<S>(
	context: IPollFunctions,
	watch: Watch,
	previous: PerProfileState<S> | undefined,
	pollProfile: (
		profileId: string,
		previous: S | undefined,
	) => Promise<{ items: IDataObject[]; state: S }>,
): Promise<{ items: IDataObject[]; state: PerProfileState<S> }> {
	const profiles = await watchedProfiles.call(context, watch, previous?.profiles);
	const state: PerProfileState<S> = {};
	if (watch.watch === 'allProfiles') state.profiles = profiles;
	state.loops = {};
	const items: IDataObject[] = [];
	for (const profileId of profiles.ids) {
		const result = await concerning(
			context,
			`Profile ${profileId}`,
			async () => await pollProfile(profileId, previous?.loops?.[profileId]),
		);
		state.loops[profileId] = result.state;
		items.push(...result.items);
	}
	return { items, state };
}

export const withProfile = (loop: IDataObject, profileId: string): IDataObject => ({
	...loop,
	profileId: Number(profileId),
});

/**
 * With Include Details, each loop's details under `details` whichever shape the list gave them in; a
 * list that carried none costs one "Get Loop Details" request per emitted loop.
 */
export async function withDetails(
	this: IPollFunctions,
	includeDetails: boolean,
	items: IDataObject[],
): Promise<IDataObject[]> {
	if (!includeDetails) return items;
	return await withListedDetails.call(this, items, (item) => String(item.profileId));
}
