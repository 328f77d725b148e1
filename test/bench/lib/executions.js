'use strict';
/** What n8n's public API says about a workflow's executions, as the webhook scenarios need it. */
const { sleep } = require('./bench');

/** Every execution of the workflow (finished or not, newest first), through the cursor pages. */
async function listExecutions(n8n, workflowId) {
	const all = [];
	let cursor;
	for (let page = 0; page < 1000; page++) {
		const qs = new URLSearchParams({ workflowId: String(workflowId), limit: '250' });
		if (cursor) qs.set('cursor', cursor);
		const body = await n8n.api('GET', `/executions?${qs}`);
		all.push(...body.data);
		cursor = body.nextCursor;
		if (!cursor) break;
	}
	return all;
}

/**
 * Wait until n8n has no running execution of the workflow (asked with status=running, which the list
 * leaves out otherwise; seen twice, `intervalMs` apart) or the timeout passed. A cheap query, so the
 * polling adds little to the CPU measured meanwhile.
 */
async function waitUntilIdle(n8n, workflowId, { timeoutMs, intervalMs }) {
	const deadline = Date.now() + timeoutMs;
	let quiet = 0;
	while (Date.now() < deadline) {
		const qs = new URLSearchParams({
			workflowId: String(workflowId),
			status: 'running',
			limit: '1',
		});
		const running = (await n8n.api('GET', `/executions?${qs}`)).data.length > 0;
		quiet = running ? 0 : quiet + 1;
		if (quiet >= 2) return;
		await sleep(intervalMs);
	}
}

module.exports = { listExecutions, waitUntilIdle };
