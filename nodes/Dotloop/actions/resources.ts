import * as contact from './contact';
import * as loop from './loop';
import * as account from './account';
import * as profile from './profile';
import * as loopTemplate from './loopTemplate';
import type { DotloopResource } from './types';

interface ResourceEntry extends DotloopResource {
	/** Shown in the Resource dropdown. */
	name: string;
}

/** Every resource of the node, keyed by the value of the Resource parameter. */
export const resources: Record<string, ResourceEntry> = {
	contact: { name: 'Contact', ...contact },
	loop: { name: 'Loop', ...loop },
	account: { name: 'Account', ...account },
	profile: { name: 'Profile', ...profile },
	loopTemplate: { name: 'Loop Template', ...loopTemplate },
};
