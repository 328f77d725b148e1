import type { IDataObject, INodeProperties, IPollFunctions } from 'n8n-workflow';

import { sortedOptions, toOptions, TRANSACTION_STATUS_VALUES } from '../../descriptions/constants';
import { pollLoopFeed, readOpenStatuses, recentLoops, statusChanges } from '../loops';
import {
	pollEachProfile,
	readIncludeDetails,
	readWatch,
	watchedProfiles,
	withDetails,
	withProfile,
	type PerProfileState,
} from '../profiles';
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

interface ProfileStatuses {
	window: ChangeWindow;
	/** id → status of each open loop. */
	statuses?: Record<string, string>;
	seededAt?: string;
}

type StatusState = PerProfileState<ProfileStatuses>;

function statusItem(
	loop: IDataObject,
	profileId: string,
	previousStatus: string | null,
): IDataObject {
	return { ...withProfile(loop, profileId), previousStatus, newStatus: loop.status };
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
					const feed = await pollLoopFeed.call(this, profileId, 'updated', before?.window, {
						includeDetails,
						everything,
					});
					if (!before?.statuses) {
						const { statuses } = await readOpenStatuses.call(this, profileId);
						const items = everything
							? feed.changes.filter(wanted).map((loop) => statusItem(loop, profileId, null))
							: [];
						return {
							items: await withDetails.call(this, includeDetails, items),
							state: { window: feed.next, statuses, seededAt: feed.next.at },
						};
					}
					const result = statusChanges(
						before.statuses,
						before.seededAt ?? feed.next.at,
						feed.changes,
					);
					const items = result.changes
						.filter(({ loop }) => wanted(loop))
						.map(({ loop, previousStatus }) => statusItem(loop, profileId, previousStatus));
					return {
						items: await withDetails.call(this, includeDetails, items),
						state: { window: feed.next, statuses: result.statuses, seededAt: before.seededAt },
					};
				});
			},
		};
	},
};
