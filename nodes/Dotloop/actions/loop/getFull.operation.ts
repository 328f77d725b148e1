import { NodeOperationError } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { loopLocator, profileLocator } from '../../descriptions/locators';
import { assertOneOf, readId } from '../../parameters/validation';
import { withStatusCategory } from '../../rules/statuses';
import { dotloopRequest, mergeFields, type DotloopResponse, type LoopMerge } from '../../transport';
import { loopPath } from '../../rules/loops';
import { mapBounded } from '../concurrency';

const PARTS = ['loop', 'details', 'participants', 'folders', 'taskLists'] as const;
type Part = (typeof PARTS)[number];

/** Requests in flight at once for one loop; each still waits for the shared rate-limit window. */
const PARALLEL_REQUESTS = 4;

export const properties: INodeProperties[] = [
	profileLocator,
	loopLocator,
	{
		displayName: 'Parts',
		name: 'parts',
		type: 'multiOptions',
		required: true,
		options: [
			{
				name: 'Details',
				value: 'details',
				description: 'Property address, financials, dates, … by section',
			},
			{
				name: 'Folders and Documents',
				value: 'folders',
				description: 'Every folder with its documents’ metadata',
			},
			{
				name: 'Loop',
				value: 'loop',
				description: 'Name, status, transaction type, task counts, link',
			},
			{
				name: 'Participants',
				value: 'participants',
				description: 'Everyone in the loop with their role',
			},
			{
				name: 'Task Lists and Tasks',
				value: 'taskLists',
				description: 'Every task list with its tasks',
			},
		],
		default: [...PARTS],
		description:
			'The parts of the loop to put in the output item; each costs one request, task lists one more per list',
	},
];

export const toolDescription =
	'Get a whole loop in one result: the loop, its details (property, financials, dates), participants, folders with their documents and task lists with their tasks. Reads only, changes nothing. Cost: 1 request per part chosen (5 parts by default), plus 1 per task list.';

type Fetch = (path: string, qs?: IDataObject) => Promise<DotloopResponse<{ data?: unknown }>>;

/** What each part asks Dotloop for (sections 5.2, 6.1, 9.1, 7.1 with include_documents, 10.1 + 10.3). */
async function readPart(
	fetch: Fetch,
	loopAt: string,
	part: Part,
): Promise<{ value: unknown; merge?: LoopMerge }> {
	const paths: Record<Part, [string, IDataObject?]> = {
		loop: [loopAt],
		details: [`${loopAt}/detail`],
		participants: [`${loopAt}/participant`],
		folders: [`${loopAt}/folder`, { include_documents: true }],
		taskLists: [`${loopAt}/tasklist/`],
	};
	const [path, qs] = paths[part];
	const { body, merge } = await fetch(path, qs);
	const data = body?.data;
	if (part === 'loop' || part === 'details') return { value: data ?? {}, merge };
	return { value: Array.isArray(data) ? data : [], merge };
}

function readParts(this: IExecuteFunctions, i: number): Part[] {
	const raw = this.getNodeParameter('parts', i, []) as unknown;
	const values = (Array.isArray(raw) ? raw : String(raw ?? '').split(','))
		.map((v) => String(v).trim())
		.filter((v) => v !== '');
	if (values.length === 0) {
		throw new NodeOperationError(
			this.getNode(),
			`"Parts" is empty: choose at least one of ${PARTS.join(', ')}`,
			{ itemIndex: i },
		);
	}
	values.forEach((value) => assertOneOf(this, value, PARTS, 'Parts', i));
	return PARTS.filter((part) => values.includes(part));
}

/**
 * One item with the chosen parts of a loop: one request per part, then one per task list for its
 * tasks, in parallel. The first part goes alone, so that if the loop was merged the others ask the
 * loop it was merged into directly instead of each being redirected.
 */
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const profileId = readId.call(this, 'profileId', 'Profile', i);
	const loopId = readId.call(this, 'loopId', 'Loop', i);
	const parts = readParts.call(this, i);

	let merge: LoopMerge | undefined;
	const fetch: Fetch = async (path, qs) =>
		(await dotloopRequest.call(this, { method: 'GET', path, qs })) as DotloopResponse<{
			data?: unknown;
		}>;
	const values: Partial<Record<Part, unknown>> = {};
	const take = (part: Part, result: { value: unknown; merge?: LoopMerge }) => {
		values[part] = result.value;
		if (result.merge) {
			merge = {
				...result.merge,
				fromLoopId: merge?.fromLoopId ?? result.merge.fromLoopId,
				fromProfileId: merge ? merge.fromProfileId : result.merge.fromProfileId,
			};
		}
	};

	const [first, ...rest] = parts;
	take(first, await readPart(fetch, loopPath(profileId, loopId), first));
	const loopAt = loopPath(profileId, loopId, merge);
	const results = await mapBounded(
		rest,
		PARALLEL_REQUESTS,
		async (part) => await readPart(fetch, loopAt, part),
	);
	rest.forEach((part, index) => take(part, results[index]));

	if (values.taskLists) {
		const taskLists = values.taskLists as IDataObject[];
		const tasks = await mapBounded(taskLists, PARALLEL_REQUESTS, async (taskList) => {
			const { body } = await fetch(`${loopAt}/tasklist/${taskList.id}/task`);
			return Array.isArray(body?.data) ? body.data : [];
		});
		values.taskLists = taskLists.map((taskList, index) => ({ ...taskList, tasks: tasks[index] }));
	}

	const json: IDataObject = {
		profileId: merge?.toProfileId ?? profileId,
		loopId: merge?.toLoopId ?? loopId,
	};
	for (const part of parts) json[part] = values[part] as IDataObject;
	// The stage sits in the loop part, next to the status it is made from.
	if (json.loop) json.loop = withStatusCategory(json.loop as IDataObject);
	if (merge) Object.assign(json, mergeFields(merge));
	return [{ json }];
}
