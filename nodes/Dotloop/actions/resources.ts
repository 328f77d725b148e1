import * as contact from './contact';
import type { DotloopResource } from './types';

interface ResourceEntry extends DotloopResource {
	/** Shown in the Resource dropdown. */
	name: string;
}

/** Every resource of the node, keyed by the value of the Resource parameter. */
export const resources: Record<string, ResourceEntry> = {
	contact: { name: 'Contact', ...contact },
};
