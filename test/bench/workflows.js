'use strict';
/**
 * Every workflow the benchmark runs, in pairs: the Dotloop node, and the best plain-n8n workflow an
 * expert would build for the same job without this package (HTTP Request + the generic OAuth2
 * credential, or the core Webhook node). Kept here, readable, so anyone can check the comparison is
 * fair; `node test/bench/run.js --export-workflows DIR` writes them out as importable JSON.
 *
 * Both sides of a pair start from the same input nodes and end at one node whose output items are
 * counted ("last").
 *
 * Fairness choices for the HTTP Request side (n8n-nodes-base.httpRequest 4.5, the default in n8n 2.41):
 *  - Authentication "Generic Credential Type" → OAuth2 API (`oAuth2Api`): a user without this package
 *    has no Dotloop credential type, and the generic one does the same authorization-code flow against
 *    the same auth/token URLs, with HTTP Basic client authentication ("Send Auth Credentials: Header")
 *    because Dotloop's token endpoint wants it. n8n refreshes its token on a 401 exactly as for ours.
 *  - batch_size=100: the API maximum, so the fewest pages.
 *  - Pagination "Update a Parameter in Each Request": batch_number = $pageCount + 1, complete when
 *    `$response.body.data.length < 100` (a short or empty page is the last one). The Dotloop node
 *    additionally stops once meta.total records are in, which saves the empty page when N is a multiple
 *    of 100; `expertListing({ stopAtTotal: true })` is the HTTP variant that does the same, measured as
 *    its own row in scenario 1 so the difference is visible rather than assumed.
 *  - "Split Out" on `data` after the list: HTTP Request gives one item per page; a workflow that works
 *    on loops needs one item per loop, which the Dotloop node outputs directly.
 *  - Retry On Fail on every idempotent request (GET): n8n re-runs the whole node after a failure, which
 *    is the only retry HTTP Request has. Not on the upload (POST): a retried upload could store the
 *    document twice, and an expert would not risk that.
 *  - Under the rate limit (scenario 2) an expert reads Dotloop's documented 100 requests/minute and uses
 *    the node's Batching option to space requests: see `rateLimitedDetails`.
 */

const { TRANSACTION_STATUSES } = require('../sandbox/constants');

const PROFILE_ID = 1001;
/** Scenario 7's Loop Date Approaching window. */
const DATES_WITHIN_DAYS = 14;

const rl = (value) => ({ __rl: true, mode: 'id', value: String(value) });

function manualTrigger() {
	return {
		name: 'Manual Trigger',
		type: 'n8n-nodes-base.manualTrigger',
		typeVersion: 1,
		parameters: {},
	};
}

/** A line of nodes: each node's main output feeds the next. Positions and ids are filled in. */
function chain(name, nodes, { last } = {}) {
	const placed = nodes.map((n, i) => ({
		id: `${slug(n.name)}-${i}`,
		position: [240 * i, 0],
		...n,
	}));
	const connections = {};
	for (let i = 0; i < placed.length - 1; i++) {
		connections[placed[i].name] = {
			main: [[{ node: placed[i + 1].name, type: 'main', index: 0 }]],
		};
	}
	return { name, nodes: placed, connections, last: last || placed[placed.length - 1].name };
}

function slug(s) {
	return String(s)
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-|-$/g, '');
}

// ---------------------------------------------------------------- Dotloop node

function dotloop(ctx, name, parameters) {
	return {
		name,
		type: ctx.NODE_TYPE,
		typeVersion: ctx.nodeTypeVersion || 1,
		parameters,
		credentials: {
			[ctx.CREDENTIAL_TYPE]: { id: ctx.dotloopCredentialId, name: 'Dotloop (bench)' },
		},
	};
}

// ---------------------------------------------------------------- HTTP Request

/**
 * An HTTP Request node with the generic OAuth2 credential. `retry`: Retry On Fail with n8n's defaults
 * (3 tries, 1 s apart) unless told otherwise.
 */
function http(ctx, name, parameters, { retry = { maxTries: 3, waitBetweenTries: 1000 } } = {}) {
	return {
		name,
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.5,
		parameters: {
			authentication: 'genericCredentialType',
			genericAuthType: 'oAuth2Api',
			...parameters,
		},
		credentials: { oAuth2Api: { id: ctx.httpCredentialId, name: 'Generic OAuth2 (bench)' } },
		...(retry
			? { retryOnFail: true, maxTries: retry.maxTries, waitBetweenTries: retry.waitBetweenTries }
			: {}),
	};
}

