import { DateTime } from 'luxon';
import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, IHookFunctions } from 'n8n-workflow';

import { isDotloopId, isDotloopUuid, UUID_EXAMPLE } from '../rules/ids';
import { LOOP_URL_EXAMPLE } from '../rules/loops';
import { TRANSACTION_STATUSES, type TransactionType } from '../rules/statuses';
import {
	isHttpsUrl,
	MAX_SUBSCRIPTION_URL_LENGTH,
	WEBHOOK_EVENTS,
	type WebhookTargetType,
} from '../rules/subscriptions';
import { clip } from '../transport/errors';

export { clip };

/**
 * Parameter readers that refuse bad input before any request, with a NodeOperationError that names
 * the parameter and says what is allowed.
 */
type ParamContext = IExecuteFunctions | IHookFunctions;

function fail(ctx: ParamContext, message: string, itemIndex: number, description?: string): never {
	throw new NodeOperationError(ctx.getNode(), message, { itemIndex, description });
}

export function toDotloopId(
	ctx: ParamContext,
	raw: unknown,
	label: string,
	itemIndex: number,
): number {
	const text = String(raw ?? '').trim();
	if (!isDotloopId(text) || !Number.isSafeInteger(Number(text))) {
		fail(
			ctx,
			`"${label}" must be a Dotloop ID (a positive whole number), not "${clip(text)}"`,
			itemIndex,
			text === '' ? `Set "${label}" to the ID of the record in Dotloop.` : undefined,
		);
	}
	return Number(text);
}

/** Reads a numeric ID from a resource locator (any mode) or a plain parameter. */
export function readId(
	this: IExecuteFunctions,
	name: string,
	label: string,
	itemIndex: number,
): number {
	let raw: unknown;
	let failure: unknown;
	try {
		raw = this.getNodeParameter(name, itemIndex, '', { extractValue: true });
	} catch (error) {
		failure = error;
	}
	if (failure !== undefined) {
		// n8n's own message for a By URL value that is no link does not say what a link looks like.
		const locator = this.getNodeParameter(name, itemIndex, '') as {
			mode?: unknown;
			value?: unknown;
		};
		if (locator?.mode !== 'url') throw failure;
		const text = String(locator.value ?? '').trim();
		fail(
			this,
			`"${label}" is not a Dotloop loop link: "${text.length > 80 ? `${text.slice(0, 80)}…` : text}"`,
			itemIndex,
			`Paste the loop's address from the browser; it looks like ${LOOP_URL_EXAMPLE} (the number after viewId= is the loop ID). Or choose By ID.`,
		);
	}
	return toDotloopId(this, raw, label, itemIndex);
}

export function readUuid(
	this: IExecuteFunctions,
	name: string,
	label: string,
	itemIndex: number,
): string {
	const text = String(
		this.getNodeParameter(name, itemIndex, '', { extractValue: true }) ?? '',
	).trim();
	if (!isDotloopUuid(text)) {
		fail(
			this,
			`"${label}" must be a Dotloop UUID such as ${UUID_EXAMPLE}, not "${clip(text)}"`,
			itemIndex,
		);
	}
	return text;
}

export function assertMaxLength(
	ctx: ParamContext,
	value: string | undefined,
	label: string,
	max: number,
	itemIndex: number,
) {
	if (value !== undefined && value.length > max) {
		fail(
			ctx,
			`"${label}" may be at most ${max} characters long; it has ${value.length}`,
			itemIndex,
		);
	}
}

/** An update operation's "Update Fields" must change something; `what` says what it can hold. */
export function assertUpdateFields(
	ctx: ParamContext,
	body: IDataObject,
	itemIndex: number,
	what = 'field to change',
) {
	if (Object.keys(body).length === 0) {
		throw new NodeOperationError(
			ctx.getNode(),
			`"Update Fields" is empty: add at least one ${what}`,
			{ itemIndex },
		);
	}
}

export function assertRequiredText(
	ctx: ParamContext,
	value: string | undefined,
	label: string,
	itemIndex: number,
): string {
	const text = (value ?? '').trim();
	if (text === '') fail(ctx, `"${label}" is required and may not be empty`, itemIndex);
	return text;
}

