import type { IPollFunctions } from 'n8n-workflow';

/**
 * n8n 2.x gives a poll a time budget (`getPollBudgetMs`: "a node draining a large backlog should stop
 * fetching before the budget runs out, return what it has, and leave the rest to the next poll").
 * A poll stops starting new pages of a change feed once this share of it is spent: the rest covers the
 * page in flight, a wait for the rate limit and emitting. n8n 1.x has no budget: nothing stops early.
 */
const SHARE_FOR_FETCHING = 0.8;

const deadlines = new WeakMap<object, number>();

export function startPollBudget(context: IPollFunctions): void {
	const budget = (context as Partial<Pick<IPollFunctions, 'getPollBudgetMs'>>).getPollBudgetMs;
	if (typeof budget !== 'function') return;
	const ms = Number(budget.call(context));
	if (Number.isFinite(ms) && ms > 0) deadlines.set(context, Date.now() + ms * SHARE_FOR_FETCHING);
}

/** Whether this poll should start no further page of a change feed. */
export function overBudget(context: IPollFunctions): boolean {
	const deadline = deadlines.get(context);
	return deadline !== undefined && Date.now() >= deadline;
}
