import { PollContext, TriggersAndPollers } from 'n8n-core';
import { Workflow } from 'n8n-workflow';
import type {
	IDataObject,
	IHttpRequestOptions,
	INode,
	INodeExecutionData,
	IPollFunctions,
	WorkflowExecuteMode,
} from 'n8n-workflow';

import { credentialsHelper, dotloopNode, storeCredential, type RunOptions } from './action';
import { createAdditionalData } from './additionalData';
import { startEngine } from './engine';
import { createNodeTypes, NODE_TYPE } from './nodeTypes';
import { recordLogs } from './logs';

export interface PollTriggerOptions extends Omit<RunOptions, 'params' | 'items'> {
	params: IDataObject;
	/** What n8n 2.x's getPollBudgetMs answers (default n8n-core's own: 5 minutes). */
	pollBudgetMs?: number;
	/** The poll context of n8n 1.x, which had no getPollBudgetMs (nothing stops a poll early). */
	n8n1PollContext?: boolean;
	/** Runs before each request the node sends (to change the account between two pages). */
	beforeRequest?: (request: IHttpRequestOptions) => Promise<void>;
}

/** The poll's TriggersAndPollers: n8n's, which runs poll() and counts polls in flight. */
const pollers = new TriggersAndPollers();

/**
 * The Polling Trigger of an active workflow, polled as n8n polls it: each run() is n8n-core's
 * PollContext (mode 'trigger', or 'manual' for the editor's Fetch Test Event) through
 * TriggersAndPollers.runPollFunction, on one Workflow whose static data lives across polls; after
 * each poll n8n saves the static data if it was marked changed, and so clears the mark.
 */
export function pollingTrigger(options: PollTriggerOptions) {
	storeCredential({ ...options, params: {} });
	const credentials = dotloopNode({ params: {} }, 1).credentials;
	/** The active workflow n8n builds from the saved one: the node with `params`, its static data. */
	const build = (params: IDataObject, staticData?: IDataObject) => {
		const node: INode = {
			id: 'poll-1',
			name: 'Dotloop Polling Trigger',
			type: NODE_TYPE.polling,
			typeVersion: 1,
			position: [0, 0],
			parameters: params as INode['parameters'],
			credentials,
		};
		const built = new Workflow({
			id: 'workflow-1',
			name: 'Dotloop polling',
			nodes: [node],
			connections: {},
			nodeTypes: createNodeTypes(),
			settings: options.timezone ? { timezone: options.timezone } : undefined,
			active: true,
			staticData,
		});
		return { workflow: built, workflowNode: built.getNode(node.name)! };
	};
	let { workflow, workflowNode } = build(options.params);
	const rootStaticData = () => workflow.staticData as IDataObject & { __dataChanged?: boolean };
	let mode: WorkflowExecuteMode = 'trigger';
	let saves = 0;
	let lastPollSaved = false;
	const credentialId = String(credentials!.dotloopOAuth2Api.id);
	const warnings: string[] = [];

	const pollContext = () => {
		const additionalData = createAdditionalData({ credentialsHelper, mode });
		const budget = options.pollBudgetMs;
		const context = new PollContext(
			workflow,
			workflowNode,
			additionalData,
			mode,
			mode === 'manual' ? 'manual' : 'activate',
			undefined,
			undefined,
			undefined,
			undefined,
			undefined,
			budget === undefined ? undefined : () => budget,
		);
		if (options.n8n1PollContext) delete (context as { getPollBudgetMs?: unknown }).getPollBudgetMs;
		if (options.beforeRequest) {
			const send = context.helpers.httpRequestWithAuthentication;
			context.helpers.httpRequestWithAuthentication = async function (
				this: IPollFunctions,
				credentialType: string,
				request: IHttpRequestOptions,
			) {
				await options.beforeRequest!(request);
				return await send.call(this, credentialType, request);
			};
		}
		return context;
	};

	return {
		/** The node's static data (n8n's Proxy on the workflow's static data). */
		get staticData() {
			return workflow.getStaticData('node', workflowNode);
		},
		/**
		 * The workflow saved with new parameters: n8n activates it again as a new Workflow, on the
		 * static data it saved.
		 */
		setParams(params: IDataObject) {
			const saved = JSON.parse(JSON.stringify(workflow.staticData)) as IDataObject;
			({ workflow, workflowNode } = build(params, saved));
		},
		/** The stored credential's token, as n8n-core last saved it. */
		oauth: {
			get accessToken() {
				const stored = credentialsHelper.get(credentialId).oauthTokenData as IDataObject;
				return String(stored.access_token);
			},
			get refreshCount() {
				return credentialsHelper.tokenUpdates.filter((u) => u.credentialId === credentialId).length;
			},
		},
		/** What the polls logged as warnings or errors, in order. */
		warnings,
		/** How often n8n saved the static data, and whether the last poll made it save. */
		get saves() {
			return saves;
		},
		get lastPollSaved() {
			return lastPollSaved;
		},
		setMode(next: 'trigger' | 'manual') {
			mode = next;
		},
		async run(): Promise<IDataObject[] | null> {
			await startEngine();
			const context = pollContext();
			const logs = recordLogs(context.logger, ['warn', 'error']);
			let result: INodeExecutionData[][] | null;
			try {
				result = await pollers.runPollFunction(workflow, workflowNode, context);
			} finally {
				warnings.push(...logs());
			}
			lastPollSaved = mode !== 'manual' && rootStaticData().__dataChanged === true;
			if (lastPollSaved) {
				saves++;
				rootStaticData().__dataChanged = false;
			}
			return result === null ? null : result[0].map((item) => item.json);
		},
	};
}
