import { NodeApiError, NodeOperationError } from 'n8n-workflow';
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
	// Loops exist only on INDIVIDUAL profiles: the others answer 403 to a loop list. A deactivated
	// profile (changelog 03/23/2017) is left out; should it come back, the next listing finds it.
	const ids = (body?.data ?? [])
		.filter((profile) => profile.type === 'INDIVIDUAL' && profile.deactivated !== true)
		.map((profile) => String(profile.id));
	return { ids, listedAt: Date.now() };
}

/**
 * A profile whose loop list answered 403 or 404 (access lost, a former team's profile): that profile is
 * left out of this poll, the others go on.
 */
export class ProfileRefused extends Error {
	constructor(
		readonly profileId: string,
		readonly cause: NodeApiError,
	) {
		super(`Profile ${profileId}: ${cause.message}`);
	}
}

/** Reads one profile's loop list; a 403 or 404 of that list is a refused profile. */
export async function readingLoopsOf<T>(profileId: string, read: () => Promise<T>): Promise<T> {
	try {
		return await read();
	} catch (error) {
		const code = String((error as NodeApiError).httpCode ?? '');
		if (error instanceof NodeApiError && (code === '403' || code === '404'))
			throw new ProfileRefused(profileId, error);
		throw error;
	}
}

/**
 * Runs `work` for each watched profile; an error names the profile. A refused profile is skipped (n8n's
 * log says which and why) unless every profile refused: then the poll fails naming them all.
 */
export async function forEachProfile<T>(
	context: IPollFunctions,
	profileIds: string[],
	work: (profileId: string) => Promise<T>,
): Promise<Map<string, T>> {
	const done = new Map<string, T>();
	const refused: ProfileRefused[] = [];
	for (const profileId of profileIds) {
		const result = await concerning(context, `Profile ${profileId}`, async () => {
			try {
				return { value: await work(profileId) };
			} catch (error) {
				if (!(error instanceof ProfileRefused)) throw error;
				refused.push(error);
				return undefined;
			}
		});
		if (result) done.set(profileId, result.value);
	}
	if (refused.length && done.size === 0) {
		if (refused.length === 1) {
			const { profileId, cause } = refused[0];
			await concerning(context, `Profile ${profileId}`, async () => {
				throw cause;
			});
		}
		throw new NodeOperationError(
			context.getNode(),
			`Every watched profile refused its loops: ${refused.map((r) => r.message).join('; ')}`,
		);
	}
	for (const { profileId, cause } of refused) {
		context.logger.warn(
			`Dotloop Polling Trigger: profile ${profileId} left out of this poll, its loops answered ${String(cause.httpCode)}: ${cause.message}`,
		);
	}
	return done;
}

/** The state of a loop event that polls each watched profile. */
export interface PerProfileState<S> {
	profiles?: ProfileList;
	loops?: Record<string, S>;
}

/** Polls each watched profile in turn; a refused profile keeps its stored state as it was. */
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
	const results = await forEachProfile(
		context,
		profiles.ids,
		async (profileId) => await pollProfile(profileId, previous?.loops?.[profileId]),
	);
	const loops: Record<string, S> = {};
	const items: IDataObject[] = [];
	for (const profileId of profiles.ids) {
		const result = results.get(profileId);
		const kept = result ? result.state : previous?.loops?.[profileId];
		if (kept !== undefined) loops[profileId] = kept;
		if (result) items.push(...result.items);
	}
	state.loops = loops;
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
