import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { humanize, sortedOptions, toOptions } from '../../descriptions/options';
import {
	TRANSACTION_STATUSES,
	TRANSACTION_STATUS_VALUES,
	TRANSACTION_TYPES,
} from '../../rules/statuses';
import { loopTemplateLocator } from '../../descriptions/locators';
import {
	assertMaxLength,
	assertRequiredText,
	assertStatusFitsType,
	toDotloopId,
} from '../../parameters/validation';

/** Dotloop's limit for a loop name (docs: "Loop-It", "Create a Loop", "Update a Loop"). */
export const LOOP_NAME_MAX = 200;

/** Every status, each saying which transaction types it fits (docs: "Loop Transactions corresponding Statuses"). */
const allStatusOptions = sortedOptions(
	TRANSACTION_STATUS_VALUES.map((status) => ({
		name: humanize(status),
		value: status,
		description: `For ${TRANSACTION_TYPES.filter((type) =>
			(TRANSACTION_STATUSES[type] as readonly string[]).includes(status),
		)
			.map(humanize)
			.join(', ')}`,
	})),
);

export const loopNameField: INodeProperties = {
	displayName: 'Name',
	name: 'name',
	type: 'string',
	default: '',
	placeholder: 'e.g. Atturo Garay, 3059 Main, Chicago, IL 60614',
	description:
		'Name of the loop, usually the property address or the lead name (at most 200 characters)',
};

export const transactionTypeField: INodeProperties = {
	displayName: 'Transaction Type',
	name: 'transactionType',
	type: 'options',
	options: sortedOptions(toOptions(TRANSACTION_TYPES)),
	default: 'PURCHASE_OFFER',
	description: 'Type of transaction; it decides which statuses the loop can have',
};

/**
 * The Status parameter as one list per transaction type, each holding only the statuses Dotloop
 * allows for that type (docs: "Loop Transactions corresponding Statuses") and shown only for it. While the type is none of the fixed
 * values (an expression, or not added yet to Update Fields) a list of every status is shown instead.
 * All of them store the same `status` value; execute() checks that it fits the type either way.
 */
export function statusFields(required: boolean): INodeProperties[] {
	const common = { displayName: 'Status', name: 'status', type: 'options' as const, required };
	return [
		...TRANSACTION_TYPES.map((type) => ({
			...common,
			options: sortedOptions(toOptions(TRANSACTION_STATUSES[type])),
			default: TRANSACTION_STATUSES[type][0],
			description: `Status of the loop, from those a ${humanize(type)} loop can have`,
			displayOptions: { show: { transactionType: [type] } },
		})),
		{
			...common,
			options: allStatusOptions,
			default: 'PRE_OFFER',
			description: 'Status of the loop; it must fit the transaction type',
			displayOptions: { hide: { transactionType: [...TRANSACTION_TYPES] } },
		},
	];
}

/** The loop name: required, at most 200 characters. */
export function readLoopName(this: IExecuteFunctions, i: number): string {
	const name = assertRequiredText(this, this.getNodeParameter('name', i, '') as string, 'Name', i);
	assertMaxLength(this, name, 'Name', LOOP_NAME_MAX, i);
	return name;
}

/** Transaction type and status, refused before any request unless the status fits the type. */
export function readTypeAndStatus(
	this: IExecuteFunctions,
	i: number,
): { transactionType: string; status: string } {
	const transactionType = String(this.getNodeParameter('transactionType', i, '')).trim();
	const status = String(this.getNodeParameter('status', i, '')).trim();
	assertStatusFitsType(this, transactionType, status, i);
	return { transactionType, status };
}

/**
 * The loop template a new loop starts from, sent as `templateId`. Optional, except on profiles whose
 * `requiresTemplate` is true (changelog 05/17/2017), where Dotloop refuses a loop without one.
 */
export const optionalTemplateField: INodeProperties = {
	...loopTemplateLocator,
	name: 'templateId',
	displayName: 'Loop Template',
	required: false,
	description:
		'The loop template to create the loop from. Optional, unless the profile requires a template (its requiresTemplate flag).',
};

/** The chosen template's ID, or undefined when none was chosen. */
export function readTemplateId(this: IExecuteFunctions, i: number): number | undefined {
	const template = this.getNodeParameter('templateId', i, '', { extractValue: true });
	return String(template ?? '').trim() === ''
		? undefined
		: toDotloopId(this, template, 'Loop Template', i);
}
