import type { IDataObject, INodeProperties, IPollFunctions } from 'n8n-workflow';

import { concerning } from '../fetch';
import { listSubscriptions, reEnable, subscriptionItem } from '../subscriptions';
import { watchingKey, type PollEventModule } from './types';

export const properties: INodeProperties[] = [
	{
		displayName: 'Re-Enable Subscription',
		name: 'reEnable',
		type: 'boolean',
		default: false,
		description:
			'Whether to enable the subscription again through the API (PATCH enabled: true); the item says whether it worked',
		displayOptions: { show: { event: ['subscriptionDisabled'] } },
	},
];

interface DisabledState {
	/** The subscriptions known to be disabled (emitted already, or before the first poll). */
	disabled?: string[];
}

/** Subscription Disabled: each subscription once when it becomes disabled; optionally re-enabled. */
export const subscriptionDisabled: PollEventModule = {
	prepare(common) {
		const wantReEnable = this.getNodeParameter('reEnable', false) === true;
		return {
			watching: watchingKey(common.event),
			async sample(this: IPollFunctions) {
				const { subscriptions } = await listSubscriptions.call(this);
				return subscriptions
					.filter((s) => s.enabled === false)
					.map((s) => ({ ...subscriptionItem(s), reEnabled: false }));
			},
			async poll(this: IPollFunctions, stored) {
				const previous = stored as DisabledState | undefined;
				const { subscriptions } = await concerning(
					this,
					'Subscriptions',
					async () => await listSubscriptions.call(this),
				);
				const wasDisabled = new Set(previous?.disabled ?? []);
				const disabled: string[] = [];
				const items: IDataObject[] = [];
				for (const subscription of subscriptions) {
					const id = String(subscription.id);
					if (subscription.enabled !== false) continue;
					const news = !wasDisabled.has(id) && (previous !== undefined || common.emitExisting);
					if (!news) {
						disabled.push(id);
						continue;
					}
					const item: IDataObject = { ...subscriptionItem(subscription), reEnabled: false };
					if (wantReEnable) {
						const outcome = await reEnable.call(this, id);
						item.reEnabled = outcome.ok;
						if (outcome.ok) item.enabled = true;
						else {
							item.reEnableError = `Subscription ${id}: ${outcome.error}`;
							disabled.push(id);
						}
					} else disabled.push(id);
					items.push(item);
				}
				return { items, state: { disabled } };
			},
		};
	},
};