/**
 * List every loop of the profile, paged: batch_size=100, batch_number=1,2,… until a short page.
 * stopAtTotal: also stop once $pageCount × 100 reaches meta.total (saves the trailing empty page).
 */
function expertListing(ctx, { name = 'List Loops (HTTP)', stopAtTotal = false, maxPages } = {}) {
	const complete = stopAtTotal
		? '={{ $response.body.data.length < 100 || $pageCount * 100 >= $response.body.meta.total }}'
		: '={{ $response.body.data.length < 100 }}';
	return http(ctx, name, {
		method: 'GET',
		url: `${ctx.apiBaseUrl}/profile/${PROFILE_ID}/loop`,
		sendQuery: true,
		queryParameters: { parameters: [{ name: 'batch_size', value: '100' }] },
		options: {
			pagination: {
				pagination: {
					paginationMode: 'updateAParameterInEachRequest',
					parameters: {
						parameters: [{ type: 'qs', name: 'batch_number', value: '={{ $pageCount + 1 }}' }],
					},
					paginationCompleteWhen: 'other',
					completeExpression: complete,
					...(maxPages ? { limitPagesFetched: true, maxRequests: maxPages } : {}),
				},
			},
		},
	});
}

/** One item per loop out of the pages' `data` arrays. */
function splitOutData(name = 'Split Out') {
	return {
		name,
		type: 'n8n-nodes-base.splitOut',
		typeVersion: 1,
		parameters: { fieldToSplitOut: 'data', include: 'noOtherFields' },
	};
}

// ---------------------------------------------------------------- shared input nodes

/**
 * N items { loopId } for ids first..first+N-1, made by core nodes only (no Code node: it needs a task
 * runner). The same two nodes feed both sides of scenario 3.
 */
function loopIdItems(first, count) {
	return [
		{
			name: 'Loop IDs',
			type: 'n8n-nodes-base.set',
			typeVersion: 3.4,
			parameters: {
				mode: 'manual',
				assignments: {
					assignments: [
						{
							id: 'ids',
							name: 'ids',
							type: 'array',
							value: `={{ Array.from({ length: ${count} }, (_, i) => ${first} + i) }}`,
						},
					],
				},
				includeOtherFields: false,
				options: {},
			},
		},
		{
			name: 'One Item per ID',
			type: 'n8n-nodes-base.splitOut',
			typeVersion: 1,
			parameters: {
				fieldToSplitOut: 'ids',
				include: 'noOtherFields',
				options: { destinationFieldName: 'loopId' },
			},
		},
	];
}

function readFile(filePath) {
	return {
		name: 'Read PDF',
		type: 'n8n-nodes-base.readWriteFile',
		typeVersion: 1,
		parameters: {
			operation: 'read',
			fileSelector: filePath,
			options: { dataPropertyName: 'data' },
		},
	};
}

// ---------------------------------------------------------------- scenario 8 (sync operations)

/** N items { loopId } cycling through the seeded loops 50001–50030 (each has folders and task lists). */
function seededLoopIdItems(count) {
	const [set, split] = loopIdItems(50001, count);
	set.parameters.assignments.assignments[0].value = `={{ Array.from({ length: ${count} }, (_, i) => 50001 + (i % 30)) }}`;
	return [set, split];
}

/** The loop id of the current input item, read back through the chain by paired items. */
const currentLoopId = "{{ $('One Item per ID').item.json.loopId }}";

function splitOut(name, field) {
	return {
		name,
		type: 'n8n-nodes-base.splitOut',
		typeVersion: 1,
		parameters: { fieldToSplitOut: field, include: 'noOtherFields' },
	};
}

/** Every contact, paged like expertListing: batch_size=100 until a short page. */
function expertContactListing(ctx) {
	return http(ctx, 'List Contacts (HTTP)', {
		method: 'GET',
		url: `${ctx.apiBaseUrl}/contact`,
		sendQuery: true,
		queryParameters: { parameters: [{ name: 'batch_size', value: '100' }] },
		options: {
			pagination: {
				pagination: {
					paginationMode: 'updateAParameterInEachRequest',
					parameters: {
						parameters: [{ type: 'qs', name: 'batch_number', value: '={{ $pageCount + 1 }}' }],
					},
					paginationCompleteWhen: 'other',
					completeExpression: '={{ $response.body.data.length < 100 }}',
				},
			},
		},
	});
}

/** Filter 2.2: keep the contacts whose email equals `email`, ignoring case (what Contact → Find matches). */
function emailFilter(email) {
	return {
		name: 'Same Email',
		type: 'n8n-nodes-base.filter',
		typeVersion: 2.2,
		parameters: {
			conditions: {
				options: { caseSensitive: false, leftValue: '', typeValidation: 'loose', version: 2 },
				conditions: [
					{
						id: 'email',
						leftValue: '={{ ($json.email || "").trim() }}',
						rightValue: email,
						operator: { type: 'string', operation: 'equals' },
					},
				],
				combinator: 'and',
			},
			options: { ignoreCase: true },
		},
	};
}

