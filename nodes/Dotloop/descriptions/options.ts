import { WEBHOOK_EVENTS, type WebhookTargetType } from '../rules/subscriptions';

/** Option lists made from Dotloop's fixed values, as n8n's lint wants them. */

/** Turns `LISTING_FOR_SALE` into "Listing For Sale" for option lists. */
export function humanize(constant: string): string {
	return constant
		.toLowerCase()
		.split('_')
		.map((word) => word.charAt(0).toUpperCase() + word.slice(1))
		.join(' ');
}

export function toOptions(values: readonly string[]) {
	return values.map((value) => ({ name: humanize(value), value }));
}

/** Options in alphabetical order of their names (n8n's lint asks it of every option list). */
export function sortedOptions<T extends { name: string }>(options: readonly T[]): T[] {
	return [...options].sort((a, b) => a.name.localeCompare(b.name));
}

/** Parameters of a collection in alphabetical order of their display names (n8n's lint asks it too). */
export function sortedByDisplayName<T extends { displayName: string }>(
	properties: readonly T[],
): T[] {
	return [...properties].sort((a, b) => a.displayName.localeCompare(b.displayName));
}

/** The event types of one target type, as options of a multi-select. */
export function eventTypeOptions(targetType: WebhookTargetType) {
	return sortedOptions(toOptions(WEBHOOK_EVENTS[targetType]));
}
