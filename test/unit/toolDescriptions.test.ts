import { NodeHelpers } from 'n8n-workflow';
import type { INode, INodeType, INodeTypeDescription, INodePropertyOptions } from 'n8n-workflow';

import { Dotloop } from '../../nodes/Dotloop/Dotloop.node';
import { resources } from '../../nodes/Dotloop/actions/resources';

/**
 * The longest tool description the model providers n8n passes tools to accept (OpenAI's limit on a
 * function's description is 1,024 characters; MCP sets none).
 */
const MAX_LENGTH = 1024;
const READS = 'Reads only, changes nothing.';
const CHANGES = 'Changes data in Dotloop.';
/** Operations whose name says they write (as the README's "AI agents" list counts them). */
const WRITES = /^(Create|Update|Delete|Upload)\b/;

const operations = Object.entries(resources).flatMap(([resource, entry]) => {
	const selector = entry.description.find(
		(property) =>
			property.name === 'operation' && property.displayOptions?.show?.resource?.includes(resource),
	);
	return Object.entries(entry.operations).map(([operation, { toolDescription }]) => {
		const option = (selector?.options as INodePropertyOptions[]).find((o) => o.value === operation);
		return { resource, operation, name: option?.name ?? '', toolDescription };
	});
});

/** The node as n8n turns a `usableAsTool` node into its tool variant: the name ends in "Tool". */
function toolVariant(): INodeType {
	const node = new Dotloop();
	const description: INodeTypeDescription = {
		...node.description,
		name: 'dotloopTool',
		displayName: 'Dotloop Tool',
	};
	return { ...node, description } as INodeType;
}

function nodeWith(parameters: INode['parameters'], type: INodeType): INode {
	return {
		id: '1',
		name: 'Find loops in Dotloop',
		type: `n8n-nodes-dotloop.${type.description.name}`,
		typeVersion: 1,
		position: [0, 0],
		// What n8n's Workflow does with a saved node: add the defaults of the parameters shown.
		parameters: NodeHelpers.getNodeParameters(
			type.description.properties,
			parameters,
			true,
			false,
			null,
			type.description,
		)!,
	};
}

describe('tool descriptions (what an AI agent is told about each operation)', () => {
	it('cover all 49 operations', () => {
		expect(operations).toHaveLength(49);
	});

	it.each(operations)(
		'$resource $operation says what it does, whether it changes data and its cost',
		({ name, toolDescription }) => {
			expect(toolDescription.length).toBeLessThanOrEqual(MAX_LENGTH);
			expect(toolDescription).toContain(WRITES.test(name) ? CHANGES : READS);
			expect(toolDescription).not.toContain(WRITES.test(name) ? READS : CHANGES);
			expect(toolDescription).toMatch(/ Cost: (1 request|.*\b\d+ (requests?|loops|contacts)\b)/);
			// What it does comes first, in a sentence of its own.
			expect(toolDescription.indexOf('. ')).toBeGreaterThan(20);
			expect(toolDescription.startsWith(READS)).toBe(false);
		},
	);

	it.each(['download', 'downloadAll'])(
		'Document %s says that as a tool n8n drops the file',
		(operation) => {
			expect(resources.document.operations[operation].toolDescription).toContain(
				'As a tool, n8n drops the file',
			);
		},
	);

	it('Document Upload says a tool call carries no file to upload', () => {
		expect(resources.document.operations.upload.toolDescription).toContain(
			'which a tool call does not carry',
		);
	});

	it("n8n gives the tool the operation's description instead of its action name", () => {
		const type = toolVariant();
		const node = nodeWith({ resource: 'loop', operation: 'find' }, type);
		expect(NodeHelpers.getToolDescriptionForNode(node, type)).toBe(
			resources.loop.operations.find.toolDescription,
		);
		const contact = nodeWith({ resource: 'contact', operation: 'find' }, type);
		expect(NodeHelpers.getToolDescriptionForNode(contact, type)).toBe(
			resources.contact.operations.find.toolDescription,
		);
	});

	it('a description the user writes in the tool node wins', () => {
		const type = toolVariant();
		const node = nodeWith(
			{ resource: 'loop', operation: 'find', toolDescription: 'Look up our listings' },
			type,
		);
		expect(NodeHelpers.getToolDescriptionForNode(node, type)).toBe('Look up our listings');
	});

	it('the plain node (not a tool) has no tool description parameter', () => {
		const type = new Dotloop();
		expect(nodeWith({ resource: 'loop', operation: 'find' }, type).parameters).not.toHaveProperty(
			'toolDescription',
		);
	});
});