// ---------------------------------------------------------------- scenario 9 (contact sync)

/**
 * N CRM rows { email, firstName }, made by core nodes only (no Code node: it needs a task runner):
 * every 5th row is an existing contact (`bench.contact.<1000 + i>@example.com`, see scenario 9),
 * every 50th from row 7 on repeats the new email of the row before it, the rest are new.
 */
function crmRows(count) {
	const email =
		"i % 5 === 0 ? 'bench.contact.' + (1000 + i) + '@example.com' : 'crm.row.' + (i % 50 === 7 ? i - 1 : i) + '@example.com'";
	return [
		{
			name: 'CRM Rows',
			type: 'n8n-nodes-base.set',
			typeVersion: 3.4,
			parameters: {
				mode: 'manual',
				assignments: {
					assignments: [
						{
							id: 'rows',
							name: 'rows',
							type: 'array',
							value: `={{ Array.from({ length: ${count} }, (_, i) => ({ email: ${email}, firstName: 'Row ' + i })) }}`,
						},
					],
				},
				includeOtherFields: false,
				options: {},
			},
		},
		splitOut('One Item per Row', 'rows'),
	];
}

/** The documented limit with a 10% margin, as in scenario 2: one request per this many ms. */
const pacedIntervalMs = (ctx) => Math.ceil(((60_000 / ctx.rateLimit) * 1.1) / ctx.clockScale);

/** A contact write per item, paced by Batching (1 item per interval). */
function pacedContactWrite(ctx, name, method, url, retry) {
	return http(
		ctx,
		name,
		{
			method,
			url,
			sendBody: true,
			specifyBody: 'json',
			jsonBody: '={{ JSON.stringify({ email: $json.email, firstName: $json.firstName }) }}',
			options: { batching: { batch: { batchSize: 1, batchInterval: pacedIntervalMs(ctx) } } },
		},
		{ retry },
	);
}

/**
 * Scenario 9's baseline: the rows, and once (Execute Once) every contact paged at the paced rate →
 * Merge "Enrich Input 1" on email (a row gets the contact's id when one has its email, the row's
 * own values kept) → If it has an id: PATCH it (Retry On Fail: a PATCH may be repeated), else POST
 * (no retry: a POST must not be sent twice). Rows repeating an email in one run both find no
 * contact in the list read before them: the design of this workflow cannot see its own creations.
 */
function contactUpsertBaseline(ctx, { rows }) {
	const listing = expertContactListing(ctx);
	listing.executeOnce = true;
	listing.parameters.options.pagination.pagination.requestInterval = pacedIntervalMs(ctx);
	const nodes = [
		manualTrigger(),
		...crmRows(rows),
		listing,
		splitOut('One Item per Contact', 'data'),
		{
			name: 'Match on Email',
			type: 'n8n-nodes-base.merge',
			typeVersion: 3.2,
			parameters: {
				mode: 'combine',
				combineBy: 'combineByFields',
				fieldsToMatchString: 'email',
				joinMode: 'enrichInput1',
				options: { clashHandling: { values: { resolveClash: 'preferInput1' } } },
			},
		},
		{
			name: 'Has Contact',
			type: 'n8n-nodes-base.if',
			typeVersion: 2.2,
			parameters: {
				conditions: {
					options: { caseSensitive: true, leftValue: '', typeValidation: 'loose', version: 2 },
					conditions: [
						{
							id: 'has-id',
							leftValue: '={{ $json.id }}',
							rightValue: '',
							operator: { type: 'number', operation: 'exists', singleValue: true },
						},
					],
					combinator: 'and',
				},
				options: {},
			},
		},
		pacedContactWrite(
			ctx,
			'Update Contact (HTTP)',
			'PATCH',
			`=${ctx.apiBaseUrl}/contact/{{ $json.id }}`,
			{
				maxTries: 5,
				waitBetweenTries: 5000,
			},
		),
		pacedContactWrite(ctx, 'Create Contact (HTTP)', 'POST', `${ctx.apiBaseUrl}/contact`, null),
		{
			name: 'Done',
			type: 'n8n-nodes-base.merge',
			typeVersion: 3.2,
			parameters: { mode: 'append' },
		},
	].map((n, i) => ({ id: `${slug(n.name)}-${i}`, position: [240 * i, 0], ...n }));
	const to = (node, index = 0) => ({ node, type: 'main', index });
	return {
		name: 'bench 9: Create or Update contacts (HTTP Request + Merge + If)',
		nodes,
		connections: {
			'Manual Trigger': { main: [[to('CRM Rows')]] },
			'CRM Rows': { main: [[to('One Item per Row')]] },
			'One Item per Row': { main: [[to('List Contacts (HTTP)'), to('Match on Email', 0)]] },
			'List Contacts (HTTP)': { main: [[to('One Item per Contact')]] },
			'One Item per Contact': { main: [[to('Match on Email', 1)]] },
			'Match on Email': { main: [[to('Has Contact')]] },
			'Has Contact': { main: [[to('Update Contact (HTTP)')], [to('Create Contact (HTTP)')]] },
			'Update Contact (HTTP)': { main: [[to('Done', 0)]] },
			'Create Contact (HTTP)': { main: [[to('Done', 1)]] },
		},
		last: 'Done',
	};
}

