import { DateTime } from 'luxon';
import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, INodeProperties, IPollFunctions } from 'n8n-workflow';

import {
	DATE_FIELDS,
	datesWithin,
	newApproachingDates,
	readOpenLoopsWithDetails,
	type ApproachingDate,
} from '../dates';
import {
	forEachProfile,
	readWatch,
	watchedProfiles,
	withProfile,
	type ProfileList,
	type Watch,
} from '../profiles';
import { watchingKey, type PollEventModule } from './types';

const DEFAULT_WITHIN_DAYS = 7;
const MAX_WITHIN_DAYS = 365;

export const properties: INodeProperties[] = [
	{
		displayName: 'Date',
		name: 'dateField',
		type: 'options',
		default: 'Contract Dates|Closing Date',
		options: DATE_FIELDS,
		description: 'The loop-detail date to watch',
		displayOptions: { show: { event: ['loopDateApproaching'] } },
	},
	{
		displayName: 'Within Days',
		name: 'withinDays',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: MAX_WITHIN_DAYS },
		default: DEFAULT_WITHIN_DAYS,
		description:
			'Emit a loop once when the date is between today and this many days ahead (again if the date changes)',
		displayOptions: { show: { event: ['loopDateApproaching'] } },
	},
];

interface DatesState {
	profiles?: ProfileList;
	/** `profile:loop` → the date already announced. */
	dates?: Record<string, string>;
}

type Found = ApproachingDate & { profileId: string };

function today(this: IPollFunctions): string {
	return DateTime.now().setZone(this.getTimezone()).toISODate() as string;
}

/** The approaching dates of each profile that answered; `answered` lists those profiles. */
async function approachingDates(
	this: IPollFunctions,
	profiles: string[],
	dateField: string,
	withinDays: number,
): Promise<{ found: Found[]; answered: Set<string> }> {
	const day = today.call(this);
	const read = await forEachProfile(
		this,
		profiles,
		async (profileId) => await readOpenLoopsWithDetails.call(this, profileId),
	);
	const found: Found[] = [];
	for (const [profileId, { loops }] of read) {
		for (const entry of datesWithin(loops, dateField, day, withinDays))
			found.push({ ...entry, profileId });
	}
	return { found, answered: new Set(read.keys()) };
}

function readDateParams(this: IPollFunctions): { dateField: string; withinDays: number } {
	const dateField = String(this.getNodeParameter('dateField'));
	if (!DATE_FIELDS.some((f) => f.value === dateField)) {
		throw new NodeOperationError(
			this.getNode(),
			`Date: "${dateField}" is not one of ${DATE_FIELDS.map((f) => f.name).join(', ')}`,
		);
	}
	const withinDays = Number(this.getNodeParameter('withinDays', DEFAULT_WITHIN_DAYS));
	if (!Number.isInteger(withinDays) || withinDays < 0 || withinDays > MAX_WITHIN_DAYS) {
		throw new NodeOperationError(
			this.getNode(),
			`Within Days: ${withinDays} is not allowed; use a whole number from 0 to ${MAX_WITHIN_DAYS}`,
		);
	}
	return { dateField, withinDays };
}

/** Loop Date Approaching: every open loop's details, each loop and date emitted once. */
export const loopDateApproaching: PollEventModule = {
	prepare(common) {
		const watch: Watch = readWatch.call(this);
		const { dateField, withinDays } = readDateParams.call(this);
		const label = DATE_FIELDS.find((f) => f.value === dateField)?.name ?? dateField;
		const dateItem = (entry: Found): IDataObject => ({
			...withProfile(entry.loop, entry.profileId),
			dateField: label,
			date: entry.date,
			daysUntil: entry.daysUntil,
		});
		return {
			watching: watchingKey(common.event, { ...watch, dateField }),
			async sample(this: IPollFunctions) {
				const { ids } = await watchedProfiles.call(this, watch, undefined);
				return (await approachingDates.call(this, ids, dateField, withinDays)).found.map(dateItem);
			},
			async poll(this: IPollFunctions, stored) {
				const previous = stored as DatesState | undefined;
				const profiles = await watchedProfiles.call(this, watch, previous?.profiles);
				const state: DatesState = {};
				if (watch.watch === 'allProfiles') state.profiles = profiles;
				const { found, answered } = await approachingDates.call(
					this,
					profiles.ids,
					dateField,
					withinDays,
				);
				const { fresh, emitted } = newApproachingDates(previous?.dates ?? {}, found);
				// A refused profile keeps the dates already announced for it.
				for (const [key, date] of Object.entries(previous?.dates ?? {})) {
					if (!answered.has(key.slice(0, key.indexOf(':')))) emitted[key] = date;
				}
				state.dates = emitted;
				const items = previous !== undefined || common.emitExisting ? fresh.map(dateItem) : [];
				return { items, state };
			},
		};
	},
};
