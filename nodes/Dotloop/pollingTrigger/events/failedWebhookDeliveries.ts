import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { concerning, readCursorPages } from '../fetch';
import { failedEventItem, listSubscriptions, pollFailedEvents } from '../subscriptions';
import type { ChangeWindow } from '../window';
import { SAMPLE_SIZE, watchingKey, type PollEventModule } from './types';

interface FailedState {
	/** subscription id → its window over FAILED events. */
	failed?: Record<string, ChangeWindow>;
}

async function subscriptions(this: IPollFunctions): Promise<IDataObject[]> {
	const { subscriptions: all } = await concerning(
		this,
		'Subscriptions',
		async () => await listSubscriptions.call(this),
	);
	return all;
}

/** Failed Webhook Deliveries: each subscription's FAILED events, newest first, each once. */
export const failedWebhookDeliveries: PollEventModule = {
	prepare(common) {
		return {
			watching: watchingKey(common.event),
			async sample(this: IPollFunctions) {
				const { subscriptions: all } = await listSubscriptions.call(this);
				const items: IDataObject[] = [];
				for (const subscription of all) {
					const id = String(subscription.id);
					const read = await concerning(
						this,
						`Subscription ${id}`,
						async () =>
							await readCursorPages.call(
								this,
								`/subscription/${id}/event`,
								{ delivery_status: 'FAILED' },
								{ maxPages: 1 },
							),
					);
					items.push(...read.records.map((event) => failedEventItem(event, subscription)));
				}
				return items
					.sort((a, b) => String(b.createdOn ?? '').localeCompare(String(a.createdOn ?? '')))
					.slice(0, SAMPLE_SIZE);
			},
			async poll(this: IPollFunctions, stored) {
				const previous = stored as FailedState | undefined;
				const state: Required<FailedState> = { failed: {} };
				const items: IDataObject[] = [];
				for (const subscription of await subscriptions.call(this)) {
					const id = String(subscription.id);
					const result = await concerning(
						this,
						`Subscription ${id}`,
						async () => await pollFailedEvents.call(this, id, previous?.failed?.[id]),
					);
					state.failed[id] = result.next;
					// A subscription that appears after the first poll is new: its failures are all news.
					if (previous !== undefined || common.emitExisting) {
						items.push(...result.changes.map((event) => failedEventItem(event, subscription)));
					}
				}
				return { items, state };
			},
		};
	},
};
