import { contactCreated, contactUpdated } from './contactChanges';
import { failedWebhookDeliveries } from './failedWebhookDeliveries';
import { loopCreated, loopUpdated } from './loopChanges';
import { loopDateApproaching } from './loopDateApproaching';
import { loopStatusChanged } from './loopStatusChanged';
import { subscriptionDisabled } from './subscriptionDisabled';
import type { PollEvent, PollEventModule } from './types';

/** Every polling event's module: the type checker insists on one for each event. */
export const EVENT_MODULES: Record<PollEvent, PollEventModule> = {
	loopCreated,
	loopUpdated,
	loopStatusChanged,
	loopDateApproaching,
	contactCreated,
	contactUpdated,
	failedWebhookDeliveries,
	subscriptionDisabled,
};

export { LOOP_EVENTS, POLL_EVENTS, type PollEvent } from './types';
