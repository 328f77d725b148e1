import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { getAllBatched, isNotFound } from '../../transport';

const sameId = (a: unknown, b: unknown) => String(a) === String(b);

/**
 * The account's contacts as one execution of the node sees them. 12.1 List all Contacts has no
 * search, so Create or Update and Find match against this list: read once, on first use (⌈contacts /
 * 100⌉ requests), then kept current with every contact this execution creates, updates or deletes.
 * One is made per execution (actions/execution.ts), so it never outlives it or reaches another one.
 */
export class ContactDirectory {
	private list?: Promise<IDataObject[]>;
	private readonly turns = new Map<string, Promise<unknown>>();

	/** Whether this execution has read the list already (or is reading it). */
	get isRead(): boolean {
		return this.list !== undefined;
	}

	/**
	 * Copies of the contacts `keep` accepts. Items asking at the same time share one read; a read that
	 * failed is forgotten, so the next item reads again instead of inheriting the failure.
	 */
	async matching(
		context: IExecuteFunctions,
		keep: (contact: IDataObject) => boolean,
	): Promise<IDataObject[]> {
		if (!this.list) {
			const reading = getAllBatched.call(context, '/contact');
			this.list = reading;
			reading.catch(() => {
				if (this.list === reading) this.list = undefined;
			});
		}
		return (await this.list).filter(keep).map((contact) => ({ ...contact }));
	}

	/** After 12.3 Create a Contact: the new contact, as Dotloop answered it. */
	async created(contact: IDataObject): Promise<void> {
		await this.edit((list) => list.push({ ...contact }));
	}

	/** After 12.4 Update a Contact: the contact as Dotloop answered it, over what was known of it. */
	async updated(contactId: string | number, contact: IDataObject): Promise<void> {
		await this.edit((list) => {
			const at = list.findIndex((known) => sameId(known.id, contactId));
			if (at === -1) list.push({ id: contactId, ...contact });
			else list[at] = { ...list[at], ...contact, id: list[at].id };
		});
	}

	/** After 12.5 Delete a Contact, or a 404 showing the contact is gone. */
	async deleted(contactId: unknown): Promise<void> {
		await this.edit((list) => {
			const at = list.findIndex((known) => sameId(known.id, contactId));
			if (at !== -1) list.splice(at, 1);
		});
	}

	/**
	 * The answer to a request about one contact. Dotloop's 404 (deleted meanwhile, elsewhere) takes the
	 * contact off the list before the transport's error goes on to the item, so later items in this
	 * execution do not try it again.
	 */
	async forgetIfGone<T>(contactId: unknown, request: Promise<T>): Promise<T> {
		return await request.catch(async (error: unknown) => {
			if (isNotFound(error)) await this.deleted(contactId);
			throw error;
		});
	}

	/**
	 * Runs `task` once every earlier task with the same key has settled, so two items with one email
	 * never both find no contact and both create one, however the items are scheduled.
	 */
	async inTurn<T>(key: string, task: () => Promise<T>): Promise<T> {
		const mine = (this.turns.get(key) ?? Promise.resolve()).then(task);
		this.turns.set(
			key,
			mine.catch(() => undefined),
		);
		return await mine;
	}

	/** Changes the list if this execution read it; a list never read is read fresh when needed. */
	private async edit(change: (list: IDataObject[]) => void): Promise<void> {
		const list = await this.list?.catch(() => undefined);
		if (list) change(list);
	}
}
