import { DateTime } from 'luxon';
import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';

import { dotloopRequest, withListedDetails, type DotloopResponse } from '../transport';
import { startContacts, pollContacts, recentContacts, type ContactState } from './contacts';
import {
	DATE_FIELDS,
	datesWithin,
	pollProfileDates,
	profileDatesBefore,
	readOpenLoopsWithDetails,
	type ApproachingDate,
	type ProfileDates,
	type UnreadableDate,
} from './dates';
import { LOOP_EVENTS, MAX_WITHIN_DAYS, POLL_EVENTS, type PollEvent } from './description';
import { concerning, readBatches, readCursorPages } from './fetch';
import {
	loopsPath,
	pollLoopFeed,
	readOpenStatuses,
	statusChanges,
	type LoopFeedKey,
} from './loops';
import {
	failedEventItem,
	listSubscriptions,
	pollFailedEvents,
	reEnable,
	subscriptionItem,
} from './webhooks';
import type { ChangeWindow } from './window';

/** How many records a manual run ("Fetch Test Event") returns at most. */
const SAMPLE_SIZE = 10;
/** "Every profile" re-lists the user's profiles this often, not on every poll. */
const PROFILE_LIST_TTL_MS = 60 * 60 * 1000;

interface LoopFeedState {
	window: ChangeWindow;
	statuses?: Record<string, string>;
	seededAt?: string;
}

/** Everything a poll keeps in the workflow's static data; written only after a poll fully succeeded. */
interface PollState {
	version: 1;
	/** The parameters the state belongs to: changing them starts over. */
	watching: string;
	profiles?: { ids: string[]; listedAt: number };
	loops?: Record<string, LoopFeedState>;
	contacts?: ContactState;
	/** Loop Date Approaching as stored before `approaching`: `profile:loop` → date; read, not written. */
	dates?: Record<string, string>;
	approaching?: { includeClosed: boolean; profiles: Record<string, ProfileDates> };
	failed?: Record<string, ChangeWindow>;
	disabled?: string[];
}

interface Params {
	event: PollEvent;
	watch: 'profile' | 'allProfiles';
	profileId?: string;
	newStatuses: string[];
	dateField: string;
	withinDays: number;
	reEnable: boolean;
	includeDetails: boolean;
	includeClosed: boolean;
	emitExisting: boolean;
}

function readParams(this: IPollFunctions): Params {
	const event = this.getNodeParameter('event') as PollEvent;
	if (!POLL_EVENTS.includes(event)) {
		throw new NodeOperationError(
			this.getNode(),
			`Event "${event}" is not one of ${POLL_EVENTS.join(', ')}`,
		);
	}
	const isLoop = LOOP_EVENTS.includes(event);
	const watch = (isLoop ? this.getNodeParameter('watch', 'profile') : 'profile') as Params['watch'];
	let profileId: string | undefined;
	if (isLoop && watch === 'profile') {
		profileId = String(this.getNodeParameter('profileId', '', { extractValue: true }) ?? '').trim();
		if (!/^[1-9][0-9]*$/.test(profileId)) {
			throw new NodeOperationError(
				this.getNode(),
				`Profile: "${profileId}" is not a profile ID; choose a profile from the list or enter its whole-number ID`,
			);
		}
	}
	const dateField =
		event === 'loopDateApproaching' ? String(this.getNodeParameter('dateField')) : '';
	if (dateField && !DATE_FIELDS.some((f) => f.value === dateField)) {
		throw new NodeOperationError(
			this.getNode(),
			`Date: "${dateField}" is not one of ${DATE_FIELDS.map((f) => f.name).join(', ')}`,
		);
	}
	const withinDays =
		event === 'loopDateApproaching' ? Number(this.getNodeParameter('withinDays', 7)) : 0;
	if (!Number.isInteger(withinDays) || withinDays < 0 || withinDays > MAX_WITHIN_DAYS) {
		throw new NodeOperationError(
			this.getNode(),
			`Within Days: ${withinDays} is not allowed; use a whole number from 0 to ${MAX_WITHIN_DAYS}`,
		);
	}
	const options = this.getNodeParameter('options', {}) as IDataObject;
	return {
		event,
		watch,
		profileId,
		newStatuses:
			event === 'loopStatusChanged' ? (this.getNodeParameter('newStatuses', []) as string[]) : [],
		dateField,
		withinDays,
		reEnable: event === 'subscriptionDisabled' && this.getNodeParameter('reEnable', false) === true,
		includeDetails: options.includeDetails === true && event !== 'loopDateApproaching',
		includeClosed: options.includeClosed === true && event === 'loopDateApproaching',
		emitExisting: options.emitExisting === true,
	};
}

