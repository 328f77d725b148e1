import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { readLoopFeed, recentLoops, type FeedBacklog, type LoopFeedKey } from '../loops';
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

/** Each profile's change window: the state holds only the records of the lookback window. */
type LoopChangesState = PerProfileState<{ window: ChangeWindow; backlog?: FeedBacklog }>;

/**
 * Loop Created and Loop Updated: one change feed per profile (`created_min` or `updated_min`, newest
 * first). They differ only in the feed's key, and Loop Updated leaves out loops never changed since
 * they were created.
 */
function loopChanges(key: LoopFeedKey): PollEventModule {
	return {
		prepare(common) {
			const watch = readWatch.call(this);
			const includeDetails = readIncludeDetails.call(this);
			return {
				watching: watchingKey(common.event, { ...watch, includeDetails }),
				async sample(this: IPollFunctions) {
					const { ids } = await watchedProfiles.call(this, watch, undefined);
					return await recentLoops.call(this, ids, key, { includeDetails, toItem: withProfile });
				},
				async poll(this: IPollFunctions, stored) {
					const previous = stored as LoopChangesState | undefined;
					const everything = previous === undefined && common.emitExisting;
					return await pollEachProfile(this, watch, previous, async (profileId, before) => {
						const feed = await readLoopFeed.call(this, profileId, key, before, {
							includeDetails,
							everything,
						});
						const changes =
							key === 'updated' && !everything
								? feed.changes.filter((loop) => loop.created !== loop.updated)
								: feed.changes;
						const items = changes.map((loop: IDataObject) => withProfile(loop, profileId));
						return {
							items: await withDetails.call(this, includeDetails, items),
							state: feed.backlog
								? { window: feed.next, backlog: feed.backlog }
								: { window: feed.next },
						};
					});
				},
			};
		},
	};
}

export const loopCreated = loopChanges('created');
export const loopUpdated = loopChanges('updated');
