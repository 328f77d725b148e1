import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { loopLocator, profileLocator } from '../../descriptions/locators';
import { readId } from '../../parameters/validation';
import { itemLoopPath } from '../loopPath';
import { requestItems } from '../output';
import { participantIdField } from './fields';

export const properties: INodeProperties[] = [profileLocator, loopLocator, participantIdField];

export const toolDescription =
	'Get one participant of a loop: name, role, email and contact details. Reads only, changes nothing. Cost: 1 request.';

/** GET /profile/:profile_id/loop/:loop_id/participant/:participant_id */
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const path = itemLoopPath.call(this, i);
	const participantId = readId.call(this, 'participantId', 'Participant ID', i);
	return await requestItems.call(this, {
		method: 'GET',
		path: `${path}/participant/${participantId}`,
	});
}
