import type { IDataObject, INodeProperties, IPollFunctions } from 'n8n-workflow';

import { sortedOptions, toOptions } from '../../descriptions/options';
import { TRANSACTION_STATUS_VALUES } from '../../rules/statuses';
import { pollLoopFeed, readLoopFeed, recentLoops, type FeedBacklog } from '../loops';
import {
	pollEachProfile,
	readIncludeDetails,
	readWatch,
	watchedProfiles,
	withDetails,
	withProfile,
	type PerProfileState,
} from '../profiles';
import {
	legacyStatusChanges,
	seedStatuses,
	statusChanges,
	type ProfileStatuses,
} from '../statuses';
import type { ChangeWindow } from '../window';
import { watchingKey, type PollEventModule } from './types';

export const properties: INodeProperties[] = [
	{
		displayName: 'New Status',
		name: 'newStatuses',
		type: 'multiOptions',
		default: [],
		options: sortedOptions(toOptions(TRANSACTION_STATUS_VALUES)),
		description:
			'Only loops that changed to one of these statuses; none chosen means every status change',
		displayOptions: { show: { event: ['loopStatusChanged'] } },
	},
];

/** One profile: its change window and its statuses (statuses.ts). */
type ProfileState = { window: ChangeWindow; backlog?: FeedBacklog } & ProfileStatuses;

/** What earlier versions kept per profile (a plain status map): answers one poll, then seeded again. */
interface LegacyProfileState {
	window: ChangeWindow;
	statuses?: Record<string, string>;
	seededAt?: string;
}

type StatusState = PerProfileState<ProfileState>;

function statusItem(
	loop: IDataObject,
	profileId: string,
	previousStatus: string | null,
): IDataObject {
	return { ...withProfile(loop, profileId), previousStatus, newStatus: loop.status };
}

function withoutWindow(kept: ProfileStatuses): ProfileStatuses {
	const { ids, newFrom, unknown } = kept;
	return unknown === undefined ? { ids, newFrom } : { ids, newFrom, unknown };
}

/** Loop Status Changed: the `updated` feed compared with the statuses kept for the open loops. */
export const loopStatusChanged: PollEventModule = {
	prepare(common) {
		const watch = readWatch.call(this);
		const includeDetails = readIncludeDetails.call(this);
		const newStatuses = this.getNodeParameter('newStatuses', []) as string[];
		const wanted = (loop: IDataObject) =>
			newStatuses.length === 0 || newStatuses.includes(String(loop.status));
		return {
			watching: watchingKey(common.event, { ...watch, includeDetails }),
			async sample(this: IPollFunctions) {
				const { ids } = await watchedProfiles.call(this, watch, undefined);
				return await recentLoops.call(this, ids, 'updated', {
					includeDetails,
					statuses: newStatuses,
					toItem: (loop, profileId) => statusItem(loop, profileId, null),
				});
			},
			async poll(this: IPollFunctions, stored) {
				const previous = stored as StatusState | undefined;
				const everything = previous === undefined && common.emitExisting;
				return await pollEachProfile(this, watch, previous, async (profileId, before) => {
					const options = { includeDetails, everything };
					const feed = before?.ids
						? await readLoopFeed.call(this, profileId, 'updated', before, options)
						: await pollLoopFeed.call(this, profileId, 'updated', before?.window, options);
					const backlog = feed.backlog ? { backlog: feed.backlog } : {};
					if (before?.ids) {
						// Loops created before this read's start are all seen only once no older page is left.
						const readAt = feed.backlog ? undefined : feed.startedAt;
						const { changes, kept } = statusChanges(before, feed.changes, readAt);
						const items = changes
							.filter(({ loop }) => wanted(loop))
							.map(({ loop, previousStatus }) => statusItem(loop, profileId, previousStatus));
						const quiet =
							kept === before && feed.next === before.window && !feed.backlog && !before.backlog;
						const state: ProfileState = quiet
							? before
							: { window: feed.next, ...withoutWindow(kept), ...backlog };
						return { items: await withDetails.call(this, includeDetails, items), state };
					}
					const legacy = before as LegacyProfileState | undefined;
					const changes = legacy?.statuses
						? legacyStatusChanges(legacy.statuses, legacy.seededAt ?? feed.next.at, feed.changes)
						: everything
							? feed.changes.map((loop) => ({ loop, previousStatus: null }))
							: [];
					const seeded = await seedStatuses.call(this, profileId, feed, everything);
					const items = changes
						.filter(({ loop }) => wanted(loop))
						.map(({ loop, previousStatus }) => statusItem(loop, profileId, previousStatus));
					return {
						items: await withDetails.call(this, includeDetails, items),
						state: { window: feed.next, ...seeded, ...backlog },
					};
				});
			},
		};
	},
};
