import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { loopTemplateLocator, profileLocator } from '../../descriptions/locators';
import { readId } from '../../parameters/validation';
import { requestItems } from '../output';

/** 13.2 Retrieve an Individual Loop Template: GET /profile/:profile_id/loop-template/:loop_template_id */
export const toolDescription =
	'Get one loop template of a profile. Reads only, changes nothing. Cost: 1 request.';

export const properties: INodeProperties[] = [profileLocator, loopTemplateLocator];

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const profileId = readId.call(this, 'profileId', 'Profile', i);
	const templateId = readId.call(this, 'loopTemplateId', 'Loop Template', i);
	return await requestItems.call(this, {
		method: 'GET',
		path: `/profile/${profileId}/loop-template/${templateId}`,
	});
}
