import * as account from './account';
import * as activity from './activity';
import * as contact from './contact';
import * as document from './document';
import * as folder from './folder';
import * as loop from './loop';
import * as loopDetail from './loopDetail';
import * as loopIt from './loopIt';
import * as loopTemplate from './loopTemplate';
import * as participant from './participant';
import * as profile from './profile';
import * as task from './task';
import * as taskList from './taskList';
import type { DotloopResource } from './types';
import * as webhookEvent from './webhookEvent';
import * as webhookSubscription from './webhookSubscription';

interface ResourceEntry extends DotloopResource {
	/** Shown in the Resource dropdown. */
	name: string;
}

/** Every resource of the node, keyed by the value of the Resource parameter. */
export const resources: Record<string, ResourceEntry> = {
	account: { name: 'Account', ...account },
	activity: { name: 'Activity', ...activity },
	contact: { name: 'Contact', ...contact },
	document: { name: 'Document', ...document },
	folder: { name: 'Folder', ...folder },
	loop: { name: 'Loop', ...loop },
	loopDetail: { name: 'Loop Detail', ...loopDetail },
	loopIt: { name: 'Loop-It', ...loopIt },
	loopTemplate: { name: 'Loop Template', ...loopTemplate },
	participant: { name: 'Participant', ...participant },
	profile: { name: 'Profile', ...profile },
	task: { name: 'Task', ...task },
	taskList: { name: 'Task List', ...taskList },
	webhookEvent: { name: 'Webhook Event', ...webhookEvent },
	webhookSubscription: { name: 'Webhook Subscription', ...webhookSubscription },
};
