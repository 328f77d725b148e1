import { ContactDirectory } from './contact/directory';

/**
 * What the items of one execution of the node (one call of execute() over all its input items)
 * share. The router makes a new one for every execution, so nothing in it outlives the execution or
 * reaches another workflow.
 */
export interface ExecutionScope {
	/** The account's contacts, read once for Create or Update and Find, kept current by every contact operation. */
	readonly contacts: ContactDirectory;
}

export function newExecutionScope(): ExecutionScope {
	return { contacts: new ContactDirectory() };
}
