import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { profileLocator } from '../../descriptions/locators';
import { readId } from '../../parameters/validation';
import { requestItems } from '../output';
import {
	loopNameField,
	optionalTemplateField,
	readLoopName,
	readTemplateId,
	readTypeAndStatus,
	statusFields,
	transactionTypeField,
} from './fields';

/**
 * 5.3 Create a Loop: POST /profile/:profile_id/loop with name, status and transactionType, and
 * `templateId` when a template is chosen. Loops live only in INDIVIDUAL profiles; for property data or
 * participants use Loop-It.
 */
export const properties: INodeProperties[] = [
	profileLocator,
	{ ...loopNameField, required: true },
	{ ...transactionTypeField, required: true },
	...statusFields(true),
	optionalTemplateField,
];

export const toolDescription =
	'Create a loop (a transaction) in a profile, with a name, transaction type and status, and a template where the profile needs one. Changes data in Dotloop. Cost: 1 request.';

const NO_TEMPLATE =
	'Check the fields named above. If this profile needs a template for new loops (its entry in the Profile list says so), choose one in "Loop Template".';
/** Dotloop's refusal of a loop without a template on a profile that requires one (400 or 422). */
const NO_TEMPLATE_HINTS = { 400: NO_TEMPLATE, 422: NO_TEMPLATE };

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const profileId = readId.call(this, 'profileId', 'Profile', i);
	const name = readLoopName.call(this, i);
	const { transactionType, status } = readTypeAndStatus.call(this, i);
	const templateId = readTemplateId.call(this, i);
	const body: IDataObject = { name, transactionType, status };
	if (templateId !== undefined) body.templateId = templateId;
	return await requestItems.call(this, {
		method: 'POST',
		path: `/profile/${profileId}/loop`,
		body,
		hints: templateId === undefined ? NO_TEMPLATE_HINTS : undefined,
	});
}
