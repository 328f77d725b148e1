import type { IDataObject, INodeType, INodeTypes } from 'n8n-workflow';

import { Dotloop } from '../../../../nodes/Dotloop/Dotloop.node';
import { DotloopPollingTrigger } from '../../../../nodes/Dotloop/DotloopPollingTrigger.node';
import { DotloopTrigger } from '../../../../nodes/Dotloop/DotloopTrigger.node';

/** The package's node types under the names n8n gives them (package name + node name). */
export const NODE_TYPE = {
	action: 'n8n-nodes-dotloop.dotloop',
	trigger: 'n8n-nodes-dotloop.dotloopTrigger',
	polling: 'n8n-nodes-dotloop.dotloopPollingTrigger',
} as const;

/** n8n's node type registry holding this package's three nodes (and any the caller adds). */
export function createNodeTypes(extra: Record<string, INodeType> = {}): INodeTypes {
	const types: Record<string, INodeType> = {
		[NODE_TYPE.action]: new Dotloop(),
		[NODE_TYPE.trigger]: new DotloopTrigger(),
		[NODE_TYPE.polling]: new DotloopPollingTrigger(),
		...extra,
	};
	const byName = (name: string): INodeType => {
		const type = types[name];
		if (!type) throw new Error(`Unknown node type ${name}`);
		return type;
	};
	return {
		getByName: byName,
		getByNameAndVersion: (name: string) => byName(name),
		getKnownTypes: (): IDataObject =>
			Object.fromEntries(Object.keys(types).map((name) => [name, { className: name }])),
	};
}