// ---------------------------------------------------------------- scenario workflows

/**
 * Scenario 7's baseline: what a user without the Polling Trigger builds to get "loops that changed".
 * Schedule every few seconds → the loops updated in the last 10 minutes by n8n's clock (a margin over
 * the poll interval, so a late or skipped run loses nothing), newest first, every page → one item per
 * loop → Remove Duplicates across executions on id + updated, so a loop seen again is dropped.
 */
function pollingBaseline(ctx, { seconds }) {
	const listing = expertListing(ctx, { name: 'Changed loops (HTTP)', stopAtTotal: true });
	listing.parameters.queryParameters.parameters.push(
		{ name: 'sort', value: 'updated:desc' },
		{
			name: 'filter',
			value: `={{ 'updated_min=' + $now.minus({ minutes: 10 }).toUTC().toFormat("yyyy-LL-dd'T'HH:mm:ss'Z'") }}`,
		},
	);
	return chain('bench 7: Schedule + HTTP Request + Remove Duplicates', [
		{
			name: 'Schedule',
			type: 'n8n-nodes-base.scheduleTrigger',
			typeVersion: 1.2,
			parameters: { rule: { interval: [{ field: 'seconds', secondsInterval: seconds }] } },
		},
		listing,
		splitOutData(),
		{
			name: 'Remove Duplicates',
			type: 'n8n-nodes-base.removeDuplicates',
			typeVersion: 2,
			parameters: {
				operation: 'removeItemsSeenInPreviousExecutions',
				logic: 'removeItemsWithAlreadySeenKeyValues',
				dedupeValue: '={{ $json.id }}-{{ $json.updated }}',
				options: {},
			},
		},
	]);
}

/**
 * Scenario 7's Date Approaching baseline: Schedule every few seconds → every loop in progress with its
 * details (the statuses that are not SOLD, LEASED, DONE or ARCHIVED; every page) → one item per loop →
 * Filter: the closing date (MM/DD/YYYY) between today and `withinDays` ahead → Remove Duplicates across
 * executions on id + date, so a loop is announced once per date. No Code node: it needs a task runner.
 */
function datesBaseline(ctx, { seconds, withinDays = DATES_WITHIN_DAYS }) {
	const statuses = [...new Set(Object.values(TRANSACTION_STATUSES).flat())].filter(
		(s) => !['SOLD', 'LEASED', 'DONE', 'ARCHIVED'].includes(s),
	);
	const listing = expertListing(ctx, { name: 'Open loops with details (HTTP)', stopAtTotal: true });
	listing.parameters.queryParameters.parameters.push(
		{ name: 'include_details', value: 'true' },
		{ name: 'filter', value: `transaction_status=${statuses.join('|')}` },
	);
	const daysUntil =
		"={{ DateTime.fromFormat(String((($json.details || {})['Contract Dates'] || {})['Closing Date'] || ''), 'MM/dd/yyyy').diff($today, 'days').days }}";
	const between = (id, operation, rightValue) => ({
		id,
		leftValue: daysUntil,
		rightValue,
		operator: { type: 'number', operation },
	});
	return chain('bench 7: Schedule + HTTP Request + Filter + Remove Duplicates', [
		{
			name: 'Schedule',
			type: 'n8n-nodes-base.scheduleTrigger',
			typeVersion: 1.2,
			parameters: { rule: { interval: [{ field: 'seconds', secondsInterval: seconds }] } },
		},
		listing,
		splitOutData(),
		{
			name: 'Closing Soon',
			type: 'n8n-nodes-base.filter',
			typeVersion: 2.2,
			parameters: {
				conditions: {
					options: { caseSensitive: true, leftValue: '', typeValidation: 'loose', version: 2 },
					conditions: [between('from', 'gte', 0), between('to', 'lte', withinDays)],
					combinator: 'and',
				},
				options: {},
			},
		},
		{
			name: 'Remove Duplicates',
			type: 'n8n-nodes-base.removeDuplicates',
			typeVersion: 2,
			parameters: {
				operation: 'removeItemsSeenInPreviousExecutions',
				logic: 'removeItemsWithAlreadySeenKeyValues',
				dedupeValue: "={{ $json.id }}-{{ $json.details['Contract Dates']['Closing Date'] }}",
				options: {},
			},
		},
	]);
}

