import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { isDotloopId } from '../rules/ids';
import { withStatusCategory } from '../rules/statuses';
import { dotloopRequest, type DotloopResponse } from '../transport';
import { withListedDetails } from '../rules/loopDetails';
import { overBudget } from './budget';
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
	if (!isDotloopId(profileId)) {
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
 * A profile whose loop list answered 403 or 404 (access lost, a former team's profile) is left out of
 * the poll and the others go on. The transport's error is marked with the profile it refused.
 */
const REFUSED = 'refusedProfile';

function refusedProfile(error: unknown): string | undefined {
	return error instanceof NodeApiError
		? (error.context?.[REFUSED] as string | undefined)
		: undefined;
}

/** Reads one profile's loop list; a 403 or 404 of that list marks the error as a refused profile. */
export async function readingLoopsOf<T>(profileId: string, read: () => Promise<T>): Promise<T> {
	let failure: unknown;
	try {
		return await read();
	} catch (error) {
		failure = error;
	}
	const code = String((failure as NodeApiError).httpCode ?? '');
	if (failure instanceof NodeApiError && (code === '403' || code === '404'))
		failure.context = { ...failure.context, [REFUSED]: profileId };
	throw failure;
}

/**
 * Runs `work` for each watched profile; an error names the profile. A refused profile is skipped (n8n's
 * log says which and why) unless every profile refused: then the poll fails naming them all.
 */
export async function forEachProfile<T>(
	context: IPollFunctions,
	profileIds: string[],
	work: (profileId: string) => Promise<T>,
	stopEarly?: () => boolean,
): Promise<Map<string, T>> {
	const done = new Map<string, T>();
	const refused: Array<{ profileId: string; error: NodeApiError }> = [];
	for (const profileId of profileIds) {
		// Time budget spent (n8n 2.x): the profiles left wait for the next poll, their state as it was.
		if (done.size + refused.length > 0 && stopEarly?.()) break;
		let failure: unknown;
		try {
			done.set(profileId, await work(profileId));
			continue;
		} catch (error) {
			failure = error;
		}
		if (refusedProfile(failure) === profileId)
			refused.push({ profileId, error: failure as NodeApiError });
		else
			await concerning(context, `Profile ${profileId}`, async () => {
				throw failure;
			});
	}
	const describe = ({ profileId, error }: (typeof refused)[number]) =>
		`Profile ${profileId}: ${error.message}`;
	if (refused.length && done.size === 0) {
		const [{ profileId, error }] = refused;
		if (refused.length === 1)
			await concerning(context, `Profile ${profileId}`, async () => {
				throw error;
			});
		throw new NodeOperationError(
			context.getNode(),
			`Every watched profile refused its loops: ${refused.map(describe).join('; ')}`,
		);
	}
	for (const { profileId, error } of refused) {
		context.logger.warn(
			`Dotloop Polling Trigger: profile ${profileId} left out of this poll, its loops answered ${String(error.httpCode)}: ${error.message}`,
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
		() => overBudget(context),
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

/** A loop as a polling item: its stage next to its status (as the Dotloop node gives it), and its profile. */
export const withProfile = (loop: IDataObject, profileId: string): IDataObject => ({
	...withStatusCategory(loop),
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
