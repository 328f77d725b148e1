import * as contact from './contact';
import * as loopDetail from './loopDetail';
import * as loopIt from './loopIt';
import * as loop from './loop';
import * as account from './account';
import * as profile from './profile';
import * as loopTemplate from './loopTemplate';
import * as folder from './folder';
import * as taskList from './taskList';
import * as task from './task';
import * as activity from './activity';
import * as participant from './participant';
import * as document from './document';
import * as webhookEvent from './webhookEvent';
import * as webhookSubscription from './webhookSubscription';
import type { DotloopResource } from './types';

interface ResourceEntry extends DotloopResource {
	/** Shown in the Resource dropdown. */
	name: string;
}

/** Every resource of the node, keyed by the value of the Resource parameter. */
export const resources: Record<string, ResourceEntry> = {
	contact: { name: 'Contact', ...contact },
	loopDetail: { name: 'Loop Detail', ...loopDetail },
	loopIt: { name: 'Loop-It', ...loopIt },
	loop: { name: 'Loop', ...loop },
	account: { name: 'Account', ...account },
	profile: { name: 'Profile', ...profile },
	loopTemplate: { name: 'Loop Template', ...loopTemplate },
	folder: { name: 'Folder', ...folder },
	taskList: { name: 'Task List', ...taskList },
	task: { name: 'Task', ...task },
	activity: { name: 'Activity', ...activity },
	participant: { name: 'Participant', ...participant },
	document: { name: 'Document', ...document },
	webhookSubscription: { name: 'Webhook Subscription', ...webhookSubscription },
	webhookEvent: { name: 'Webhook Event', ...webhookEvent },
};
