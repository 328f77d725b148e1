import type {
	IDataObject,
	IHttpRequestOptions,
	INodeExecutionData,
	IPollFunctions,
} from 'n8n-workflow';

import { DotloopPollingTrigger } from '../../../nodes/Dotloop/DotloopPollingTrigger.node';
import { createExecuteContext, type ContextOptions } from '../helpers/context';

export interface PollRun {
	output: IDataObject[] | null;
	warnings: string[];
}

/**
 * An IPollFunctions over the unit tests' execute context (n8n's real HTTP layer, OAuth2 refresh):
 * poll parameters without an item index, a mode, and one static-data object kept across polls, as
 * n8n keeps it for an active workflow.
 */
export function pollingTrigger(
	options: Omit<ContextOptions, 'params'> & {
		params: IDataObject;
		/** n8n 2.x's getPollBudgetMs; left out, the context is n8n 1.x's (no such function). */
		pollBudgetMs?: number;
		/** Runs before each request the node sends (to change the account between two pages). */
		beforeRequest?: (request: IHttpRequestOptions) => Promise<void>;
	},
) {
	const staticData: IDataObject = {};
	let mode: 'trigger' | 'manual' = 'trigger';
	const { context, oauth, warnings } = createExecuteContext({
		...options,
		nodeType: 'n8n-nodes-dotloop.dotloopPollingTrigger',
	});
	const execute = context as unknown as {
		getNodeParameter(name: string, i: number, fallback?: unknown, o?: IDataObject): unknown;
	};
	const base = context as unknown as {
		helpers: IDataObject & {
			httpRequestWithAuthentication(name: string, request: IHttpRequestOptions): Promise<unknown>;
		};
	};
	const helpers = {
		...base.helpers,
		async httpRequestWithAuthentication(name: string, request: IHttpRequestOptions) {
			await options.beforeRequest?.(request);
			return await base.helpers.httpRequestWithAuthentication.call(poll, name, request);
		},
	};
	const budget =
		options.pollBudgetMs === undefined ? {} : { getPollBudgetMs: () => options.pollBudgetMs };
	const poll = Object.assign(Object.create(context as object), {
		...budget,
		helpers,
		getNodeParameter: (name: string, fallback?: unknown, o?: IDataObject) =>
			execute.getNodeParameter(name, 0, fallback, o),
		getWorkflowStaticData: () => staticData,
		getWorkflow: () => ({ id: 'workflow-1', active: true }),
		getMode: () => mode,
	}) as IPollFunctions;
	const node = new DotloopPollingTrigger();
	return {
		staticData,
		oauth,
		warnings,
		setMode(next: 'trigger' | 'manual') {
			mode = next;
		},
		async run(): Promise<IDataObject[] | null> {
			const result = (await node.poll.call(poll)) as INodeExecutionData[][] | null;
			return result === null ? null : result[0].map((item) => item.json);
		},
	};
}