function watching(p: Params): string {
	return JSON.stringify([p.event, p.watch, p.profileId ?? null, p.dateField, p.includeDetails]);
}

async function watchedProfiles(
	this: IPollFunctions,
	p: Params,
	previous: PollState['profiles'],
): Promise<{ ids: string[]; listedAt: number }> {
	if (p.watch === 'profile') return { ids: [p.profileId as string], listedAt: 0 };
	if (previous && Date.now() - previous.listedAt < PROFILE_LIST_TTL_MS) return previous;
	const { body } = (await dotloopRequest.call(this, {
		method: 'GET',
		path: '/profile',
	})) as DotloopResponse<{
		data?: IDataObject[];
	}>;
	// Loops exist only on INDIVIDUAL profiles: the others answer 403 to a loop list.
	const ids = (body?.data ?? [])
		.filter((profile) => profile.type === 'INDIVIDUAL')
		.map((profile) => String(profile.id));
	return { ids, listedAt: Date.now() };
}

const withProfile = (loop: IDataObject, profileId: string): IDataObject => ({
	...loop,
	profileId: Number(profileId),
});

function statusItem(
	loop: IDataObject,
	profileId: string,
	previousStatus: string | null,
): IDataObject {
	return { ...withProfile(loop, profileId), previousStatus, newStatus: loop.status };
}

function dateItem(entry: ApproachingDate & { profileId: string }, dateField: string): IDataObject {
	const label = DATE_FIELDS.find((f) => f.value === dateField)?.name ?? dateField;
	return {
		...withProfile(entry.loop, entry.profileId),
		dateField: label,
		date: entry.date,
		daysUntil: entry.daysUntil,
	};
}

function today(this: IPollFunctions): string {
	return DateTime.now().setZone(this.getTimezone()).toISODate() as string;
}

const feedKeyOf = (event: PollEvent): LoopFeedKey =>
	event === 'loopCreated' ? 'created' : 'updated';

/**
 * With Include Details, each loop's details under `details` whichever shape the list gave them in; a
 * list that carried none costs one "Get Loop Details" request per emitted loop.
 */
async function withDetails(
	this: IPollFunctions,
	p: Params,
	items: IDataObject[],
): Promise<IDataObject[]> {
	if (!p.includeDetails) return items;
	return await withListedDetails.call(this, items, (item) => String(item.profileId));
}

/** Loop Created / Updated / Status Changed for one profile. */
async function pollLoops(
	this: IPollFunctions,
	p: Params,
	profileId: string,
	previous: LoopFeedState | undefined,
	firstPoll: boolean,
): Promise<{ items: IDataObject[]; state: LoopFeedState }> {
	const { items, state } = await loopChanges.call(this, p, profileId, previous, firstPoll);
	return { items: await withDetails.call(this, p, items), state };
}

async function loopChanges(
	this: IPollFunctions,
	p: Params,
	profileId: string,
	previous: LoopFeedState | undefined,
	firstPoll: boolean,
): Promise<{ items: IDataObject[]; state: LoopFeedState }> {
	const key = feedKeyOf(p.event);
	const everything = firstPoll && p.emitExisting;
	const feed = await pollLoopFeed.call(this, profileId, key, previous?.window, {
		includeDetails: p.includeDetails,
		everything,
	});
	if (p.event !== 'loopStatusChanged') {
		const changes =
			p.event === 'loopUpdated' && !everything
				? feed.changes.filter((loop) => loop.created !== loop.updated)
				: feed.changes;
		return {
			items: changes.map((loop) => withProfile(loop, profileId)),
			state: { window: feed.next },
		};
	}
	if (!previous?.statuses) {
		const { statuses } = await readOpenStatuses.call(this, profileId);
		const items = everything
			? feed.changes
					.filter(
						(loop) => p.newStatuses.length === 0 || p.newStatuses.includes(String(loop.status)),
					)
					.map((loop) => statusItem(loop, profileId, null))
			: [];
		return { items, state: { window: feed.next, statuses, seededAt: feed.next.at } };
	}
	const result = statusChanges(previous.statuses, previous.seededAt ?? feed.next.at, feed.changes);
	const items = result.changes
		.filter(({ loop }) => p.newStatuses.length === 0 || p.newStatuses.includes(String(loop.status)))
		.map(({ loop, previousStatus }) => statusItem(loop, profileId, previousStatus));
	return {
		items,
		state: { window: feed.next, statuses: result.statuses, seededAt: previous.seededAt },
	};
}

