import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { readBatches, type BatchedRead } from './fetch';
import { advanceWindow, isoSeconds, toSeconds, windowStart, type ChangeWindow } from './window';

const CONTACTS_PATH = '/contact';
/** How many of the highest contact IDs the state keeps (see ContactState.recentIds). */
const RECENT_IDS = 50;
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
	/** The highest contact ID known: a higher one is a new contact (when it carries no `created`). */
	maxId: number;
	/**
	 * The highest contact IDs known, at most RECENT_IDS. Contacts created together can become visible
	 * out of ID order, so for a contact without `created` an ID above the lowest of these that is not
	 * among them is new too. Absent in states stored before it: then only IDs above maxId are new.
	 */
	recentIds?: number[];
}

interface ContactPoll {
	created: IDataObject[];
	updated: IDataObject[];
	next: ContactState;
	requests: number;
}

function knownIds(records: IDataObject[], previous: ContactState | undefined) {
	const ids = new Set(previous?.recentIds ?? []);
	for (const c of records) if (Number(c.id) > 0) ids.add(Number(c.id));
	const recentIds = [...ids].sort((a, b) => b - a).slice(0, RECENT_IDS);
	return { maxId: Math.max(previous?.maxId ?? 0, recentIds[0] ?? 0), recentIds };
}

/**
 * Whether a changed contact is new. Contacts carry `created` (changelog 05/31/2017): new when it falls
 * inside the window this poll read and the contact was not emitted by the poll before (its ID is in the
 * window's `seen`). Without `created`: an ID above every known ID, or above the lowest of the recent
 * IDs without being one of them.
 */
function newContactTest(state: ContactState): (contact: IDataObject) => boolean {
	const from = toSeconds(windowStart(state.window)) ?? 0;
	const recent = new Set(state.recentIds ?? []);
	const lowest = state.recentIds?.length ? Math.min(...state.recentIds) : state.maxId;
	return (contact) => {
		const created = toSeconds(String(contact.created ?? ''));
		if (created !== undefined) return created >= from && !(String(contact.id) in state.window.seen);
		const id = Number(contact.id);
		return id > state.maxId || (id > lowest && !recent.has(id));
	};
}

/** Changed contacts since the window, split into new ones and updates. */
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
	const isNew = newContactTest(state);
	return {
		created: changes.filter(isNew),
		updated: changes.filter((c) => !isNew(c)),
		next: { window: next, ...knownIds(changes, state) },
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
		state: { window: next, ...knownIds(read.records, undefined) },
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
