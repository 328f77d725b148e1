import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';

import { startPollBudget } from './budget';
import { EVENT_MODULES, POLL_EVENTS, type PollEvent } from './events';
import type { CommonParams } from './events/types';

/** Everything a poll keeps in the workflow's static data; written only after a poll fully succeeded. */
interface PollState {
	version: 1;
	/** The parameters the state belongs to: changing them starts over. */
	watching: string;
	/** The rest is the event's own slice (see its module). */
	[slice: string]: unknown;
}

function readCommon(this: IPollFunctions): CommonParams {
	const event = this.getNodeParameter('event') as PollEvent;
	if (!POLL_EVENTS.includes(event)) {
		throw new NodeOperationError(
			this.getNode(),
			`Event "${event}" is not one of ${POLL_EVENTS.join(', ')}`,
		);
	}
	const options = this.getNodeParameter('options', {}) as IDataObject;
	return { event, emitExisting: options.emitExisting === true };
}

const STATE_KEY = 'dotloopPolling';

/**
 * Polls of the same trigger node running now in this process. n8n starts a poll at each poll time even
 * if the previous one has not finished (a long catch-up on a slow machine): both would read the same
 * stored state and emit the same changes. In queue mode only the leader polls, so this process sees
 * every poll of the node.
 */
const pollsInFlight = new Set<string>();

export async function pollDotloop(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const common = readCommon.call(this);
	const event = EVENT_MODULES[common.event].prepare.call(this, common);
	const staticData = this.getWorkflowStaticData('node');
	const stored = staticData[STATE_KEY] as PollState | undefined;
	const previous = stored?.version === 1 && stored.watching === event.watching ? stored : undefined;
	if (this.getMode() === 'manual') {
		const items = await event.sample.call(this, previous);
		return items.length ? [this.helpers.returnJsonArray(items)] : null;
	}
	const key = `${this.getWorkflow().id ?? ''}:${this.getNode().id}`;
	if (pollsInFlight.has(key)) {
		this.logger.debug(
			'Dotloop Polling Trigger: the previous poll is still running; this one is skipped',
		);
		return null;
	}
	pollsInFlight.add(key);
	startPollBudget(this);
	try {
		const { items, state } = await event.poll.call(this, previous);
		// Only now, after every request succeeded: a failed poll leaves the state as it was. n8n's static
		// data is a Proxy that marks itself changed on any write (and 2.x durable cursors compare deep):
		// a poll that found nothing new does not write, so n8n has nothing to save.
		const next: PollState = { version: 1, watching: event.watching, ...state };
		if (JSON.stringify(next) !== JSON.stringify(stored)) {
			staticData[STATE_KEY] = next as unknown as IDataObject;
		}
		return items.length ? [this.helpers.returnJsonArray(items)] : null;
	} finally {
		pollsInFlight.delete(key);
	}
}