async function sampleLoops(
	this: IPollFunctions,
	p: Params,
	profiles: string[],
): Promise<IDataObject[]> {
	const key = feedKeyOf(p.event);
	const items: IDataObject[] = [];
	for (const profileId of profiles) {
		const qs: IDataObject = { sort: `${key}:desc` };
		if (p.newStatuses.length) qs.filter = `transaction_status=${p.newStatuses.join('|')}`;
		if (p.includeDetails) qs.include_details = true;
		const read = await concerning(
			this,
			`Profile ${profileId}`,
			async () => await readBatches.call(this, loopsPath(profileId), qs, { maxPages: 1 }),
		);
		for (const loop of read.records) {
			items.push(
				p.event === 'loopStatusChanged'
					? statusItem(loop, profileId, null)
					: withProfile(loop, profileId),
			);
		}
	}
	const recent = items
		.sort((a, b) => String(b[key] ?? '').localeCompare(String(a[key] ?? '')))
		.slice(0, SAMPLE_SIZE);
	return await withDetails.call(this, p, recent);
}

/** A detail date that is not a date is skipped, and named in n8n's log; the poll goes on. */
function unreadableDate(this: IPollFunctions, p: Params, profileId: string): UnreadableDate {
	const label = DATE_FIELDS.find((f) => f.value === p.dateField)?.name ?? p.dateField;
	return (loop, value) =>
		this.logger.warn(
			`Dotloop Polling Trigger: loop ${String(loop.id)} of profile ${profileId}: ${label} "${value}" is not a date; skipped`,
		);
}

/** A manual run of Loop Date Approaching: a full read of each profile. */
async function approachingDates(
	this: IPollFunctions,
	p: Params,
	profiles: string[],
): Promise<Array<ApproachingDate & { profileId: string }>> {
	const found: Array<ApproachingDate & { profileId: string }> = [];
	const day = today.call(this);
	for (const profileId of profiles) {
		const { loops } = await concerning(
			this,
			`Profile ${profileId}`,
			async () => await readOpenLoopsWithDetails.call(this, profileId, p.includeClosed),
		);
		const warn = unreadableDate.call(this, p, profileId);
		for (const entry of datesWithin(loops, p.dateField, day, p.withinDays, warn))
			found.push({ ...entry, profileId });
	}
	return found;
}

/** Loop Date Approaching, active: each profile's daily full read or its change feed. */
async function pollDates(
	this: IPollFunctions,
	p: Params,
	profiles: string[],
	previous: PollState | undefined,
	state: PollState,
): Promise<IDataObject[]> {
	const stored = { profiles: previous?.approaching?.profiles, legacy: previous?.dates };
	const scopeChanged =
		previous?.approaching !== undefined && previous.approaching.includeClosed !== p.includeClosed;
	const approaching = {
		includeClosed: p.includeClosed,
		profiles: {} as Record<string, ProfileDates>,
	};
	const day = today.call(this);
	const items: IDataObject[] = [];
	for (const profileId of profiles) {
		const result = await concerning(
			this,
			`Profile ${profileId}`,
			async () =>
				await pollProfileDates.call(
					this,
					profileId,
					profileDatesBefore(stored, profileId, scopeChanged),
					{
						dateField: p.dateField,
						withinDays: p.withinDays,
						includeClosed: p.includeClosed,
						today: day,
						onUnreadable: unreadableDate.call(this, p, profileId),
					},
				),
		);
		approaching.profiles[profileId] = result.next;
		if (previous !== undefined || p.emitExisting)
			items.push(...result.fresh.map((e) => dateItem({ ...e, profileId }, p.dateField)));
	}
	state.approaching = approaching;
	return items;
}

