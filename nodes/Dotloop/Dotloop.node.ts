import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { properties } from './actions/properties';
import { router } from './actions/router';
import { ACTION_SUBTITLE } from './actions/subtitle';
import { listSearch } from './methods';

export class Dotloop implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Dotloop',
		name: 'dotloop',
		icon: { light: 'file:dotloop.svg', dark: 'file:dotloop.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: ACTION_SUBTITLE,
		description: 'Create and update loops, documents, participants and contacts in Dotloop',
		defaults: { name: 'Dotloop' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'dotloopOAuth2Api', required: true }],
		properties,
	};

	methods = { listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
