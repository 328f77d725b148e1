import { DateTime } from 'luxon';
import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, INodeProperties, IPollFunctions } from 'n8n-workflow';

import {
	DATE_FIELDS,
	datesWithin,
	pollProfileDates,
	profileDatesBefore,
	readOpenLoopsWithDetails,
	type ApproachingDate,
	type ProfileDates,
	type UnreadableDate,
} from '../dates';
import {
	forEachProfile,
	pollEachProfile,
	readWatch,
	watchedProfiles,
	withProfile,
	type PerProfileState,
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

/** Each profile's day of its last full read, its change window and the dates it announced. */
interface DatesState extends PerProfileState<ProfileDates> {
	includeClosed?: boolean;
	/** As stored before `loops`: `profile:loop` → the date announced; read once, not written. */
	dates?: Record<string, string>;
}

type Found = ApproachingDate & { profileId: string };

function today(this: IPollFunctions): string {
	return DateTime.now().setZone(this.getTimezone()).toISODate() as string;
}

/** A detail date that is not a date is skipped, and named in n8n's log; the poll goes on. */
function unreadableDate(this: IPollFunctions, label: string, profileId: string): UnreadableDate {
	return (loop, value) =>
		this.logger.warn(
			`Dotloop Polling Trigger: loop ${String(loop.id)} of profile ${profileId}: ${label} "${value}" is not a date; skipped`,
		);
}

/** A manual run: a full read of each profile that answers. */
async function approachingDates(
	this: IPollFunctions,
	profiles: string[],
	params: DateParams,
): Promise<Found[]> {
	const day = today.call(this);
	const read = await forEachProfile(
		this,
		profiles,
		async (profileId) => await readOpenLoopsWithDetails.call(this, profileId, params.includeClosed),
	);
	const found: Found[] = [];
	for (const [profileId, { loops }] of read) {
		const warn = unreadableDate.call(this, params.label, profileId);
		for (const entry of datesWithin(loops, params.dateField, day, params.withinDays, warn))
			found.push({ ...entry, profileId });
	}
	return found;
}

interface DateParams {
	dateField: string;
	label: string;
	withinDays: number;
	includeClosed: boolean;
}

function readDateParams(this: IPollFunctions): DateParams {
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
	const options = this.getNodeParameter('options', {}) as IDataObject;
	const label = DATE_FIELDS.find((f) => f.value === dateField)?.name ?? dateField;
	return { dateField, label, withinDays, includeClosed: options.includeClosed === true };
}

/**
 * Loop Date Approaching: each profile's loops in progress (all with Include Closed Loops) read in full
 * once a day in the workflow's time zone, the loops changed since in between; each loop and date
 * emitted once.
 */
export const loopDateApproaching: PollEventModule = {
	prepare(common) {
		const watch: Watch = readWatch.call(this);
		const params = readDateParams.call(this);
		const dateItem = (entry: Found): IDataObject => ({
			...withProfile(entry.loop, entry.profileId),
			dateField: params.label,
			date: entry.date,
			daysUntil: entry.daysUntil,
		});
		return {
			watching: watchingKey(common.event, { ...watch, dateField: params.dateField }),
			async sample(this: IPollFunctions) {
				const { ids } = await watchedProfiles.call(this, watch, undefined);
				return (await approachingDates.call(this, ids, params)).map(dateItem);
			},
			async poll(this: IPollFunctions, stored) {
				const previous = stored as DatesState | undefined;
				const scopeChanged =
					previous?.includeClosed !== undefined && previous.includeClosed !== params.includeClosed;
				const day = today.call(this);
				const emit = previous !== undefined || common.emitExisting;
				const { items, state } = await pollEachProfile<ProfileDates>(
					this,
					watch,
					previous,
					async (profileId, kept) => {
						const result = await pollProfileDates.call(
							this,
							profileId,
							profileDatesBefore(kept, previous?.dates, profileId, scopeChanged),
							{
								...params,
								today: day,
								onUnreadable: unreadableDate.call(this, params.label, profileId),
							},
						);
						const found = emit ? result.fresh.map((e) => dateItem({ ...e, profileId })) : [];
						return { items: found, state: result.next };
					},
				);
				return { items, state: { ...state, includeClosed: params.includeClosed } };
			},
		};
	},
};
