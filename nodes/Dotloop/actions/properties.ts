import type { INodeProperties } from 'n8n-workflow';

import { sortedOptions } from '../descriptions/options';
import { resources } from './resources';

/**
 * In n8n's tool variant of the node ("Dotloop Tool", for AI agents and the MCP Server Trigger), the
 * description the model gets, one per operation. Declaring `toolDescription` keeps n8n from adding
 * its own, which describes an operation only by its action name ("Find loops in Dotloop").
 */
const toolDescriptions: INodeProperties[] = Object.entries(resources).flatMap(
	([resource, { operations }]) =>
		Object.entries(operations).map(([operation, { toolDescription }]) => ({
			displayName: 'Tool Description',
			name: 'toolDescription',
			type: 'string' as const,
			typeOptions: { rows: 3 },
			default: toolDescription,
			description:
				'What the AI agent is told this tool does; a precise description helps it choose the tool and fill in its parameters',
			displayOptions: { show: { '@tool': [true], resource: [resource], operation: [operation] } },
		})),
);

/** The Resource selector and, below it, every resource's operations and their parameters. */
export const properties: INodeProperties[] = [
	...toolDescriptions,
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: sortedOptions(
			Object.entries(resources).map(([value, resource]) => ({ name: resource.name, value })),
		),
		default: 'loop',
	},
	...Object.values(resources).flatMap((resource) => resource.description),
];