/** Poll Times entries, one per second value: n8n refuses a wildcard in a poll's seconds field. */
function everySeconds(seconds) {
	if (seconds >= 60)
		return { item: [{ mode: 'everyX', value: Math.round(seconds / 60), unit: 'minutes' }] };
	return {
		item: Array.from({ length: Math.floor(60 / seconds) }, (_, i) => ({
			mode: 'custom',
			cronExpression: `${i * seconds} * * * * *`,
		})),
	};
}

const workflows = {
	/** Warm-up after every n8n (re)start: load and JIT both node types once, so neither side pays it. */
	warmup(ctx) {
		return chain('bench: warm-up', [
			manualTrigger(),
			dotloop(ctx, 'Dotloop Get', {
				resource: 'loop',
				operation: 'get',
				profileId: rl(PROFILE_ID),
				loopId: rl(50001),
			}),
			http(ctx, 'HTTP Get', {
				method: 'GET',
				url: `${ctx.apiBaseUrl}/profile/${PROFILE_ID}/loop/50001`,
			}),
			expertListing(ctx, { name: 'HTTP List', maxPages: 1 }),
			splitOutData(),
		]);
	},

	/** 1. Return All loops of the profile. */
	returnAll: {
		dotloop: (ctx) =>
			chain('bench 1: Return All (Dotloop)', [
				manualTrigger(),
				dotloop(ctx, 'Get Many Loops', {
					resource: 'loop',
					operation: 'getAll',
					profileId: rl(PROFILE_ID),
					returnAll: true,
				}),
			]),
		http: (ctx) =>
			chain('bench 1: Return All (HTTP Request)', [
				manualTrigger(),
				expertListing(ctx),
				splitOutData(),
			]),
		httpStopAtTotal: (ctx) =>
			chain('bench 1: Return All (HTTP Request, meta.total stop)', [
				manualTrigger(),
				expertListing(ctx, { stopAtTotal: true }),
				splitOutData(),
			]),
	},

	/** 2. Every loop with its details, under the real rate limit: list, then one details request per loop. */
	rateLimited: {
		dotloop: (ctx) =>
			chain('bench 2: Loops with details under the rate limit (Dotloop)', [
				manualTrigger(),
				dotloop(ctx, 'Get Many Loops', {
					resource: 'loop',
					operation: 'getAll',
					profileId: rl(PROFILE_ID),
					returnAll: true,
				}),
				dotloop(ctx, 'Get Loop Details', {
					resource: 'loopDetail',
					operation: 'get',
					profileId: rl(PROFILE_ID),
					loopId: rl('={{ $json.id }}'),
				}),
			]),
		http: (ctx) =>
			chain('bench 2: Loops with details under the rate limit (HTTP Request)', [
				manualTrigger(),
				expertListing(ctx),
				splitOutData(),
				rateLimitedDetails(ctx),
			]),
	},

	/** 3. 1,000 input items, each "Get Loop" by id. */
	perItem: {
		dotloop: (ctx, { first, count }) =>
			chain('bench 3: Get Loop per item (Dotloop)', [
				manualTrigger(),
				...loopIdItems(first, count),
				dotloop(ctx, 'Get Loop', {
					resource: 'loop',
					operation: 'get',
					profileId: rl(PROFILE_ID),
					loopId: rl('={{ $json.loopId }}'),
				}),
			]),
		// No batching: the rate limit is lifted for this scenario, and HTTP Request then sends every
		// item's request at once, which is the fastest it can go.
		http: (ctx, { first, count }) =>
			chain('bench 3: Get Loop per item (HTTP Request)', [
				manualTrigger(),
				...loopIdItems(first, count),
				http(ctx, 'Get Loop', {
					method: 'GET',
					url: `=${ctx.apiBaseUrl}/profile/${PROFILE_ID}/loop/{{ $json.loopId }}`,
				}),
			]),
	},

	/** 4a. Upload a PDF read from disk into loop 50001, folder 70003 ("Inspection", empty in the seed). */
	upload: {
		dotloop: (ctx, { filePath }) =>
			chain('bench 4: Upload (Dotloop)', [
				manualTrigger(),
				readFile(filePath),
				dotloop(ctx, 'Upload Document', {
					resource: 'document',
					operation: 'upload',
					profileId: rl(PROFILE_ID),
					loopId: rl(50001),
					folderId: rl(70003),
					binaryPropertyName: 'data',
					options: {},
				}),
			]),
		// multipart/form-data with the binary as the part "file" (HTTP Request streams it from n8n's
		// binary store). No Retry On Fail: a POST retried after a timeout could store the file twice.
		http: (ctx, { filePath }) =>
			chain('bench 4: Upload (HTTP Request)', [
				manualTrigger(),
				readFile(filePath),
				http(
					ctx,
					'Upload Document',
					{
						method: 'POST',
						// With the trailing slash, as "Upload a Document" writes the path.
						url: `${ctx.apiBaseUrl}/profile/${PROFILE_ID}/loop/50001/folder/70003/document/`,
						sendBody: true,
						contentType: 'multipart-form-data',
						bodyParameters: {
							parameters: [
								{ parameterType: 'formBinaryData', name: 'file', inputDataFieldName: 'data' },
							],
						},
						options: {},
					},
					{ retry: null },
				),
			]),
	},

	/** 4b. Download a stored document as a binary (Accept: application/pdf). */
	download: {
		dotloop: (ctx, { documentId }) =>
			chain('bench 4: Download (Dotloop)', [
				manualTrigger(),
				dotloop(ctx, 'Download Document', {
					resource: 'document',
					operation: 'download',
					profileId: rl(PROFILE_ID),
					loopId: rl(50001),
					folderId: rl(70003),
					documentId: String(documentId),
					binaryPropertyName: 'data',
				}),
			]),
		// Response Format "File": HTTP Request then streams the body into n8n's binary store.
		http: (ctx, { documentId }) =>
			chain('bench 4: Download (HTTP Request)', [
				manualTrigger(),
				http(ctx, 'Download Document', {
					method: 'GET',
					url: `${ctx.apiBaseUrl}/profile/${PROFILE_ID}/loop/50001/folder/70003/document/${documentId}`,
					sendHeaders: true,
					headerParameters: { parameters: [{ name: 'Accept', value: 'application/pdf' }] },
					options: {
						response: { response: { responseFormat: 'file', outputPropertyName: 'data' } },
					},
				}),
			]),
	},

	/**
	 * 8a. A whole loop per input item: the loop, details, participants, folders with documents, task
	 * lists with tasks. The HTTP side is the chain an expert builds: one node per part (folders with the
	 * documented include_documents, saving a documents request per folder), Split Out the task lists,
	 * one tasks request per list. It does not assemble one item per loop (that needs a Code or Merge
	 * node): its last node's items are the task lists' answers, which favours it.
	 */
	getFull: {
		dotloop: (ctx, { count }) =>
			chain('bench 8a: Get Full per loop (Dotloop)', [
				manualTrigger(),
				...seededLoopIdItems(count),
				dotloop(ctx, 'Get Full Loop', {
					resource: 'loop',
					operation: 'getFull',
					profileId: rl(PROFILE_ID),
					loopId: rl('={{ $json.loopId }}'),
					parts: ['loop', 'details', 'participants', 'folders', 'taskLists'],
				}),
			]),
		http: (ctx, { count }) => {
			const loopUrl = `=${ctx.apiBaseUrl}/profile/${PROFILE_ID}/loop/${currentLoopId}`;
			return chain('bench 8a: Get Full per loop (HTTP Request)', [
				manualTrigger(),
				...seededLoopIdItems(count),
				http(ctx, 'Get Loop', { method: 'GET', url: loopUrl }),
				http(ctx, 'Get Details', { method: 'GET', url: `${loopUrl}/detail` }),
				http(ctx, 'Get Participants', { method: 'GET', url: `${loopUrl}/participant` }),
				http(ctx, 'Get Folders', {
					method: 'GET',
					url: `${loopUrl}/folder`,
					sendQuery: true,
					queryParameters: { parameters: [{ name: 'include_documents', value: 'true' }] },
				}),
				http(ctx, 'Get Task Lists', { method: 'GET', url: `${loopUrl}/tasklist/` }),
				splitOut('Task Lists', 'data'),
				http(ctx, 'Get Tasks', { method: 'GET', url: `${loopUrl}/tasklist/{{ $json.id }}/task` }),
			]);
		},
	},

	/** 8b. Every document of loop 50001 as a binary item. */
	downloadAll: {
		dotloop: (ctx) =>
			chain('bench 8b: Download All (Dotloop)', [
				manualTrigger(),
				dotloop(ctx, 'Download All', {
					resource: 'document',
					operation: 'downloadAll',
					profileId: rl(PROFILE_ID),
					loopId: rl(50001),
					folderScope: 'all',
					binaryPropertyName: 'data',
					options: {},
				}),
			]),
		// Folders with their documents in one request, Split Out twice, one download per document with
		// Response Format File (streamed into the binary store), every item at once (no batching).
		http: (ctx) =>
			chain('bench 8b: Download All (HTTP Request)', [
				manualTrigger(),
				http(ctx, 'List Folders', {
					method: 'GET',
					url: `${ctx.apiBaseUrl}/profile/${PROFILE_ID}/loop/50001/folder`,
					sendQuery: true,
					queryParameters: { parameters: [{ name: 'include_documents', value: 'true' }] },
				}),
				splitOut('Folders', 'data'),
				splitOut('Documents', 'documents'),
				http(ctx, 'Download Document', {
					method: 'GET',
					url: `=${ctx.apiBaseUrl}/profile/${PROFILE_ID}/loop/50001/folder/{{ $('Folders').item.json.id }}/document/{{ $json.id }}`,
					sendHeaders: true,
					headerParameters: { parameters: [{ name: 'Accept', value: 'application/pdf' }] },
					options: {
						response: { response: { responseFormat: 'file', outputPropertyName: 'data' } },
					},
				}),
			]),
	},

	/** 8c. The contacts with one email, out of every contact of the account. */
	findContact: {
		dotloop: (ctx, { email }) =>
			chain('bench 8c: Find a contact by email (Dotloop)', [
				manualTrigger(),
				dotloop(ctx, 'Find Contact', {
					resource: 'contact',
					operation: 'find',
					email,
					returnAll: true,
					options: {},
				}),
			]),
		http: (ctx, { email }) =>
			chain('bench 8c: Find a contact by email (HTTP Request)', [
				manualTrigger(),
				expertContactListing(ctx),
				splitOutData(),
				emailFilter(email),
			]),
	},

	/** 9. N CRM rows created or updated by email on an account with C contacts, under the rate limit. */
	contactUpsert: {
		dotloop: (ctx, { rows }) =>
			chain('bench 9: Create or Update contacts (Dotloop)', [
				manualTrigger(),
				...crmRows(rows),
				dotloop(ctx, 'Create or Update Contact', {
					resource: 'contact',
					operation: 'upsert',
					email: '={{ $json.email }}',
					firstName: '={{ $json.firstName }}',
					additionalFields: {},
				}),
			]),
		http: (ctx, { rows }) => contactUpsertBaseline(ctx, { rows }),
	},

	/**
	 * 5. Webhook deliveries. The Dotloop Trigger creates its own subscription with a fresh signing key
	 * and verifies every delivery; the plain Webhook node (what a user without the package has) takes
	 * any POST. Both answer at once ("onReceived") and start one execution per accepted delivery.
	 */
	trigger: {
		dotloop: (ctx, { webhookId }) =>
			chain('bench 5: Dotloop Trigger', [
				{
					name: 'Dotloop Trigger',
					type: ctx.TRIGGER_TYPE,
					typeVersion: ctx.triggerTypeVersion || 1,
					webhookId,
					// Version 2 has one Events list; earlier versions a Target and its events.
					parameters:
						(ctx.triggerTypeVersion || 1) >= 2
							? { events: ['LOOP_UPDATED'], profileId: rl(PROFILE_ID), options: {} }
							: {
									targetType: 'PROFILE',
									profileId: rl(PROFILE_ID),
									profileEvents: ['LOOP_UPDATED'],
									options: {},
								},
					credentials: {
						[ctx.CREDENTIAL_TYPE]: { id: ctx.dotloopCredentialId, name: 'Dotloop (bench)' },
					},
				},
			]),
		http: (ctx, { webhookId, path }) =>
			chain('bench 5: plain Webhook', [
				{
					name: 'Webhook',
					type: 'n8n-nodes-base.webhook',
					typeVersion: 2.1,
					webhookId,
					parameters: { httpMethod: 'POST', path, responseMode: 'onReceived', options: {} },
				},
			]),
	},
	polling: {
		dotloop: (ctx, { seconds, event = 'loopUpdated' }) =>
			chain('bench 7: Dotloop Polling Trigger', [
				{
					name: 'Dotloop Polling Trigger',
					type: ctx.TRIGGER_TYPE.replace(/dotloopTrigger$/, 'dotloopPollingTrigger'),
					typeVersion: 1,
					parameters: {
						pollTimes: everySeconds(seconds),
						event,
						watch: 'profile',
						profileId: rl(PROFILE_ID),
						options: {},
					},
					credentials: {
						[ctx.CREDENTIAL_TYPE]: { id: ctx.dotloopCredentialId, name: 'Dotloop (bench)' },
					},
				},
			]),
		http: (ctx, { seconds }) => pollingBaseline(ctx, { seconds }),
	},
	/** Scenario 7, Loop Date Approaching on a 20,000-loop profile. */
	dates: {
		dotloop: (ctx, { seconds, withinDays = DATES_WITHIN_DAYS }) =>
			chain('bench 7: Dotloop Polling Trigger (Loop Date Approaching)', [
				{
					name: 'Dotloop Polling Trigger',
					type: ctx.TRIGGER_TYPE.replace(/dotloopTrigger$/, 'dotloopPollingTrigger'),
					typeVersion: 1,
					parameters: {
						pollTimes: everySeconds(seconds),
						event: 'loopDateApproaching',
						watch: 'profile',
						profileId: rl(PROFILE_ID),
						dateField: 'Contract Dates|Closing Date',
						withinDays,
						options: {},
					},
					credentials: {
						[ctx.CREDENTIAL_TYPE]: { id: ctx.dotloopCredentialId, name: 'Dotloop (bench)' },
					},
				},
			]),
		http: (ctx, options) => datesBaseline(ctx, options),
	},

	/**
	 * 2b. Many executions at once sharing one credential under the rate limit: each execution (started
	 * by a webhook call) gets `count` loops by id. The Dotloop side shares the credential's window
	 * across executions by itself. The HTTP Request side is paced by an expert who knows how many
	 * executions run at once: each takes 1/concurrency of the documented limit (same 10% margin as
	 * scenario 2), with Retry On Fail 5 × 5 s as a safety net.
	 */
	sharedCredential: {
		dotloop: (ctx, { path, first, count }) =>
			chain('bench 2b: concurrent executions, one credential (Dotloop)', [
				webhookTrigger(path),
				...loopIdItems(first, count),
				dotloop(ctx, 'Get Loop', {
					resource: 'loop',
					operation: 'get',
					profileId: rl(PROFILE_ID),
					loopId: rl('={{ $json.loopId }}'),
				}),
			]),
		http: (ctx, { path, first, count, concurrency }) =>
			chain('bench 2b: concurrent executions, one credential (HTTP Request)', [
				webhookTrigger(path),
				...loopIdItems(first, count),
				http(
					ctx,
					'Get Loop',
					{
						method: 'GET',
						url: `=${ctx.apiBaseUrl}/profile/${PROFILE_ID}/loop/{{ $json.loopId }}`,
						options: {
							batching: {
								batch: {
									batchSize: 1,
									batchInterval: Math.ceil(
										((60_000 / (ctx.rateLimit / concurrency)) * 1.1) / ctx.clockScale,
									),
								},
							},
						},
					},
					{ retry: { maxTries: 5, waitBetweenTries: 5000 } },
				),
			]),
	},
};

