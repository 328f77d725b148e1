import { Workflow } from 'n8n-workflow';
import type { INode, INodeParameters, INodeType, INodeTypes } from 'n8n-workflow';

import { Dotloop } from '../../../nodes/Dotloop/Dotloop.node';

const dotloop = new Dotloop();
const nodeTypes: INodeTypes = {
	getByName: () => dotloop as INodeType,
	getByNameAndVersion: () => dotloop as INodeType,
	getKnownTypes: () => ({}),
};

/** The subtitle n8n's canvas shows under the node, evaluated as n8n evaluates it. */
function subtitle(parameters: INodeParameters): unknown {
	const node: INode = {
		id: 'dotloop',
		name: 'Dotloop',
		type: 'n8n-nodes-dotloop.dotloop',
		typeVersion: 1,
		position: [0, 0],
		parameters,
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	return workflow.expression.getSimpleParameterValue(
		workflow.getNode(node.name)!,
		dotloop.description.subtitle,
		'internal',
		{},
	);
}

describe('Dotloop node subtitle', () => {
	it.each([
		['loop', 'getFull', 'Get Full: Loop'],
		['loop', 'getAll', 'Get Many: Loop'],
		['document', 'downloadAll', 'Download All: Document'],
		['contact', 'find', 'Find: Contact'],
		['loopDetail', 'update', 'Update: Loop Detail'],
		['loopIt', 'create', 'Create: Loop-It'],
		['webhookSubscription', 'delete', 'Delete: Webhook Subscription'],
	])('%s %s reads "%s"', (resource, operation, readable) => {
		expect(subtitle({ resource, operation })).toBe(readable);
	});

	it('names every operation of every resource', () => {
		const operations = dotloop.description.properties.filter((p) => p.name === 'operation');
		const pairs = operations.flatMap((selector) =>
			(selector.displayOptions!.show!.resource as string[]).flatMap((resource) =>
				(selector.options as Array<{ name: string; value: string }>).map((option) => ({
					resource,
					option,
				})),
			),
		);
		expect(pairs).toHaveLength(49);
		for (const { resource, option } of pairs)
			expect(String(subtitle({ resource, operation: option.value }))).toContain(`${option.name}: `);
	});

	it('falls back to the raw values for a pair it does not know', () => {
		expect(subtitle({ resource: 'loop', operation: 'archive' })).toBe('archive: loop');
	});
});
