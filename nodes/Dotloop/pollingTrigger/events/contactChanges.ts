import type { IPollFunctions } from 'n8n-workflow';

import { pollContacts, recentContacts, startContacts, type ContactState } from '../contacts';
import { concerning } from '../fetch';
import { SAMPLE_SIZE, watchingKey, type PollEventModule } from './types';

/**
 * Contact Created and Contact Updated: one `updated_min` feed over the user's contacts, split into new
 * contacts and changed ones; they differ only in which part they emit.
 */
function contactChanges(emit: 'created' | 'updated'): PollEventModule {
	return {
		prepare(common) {
			return {
				watching: watchingKey(common.event),
				async sample(this: IPollFunctions) {
					if (emit === 'updated') return await recentContacts.call(this, SAMPLE_SIZE);
					// The newest IDs among the recently changed ones.
					const recent = await recentContacts.call(this, 100);
					return recent.sort((a, b) => Number(b.id) - Number(a.id)).slice(0, SAMPLE_SIZE);
				},
				async poll(this: IPollFunctions, stored) {
					const previous = (stored as { contacts?: ContactState } | undefined)?.contacts;
					if (!previous) {
						const start = await concerning(
							this,
							'Contacts',
							async () => await startContacts.call(this),
						);
						return {
							items: common.emitExisting ? start.all : [],
							state: { contacts: start.state },
						};
					}
					const result = await concerning(
						this,
						'Contacts',
						async () => await pollContacts.call(this, previous),
					);
					return { items: result[emit], state: { contacts: result.next } };
				},
			};
		},
	};
}

export const contactCreated = contactChanges('created');
export const contactUpdated = contactChanges('updated');
