import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';

export const operations = { create };

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
				action: 'Create a loop with Loop-It',
			},
		],
		default: 'create',
	},
	...create.description,
];
