import type { IDataObject, IPollFunctions } from 'n8n-workflow';

export const POLL_EVENTS = [
	'loopCreated',
	'loopUpdated',
	'loopStatusChanged',
	'loopDateApproaching',
	'contactCreated',
	'contactUpdated',
	'failedWebhookDeliveries',
	'subscriptionDisabled',
] as const;

export type PollEvent = (typeof POLL_EVENTS)[number];

export const LOOP_EVENTS: PollEvent[] = [
	'loopCreated',
	'loopUpdated',
	'loopStatusChanged',
	'loopDateApproaching',
];

/** How many records a manual run ("Fetch Test Event") returns at most. */
export const SAMPLE_SIZE = 10;

/** The parameters every event has; poll.ts reads them. */
export interface CommonParams {
	event: PollEvent;
	/** Emit Existing Records on First Poll. */
	emitExisting: boolean;
}

/** What an active poll of one event found, and its slice of the stored state. */
export interface EventPoll {
	items: IDataObject[];
	state: object;
}

/** One event with its parameters read and checked. */
export interface PreparedEvent {
	/** The parameter values the stored state belongs to: changing any of them starts over. */
	watching: string;
	/**
	 * A manual run: the most recent matching records. It writes no state; it may read the event's stored
	 * slice (undefined when the trigger has not polled with these parameters).
	 */
	sample(this: IPollFunctions, stored: object | undefined): Promise<IDataObject[]>;
	/** An active poll from the event's stored slice (undefined on the first poll). */
	poll(this: IPollFunctions, previous: object | undefined): Promise<EventPoll>;
}

/** One polling event, as `actions/` has one operation per file. */
export interface PollEventModule {
	/** Reads and checks the event's own parameters, before any request. */
	prepare(this: IPollFunctions, common: CommonParams): PreparedEvent;
}

/** The `watching` key; its shape is the one stored states already carry, so they stay valid. */
export function watchingKey(
	event: PollEvent,
	{
		watch = 'profile',
		profileId,
		dateField = '',
		includeDetails = false,
	}: { watch?: string; profileId?: string; dateField?: string; includeDetails?: boolean } = {},
): string {
	return JSON.stringify([event, watch, profileId ?? null, dateField, includeDetails]);
}
