import type { INodeProperties } from 'n8n-workflow';

import { sortedOptions } from '../descriptions/constants';
import { resources } from './resources';

/** The Resource selector and, below it, every resource's operations and their parameters. */
export const properties: INodeProperties[] = [
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