export function assertHttpsUrl(
	ctx: ParamContext,
	value: string,
	label: string,
	itemIndex: number,
	max = MAX_SUBSCRIPTION_URL_LENGTH,
) {
	if (!isHttpsUrl(value)) {
		fail(
			ctx,
			`"${label}" must be an https:// URL (Dotloop only posts to HTTPS), not "${clip(value)}"`,
			itemIndex,
		);
	}
	assertMaxLength(ctx, value, label, max, itemIndex);
}

export function assertStatusFitsType(
	ctx: ParamContext,
	transactionType: string,
	status: string,
	itemIndex: number,
) {
	const allowed = TRANSACTION_STATUSES[transactionType as TransactionType] as
		| readonly string[]
		| undefined;
	if (!allowed) {
		fail(
			ctx,
			`"Transaction Type" must be one of ${Object.keys(TRANSACTION_STATUSES).join(', ')}, not "${clip(transactionType)}"`,
			itemIndex,
		);
	}
	if (!allowed.includes(status)) {
		fail(
			ctx,
			`"Status" ${clip(status)} does not fit transaction type ${transactionType}: use one of ${allowed.join(', ')}`,
			itemIndex,
		);
	}
}

export function assertOneOf(
	ctx: ParamContext,
	value: string,
	allowed: readonly string[],
	label: string,
	itemIndex: number,
) {
	if (!allowed.includes(value)) {
		fail(ctx, `"${label}" must be one of ${allowed.join(', ')}, not "${clip(value)}"`, itemIndex);
	}
}

/**
 * Dotloop's filters take whole-second UTC timestamps and reject milliseconds ("Unparseable date").
 * A value without a zone (as n8n's date picker gives) is read in the workflow's timezone.
 */
export function toWholeSecondUtc(
	ctx: IExecuteFunctions,
	value: unknown,
	label: string,
	itemIndex: number,
): string {
	let time: DateTime;
	if (value instanceof Date) time = DateTime.fromJSDate(value);
	else if (DateTime.isDateTime(value)) time = value;
	else time = DateTime.fromISO(String(value ?? '').trim(), { zone: ctx.getTimezone() });
	if (!time.isValid) {
		fail(
			ctx,
			`"${label}" must be a date and time, such as 2024-01-31T09:30:00Z, not "${clip(value)}"`,
			itemIndex,
		);
	}
	return time.toUTC().startOf('second').toISO({ suppressMilliseconds: true }) as string;
}

/** The record limit of a Get Many: undefined for Return All. */
export function readPageLimit(this: IExecuteFunctions, itemIndex: number): number | undefined {
	if (this.getNodeParameter('returnAll', itemIndex, false) as boolean) return undefined;
	const limit = Number(this.getNodeParameter('limit', itemIndex, 50));
	if (!Number.isInteger(limit) || limit < 1) {
		throw new NodeOperationError(
			this.getNode(),
			`"Limit" must be a whole number of at least 1, not "${clip(limit)}"`,
			{
				itemIndex,
			},
		);
	}
	return limit;
}

/**
 * Refuses, before any request, an empty event list and event types a subscription to `targetType`
 * cannot receive (an expression can return anything), naming the parameter and the allowed types.
 */
export function assertEventTypes(
	ctx: IExecuteFunctions | IHookFunctions,
	eventTypes: string[],
	targetType: WebhookTargetType,
	label: string,
	itemIndex: number,
): void {
	const allowed = WEBHOOK_EVENTS[targetType] as readonly string[];
	if (eventTypes.length === 0) {
		throw new NodeOperationError(
			ctx.getNode(),
			`"${label}" is empty: choose at least one event type`,
			{ itemIndex, description: `A ${targetType} subscription can receive ${allowed.join(', ')}.` },
		);
	}
	const misfits = eventTypes.filter((eventType) => !allowed.includes(eventType));
	if (misfits.length) {
		throw new NodeOperationError(
			ctx.getNode(),
			`"${label}" has event types a ${targetType} subscription cannot receive: ${misfits.map((misfit) => clip(misfit)).join(', ')}. Allowed: ${allowed.join(', ')}`,
			{ itemIndex },
		);
	}
}
