import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { readBatches, type BatchedRead } from './fetch';
import { advanceWindow, isoSeconds, windowStart, type ChangeWindow } from './window';

const CONTACTS_PATH = '/contact';
/** Readings of a filtered contact list that lost records while paging, before the poll gives up. */
const MAX_READINGS = 3;

/**
 * The contact list has no documented sort (section 12.1), so a contact that changes while we page can
 * move and push another past a batch boundary. A reading that met a record twice (the list moved) is
 * read again; if that keeps happening the poll fails and the next one retries the same window.
 */
async function readConsistently(this: IPollFunctions, qs: IDataObject): Promise<BatchedRead> {
	let requests = 0;
	for (let reading = 1; reading <= MAX_READINGS; reading++) {
		const read = await readBatches.call(this, CONTACTS_PATH, qs);
		requests += read.requests;
		// A record read twice means the list moved under us; one may have been skipped.
		const distinct = new Set(read.records.map((c) => String(c.id))).size;
		if (distinct === read.records.length) return { ...read, requests };
	}
	throw new NodeOperationError(
		this.getNode(),
		'Contacts kept changing while they were being read; the next poll reads the same changes again',
	);
}

export interface ContactState {
	window: ChangeWindow;
	/** The highest contact ID known: a higher one is a new contact. */
	maxId: number;
}

interface ContactPoll {
	created: IDataObject[];
	updated: IDataObject[];
	next: ContactState;
	requests: number;
}

function highestId(records: IDataObject[], start: number): number {
	return records.reduce((max, c) => Math.max(max, Number(c.id) || 0), start);
}

/** Changed contacts since the window, split into new ones (ID above every known ID) and updates. */
export async function pollContacts(
	this: IPollFunctions,
	state: ContactState,
): Promise<ContactPoll> {
	const read = await readConsistently.call(this, {
		filter: `updated_min=${windowStart(state.window)}`,
	});
	const { changes, next } = advanceWindow(state.window, read.records, 'updated', {
		checked: read.checked,
	});
	const created = changes.filter((c) => Number(c.id) > state.maxId);
	const updated = changes.filter((c) => Number(c.id) <= state.maxId);
	return {
		created,
		updated,
		next: { window: next, maxId: highestId(changes, state.maxId) },
		requests: read.requests,
	};
}

/**
 * First poll: every contact once, to learn the highest ID and the newest change (contacts cannot be
 * sorted, so the newest is not on a known batch).
 */
export async function startContacts(
	this: IPollFunctions,
): Promise<{ state: ContactState; all: IDataObject[]; requests: number }> {
	const read = await readConsistently.call(this, {});
	const { changes, next } = advanceWindow(
		{ at: isoSeconds(0), seen: {} },
		read.records,
		'updated',
		{
			checked: read.checked,
		},
	);
	return {
		state: { window: next, maxId: highestId(read.records, 0) },
		all: changes,
		requests: read.requests,
	};
}

/** A manual run: the most recently changed contacts of the first batch. */
export async function recentContacts(this: IPollFunctions, limit: number): Promise<IDataObject[]> {
	const read = await readBatches.call(this, CONTACTS_PATH, {}, { maxPages: 1 });
	return [...read.records]
		.sort((a, b) => String(b.updated ?? '').localeCompare(String(a.updated ?? '')))
		.slice(0, limit);
}