async function failedSample(this: IPollFunctions): Promise<IDataObject[]> {
	const { subscriptions } = await listSubscriptions.call(this);
	const items: IDataObject[] = [];
	for (const subscription of subscriptions) {
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
}

/** A manual run: the most recent matching records, state untouched. */
async function sample(this: IPollFunctions, p: Params): Promise<IDataObject[]> {
	if (LOOP_EVENTS.includes(p.event)) {
		const { ids } = await watchedProfiles.call(this, p, undefined);
		if (p.event === 'loopDateApproaching') {
			return (await approachingDates.call(this, p, ids)).map((e) => dateItem(e, p.dateField));
		}
		return await sampleLoops.call(this, p, ids);
	}
	if (p.event === 'contactCreated' || p.event === 'contactUpdated') {
		const recent = await recentContacts.call(
			this,
			p.event === 'contactCreated' ? 100 : SAMPLE_SIZE,
		);
		return p.event === 'contactCreated'
			? recent.sort((a, b) => Number(b.id) - Number(a.id)).slice(0, SAMPLE_SIZE)
			: recent;
	}
	if (p.event === 'failedWebhookDeliveries') return await failedSample.call(this);
	const { subscriptions } = await listSubscriptions.call(this);
	return subscriptions
		.filter((s) => s.enabled === false)
		.map((s) => ({ ...subscriptionItem(s), reEnabled: false }));
}

/** One active poll: new state and the items to emit. */
async function pollOnce(
	this: IPollFunctions,
	p: Params,
	previous: PollState | undefined,
): Promise<{ items: IDataObject[]; state: PollState }> {
	const firstPoll = previous === undefined;
	const state: PollState = { version: 1, watching: watching(p) };
	const items: IDataObject[] = [];

	if (LOOP_EVENTS.includes(p.event)) {
		const profiles = await watchedProfiles.call(this, p, previous?.profiles);
		if (p.watch === 'allProfiles') state.profiles = profiles;
		if (p.event === 'loopDateApproaching') {
			items.push(...(await pollDates.call(this, p, profiles.ids, previous, state)));
			return { items, state };
		}
		state.loops = {};
		for (const profileId of profiles.ids) {
			const result = await concerning(
				this,
				`Profile ${profileId}`,
				async () =>
					await pollLoops.call(this, p, profileId, previous?.loops?.[profileId], firstPoll),
			);
			state.loops[profileId] = result.state;
			items.push(...result.items);
		}
		return { items, state };
	}

	if (p.event === 'contactCreated' || p.event === 'contactUpdated') {
		if (!previous?.contacts) {
			const start = await concerning(this, 'Contacts', async () => await startContacts.call(this));
			state.contacts = start.state;
			if (p.emitExisting) items.push(...start.all);
			return { items, state };
		}
		const result = await concerning(
			this,
			'Contacts',
			async () => await pollContacts.call(this, previous.contacts as ContactState),
		);
		state.contacts = result.next;
		items.push(...(p.event === 'contactCreated' ? result.created : result.updated));
		return { items, state };
	}

	const { subscriptions } = await concerning(
		this,
		'Subscriptions',
		async () => await listSubscriptions.call(this),
	);
	if (p.event === 'failedWebhookDeliveries') {
		state.failed = {};
		for (const subscription of subscriptions) {
			const id = String(subscription.id);
			const result = await concerning(
				this,
				`Subscription ${id}`,
				async () => await pollFailedEvents.call(this, id, previous?.failed?.[id]),
			);
			state.failed[id] = result.next;
			// A subscription that appears after the first poll is new: its failures are all news.
			if (!firstPoll || p.emitExisting) {
				items.push(...result.changes.map((event) => failedEventItem(event, subscription)));
			}
		}
		return { items, state };
	}

	const wasDisabled = new Set(previous?.disabled ?? []);
	const disabled: string[] = [];
	for (const subscription of subscriptions) {
		const id = String(subscription.id);
		if (subscription.enabled !== false) continue;
		const news = !wasDisabled.has(id) && (!firstPoll || p.emitExisting);
		if (!news) {
			disabled.push(id);
			continue;
		}
		const item: IDataObject = { ...subscriptionItem(subscription), reEnabled: false };
		if (p.reEnable) {
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
	state.disabled = disabled;
	return { items, state };
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
	const p = readParams.call(this);
	if (this.getMode() === 'manual') {
		const items = await sample.call(this, p);
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
	try {
		const staticData = this.getWorkflowStaticData('node');
		const stored = staticData[STATE_KEY] as PollState | undefined;
		const previous = stored?.version === 1 && stored.watching === watching(p) ? stored : undefined;
		const { items, state } = await pollOnce.call(this, p, previous);
		// Only now, after every request succeeded: a failed poll leaves the state as it was.
		staticData[STATE_KEY] = state as unknown as IDataObject;
		return items.length ? [this.helpers.returnJsonArray(items)] : null;
	} finally {
		pollsInFlight.delete(key);
	}
}
