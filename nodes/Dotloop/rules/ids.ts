/**
 * How Dotloop names its records: profiles, loops, folders, documents, participants, tasks and contacts
 * by a positive whole number; subscriptions and their events by a UUID (section 15).
 */
const ID = '[1-9][0-9]*';
const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';

const WHOLE_ID = new RegExp(`^${ID}$`);
const WHOLE_UUID = new RegExp(`^${UUID}$`);

/** Text that is a Dotloop ID, as typed (not trimmed). */
export function isDotloopId(text: string): boolean {
	return WHOLE_ID.test(text);
}

export function isDotloopUuid(text: string): boolean {
	return WHOLE_UUID.test(text);
}

/** The same two rules as patterns for a locator's By ID field, which n8n checks untrimmed. */
export const ID_FIELD_PATTERN = `^\\s*${ID}\\s*$`;
export const UUID_FIELD_PATTERN = `^\\s*${UUID}\\s*$`;
export const UUID_EXAMPLE = '4370bfdb-af96-430c-9871-90badf4d5608';