function webhookTrigger(path) {
	return {
		name: 'Webhook',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2.1,
		webhookId: path,
		parameters: { httpMethod: 'POST', path, responseMode: 'onReceived', options: {} },
	};
}

/**
 * The details request per loop, paced for Dotloop's documented limit of 100 requests per minute.
 * Batching "Items per Batch" 1 with "Batch Interval" = 660 ms of Dotloop time (600 ms is exactly 100
 * a minute; the 10% margin covers the list's own requests in the first window and timer jitter, since
 * one 429 makes the node fail and Retry On Fail re-run all of it). The sandbox's clock runs
 * `clockScale` times faster, so the interval is divided by it, as every other time here.
 * Retry On Fail: 5 tries (n8n's maximum), 5 s apart (n8n's maximum), as a safety net.
 */
function rateLimitedDetails(ctx) {
	const intervalMs = Math.ceil(((60_000 / ctx.rateLimit) * 1.1) / ctx.clockScale);
	return http(
		ctx,
		'Get Loop Details',
		{
			method: 'GET',
			url: `=${ctx.apiBaseUrl}/profile/${PROFILE_ID}/loop/{{ $json.id }}/detail`,
			options: { batching: { batch: { batchSize: 1, batchInterval: intervalMs } } },
		},
		{ retry: { maxTries: 5, waitBetweenTries: 5000 } },
	);
}

module.exports = { workflows, PROFILE_ID, rl, chain, rateLimitedDetails };
