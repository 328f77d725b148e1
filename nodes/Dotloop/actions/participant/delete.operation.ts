import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { loopLocator, profileLocator } from '../../descriptions/locators';
import { readId } from '../../parameters/validation';
import { dotloopRequest } from '../../transport';
import { itemLoopPath } from '../loopPath';
import { deleted } from '../output';
import { participantIdField } from './fields';

export const properties: INodeProperties[] = [profileLocator, loopLocator, participantIdField];

export const toolDescription =
	'Remove a participant from a loop. Changes data in Dotloop. Cost: 1 request.';

/** DELETE /profile/:profile_id/loop/:loop_id/participant/:participant_id */
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const path = itemLoopPath.call(this, i);
	const participantId = readId.call(this, 'participantId', 'Participant ID', i);
	await dotloopRequest.call(this, {
		method: 'DELETE',
		path: `${path}/participant/${participantId}`,
	});
	return deleted(participantId);
}
