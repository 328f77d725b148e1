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

/**
 * What a Fetch Test Event item says of itself. Dotloop keeps no status history (its loop activity is
 * free text with no documented status entry), so a sample's previous status is real only where the
 * trigger's stored statuses hold one that differs from the loop's status now; otherwise it is null.
 */
const SAMPLE_NOTES = {
	lastPoll:
		"Fetch Test Event sample: previousStatus is the loop's status as the trigger's last poll recorded it",
	unchanged:
		"Fetch Test Event sample, not a status change: the trigger's last poll saw no other status for this loop, and Dotloop keeps no status history",
	unseen:
		"Fetch Test Event sample: the loop's status changed while the trigger first read the account, before its earlier status could be read",
	notPolled:
		'Fetch Test Event sample, not a status change: no statuses from an earlier poll of this trigger to compare with (once the active workflow has polled, a loop whose status changed since shows its previous status here)',
} as const;

/** A manual run's item: compared with the statuses kept at the last poll, when there are some. */
function sampleItem(
	loop: IDataObject,
	profileId: string,
	kept: ProfileState | LegacyProfileState | undefined,
): IDataObject {
	if (!kept || !('ids' in kept)) {
		return {
			...statusItem(loop, profileId, null),
			sample: true,
			sampleNote: SAMPLE_NOTES.notPolled,
		};
	}
	const [change] = statusChanges(kept, [loop], undefined).changes;
	const previousStatus = change?.previousStatus ?? null;
	const note =
		change === undefined
			? SAMPLE_NOTES.unchanged
			: previousStatus === null
				? SAMPLE_NOTES.unseen
				: SAMPLE_NOTES.lastPoll;
	return { ...statusItem(loop, profileId, previousStatus), sample: true, sampleNote: note };
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
			async sample(this: IPollFunctions, stored) {
				const kept = (stored as StatusState | undefined)?.loops;
				const { ids } = await watchedProfiles.call(this, watch, undefined);
				return await recentLoops.call(this, ids, 'updated', {
					includeDetails,
					statuses: newStatuses,
					toItem: (loop, profileId) => sampleItem(loop, profileId, kept?.[profileId]),
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
