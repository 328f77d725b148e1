import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { resources } from './resources';

/** "resource.operation" → "Get Full: Loop": the names the Resource and Operation dropdowns show. */
function readableNames(): Record<string, string> {
	const names: Record<string, string> = {};
	for (const [resourceValue, resource] of Object.entries(resources)) {
		const selector = resource.description.find(
			(property: INodeProperties) => property.name === 'operation',
		);
		for (const option of (selector?.options ?? []) as INodePropertyOptions[])
			names[`${resourceValue}.${String(option.value)}`] = `${option.name}: ${resource.name}`;
	}
	return names;
}

/**
 * The subtitle under the node on the canvas, as n8n's own nodes show it (operation: resource), in the
 * dropdowns' words rather than internal values. The canvas evaluates it with only $parameter at hand, so
 * the names travel inside the expression; an unknown pair falls back to the raw values.
 */
export const ACTION_SUBTITLE = `={{ (${JSON.stringify(readableNames())})[$parameter["resource"] + "." + $parameter["operation"]] || $parameter["operation"] + ": " + $parameter["resource"] }}`;
