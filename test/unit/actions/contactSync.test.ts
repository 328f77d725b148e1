import nock from 'nock';
import { NodeApiError, type IDataObject, type INodeExecutionData } from 'n8n-workflow';

import * as upsert from '../../../nodes/Dotloop/actions/contact/upsert.operation';
import { newExecutionScope } from '../../../nodes/Dotloop/actions/execution';
import { resources } from '../../../nodes/Dotloop/actions/resources';
import { expression, runDotloop } from '../helpers/n8n/action';
import { createExecuteContext } from '../helpers/n8n/contexts';
import { api, BASE_PATH, setupNock } from '../helpers/nock';

setupNock();

const people = (from: number, count: number) =>
	Array.from({ length: count }, (_, n) => ({
		id: from + n,
		firstName: 'Other',
		lastName: 'Person',
		email: `person${from + n}@example.com`,
		updated: '2024-01-01T00:00:00Z',
	}));
const brian = {
	id: 3603862,
	firstName: 'Brian',
	lastName: 'Erwin',
	email: 'Brian@Example.com',
	updated: '2024-03-01T10:00:00Z',
};
const brianToo = {
	id: 3603900,
	firstName: 'Bryan',
	lastName: 'Erwin',
	email: ' brian@example.com',
	updated: '2024-05-01T10:00:00Z',
};

const page = (n: number, total: number, data: object[]) =>
	api()
		.get(`${BASE_PATH}/contact`)
		.query({ batch_size: '100', batch_number: String(n) })
		.reply(200, { meta: { total }, data });

describe('Contact Find', () => {
	const find = (extra: object = {}) => ({
		resource: 'contact',
		operation: 'find',
		email: 'brian@example.com',
		returnAll: true,
		options: {},
		...extra,
	});

	it('reads every page of 100 and outputs one item per contact with the email in any case', async () => {
		page(1, 150, [...people(1, 60), brian, ...people(61, 39)]);
		page(2, 150, [...people(100, 49), brianToo]);

		const { output } = await runDotloop({ params: find() });

		expect(output).toEqual([
			{ json: brian, pairedItem: { item: 0 } },
			{ json: brianToo, pairedItem: { item: 0 } },
		]);
	});

	it('narrows by first and last name when they are given', async () => {
		page(1, 101, [...people(1, 99), brian]);
		page(2, 101, [brianToo]);

		const { output } = await runDotloop({
			params: find({ firstName: ' BRYAN ', lastName: 'erwin' }),
		});

		expect(output).toEqual([{ json: brianToo, pairedItem: { item: 0 } }]);
	});

	it('stops reading once Limit contacts match', async () => {
		page(1, 350, [brian, ...people(1, 99)]);

		const { output } = await runDotloop({ params: find({ returnAll: false, limit: 1 }) });

		expect(output).toEqual([{ json: brian, pairedItem: { item: 0 } }]);
	});

	it('outputs nothing when none match, or one empty item when asked to', async () => {
		page(1, 2, people(1, 2));
		expect((await runDotloop({ params: find() })).output).toEqual([]);

		page(1, 2, people(1, 2));
		const { output } = await runDotloop({
			params: find({ options: { emptyItemOnNoMatch: true } }),
		});
		expect(output).toEqual([{ json: {}, pairedItem: { item: 0 } }]);
	});

	it('sends Updated Since as the filter in whole-second UTC', async () => {
		api()
			.get(`${BASE_PATH}/contact`)
			.query({ batch_size: '100', batch_number: '1', filter: 'updated_min=2024-01-31T09:30:00Z' })
			.reply(200, { meta: { total: 1 }, data: [brian] });

		const { output } = await runDotloop({
			params: find({ options: { updatedSince: '2024-01-31T09:30:00.789Z' } }),
		});

		expect(output).toEqual([{ json: brian, pairedItem: { item: 0 } }]);
	});

	it.each([
		['', '"Email" is required and may not be empty'],
		['brian', '"Email" must be an email address such as name@example.com, not "brian"'],
		[
			'brian @example.com',
			'"Email" must be an email address such as name@example.com, not "brian @example.com"',
		],
		[
			'brian@example',
			'"Email" must be an email address such as name@example.com, not "brian@example"',
		],
	])('refuses the email %j before any request', async (email, message) => {
		await expect(runDotloop({ params: find({ email: expression(email) }) })).rejects.toThrow(
			message,
		);
	});
});

describe('Contact Create or Update', () => {
	const upsert = (extra: object = {}) => ({
		resource: 'contact',
		operation: 'upsert',
		email: 'brian@example.com',
		firstName: 'Brian',
		lastName: '',
		additionalFields: { city: 'San Francisco', state: '' },
		...extra,
	});
	const sent = { firstName: 'Brian', email: 'brian@example.com', city: 'San Francisco' };

	it('creates the contact when no contact has the email', async () => {
		page(1, 2, people(1, 2));
		api()
			.post(`${BASE_PATH}/contact`, sent)
			.reply(201, { data: { id: 400131, ...sent } });

		const { output } = await runDotloop({ params: upsert() });

		expect(output).toEqual([
			{
				json: { id: 400131, ...sent, action: 'created', matchingContacts: 0 },
				pairedItem: { item: 0 },
			},
		]);
	});

	it('updates the one contact with the email, matched in any case', async () => {
		page(1, 3, [...people(1, 2), brian]);
		api()
			.patch(`${BASE_PATH}/contact/3603862`, sent)
			.reply(200, { data: { ...brian, ...sent } });

		const { output } = await runDotloop({ params: upsert() });

		expect(output).toEqual([
			{
				json: { ...brian, ...sent, action: 'updated', matchingContacts: 1 },
				pairedItem: { item: 0 },
			},
		]);
	});

	it('updates the most recently updated of several and says there were several', async () => {
		page(1, 101, [brianToo, ...people(1, 99)]);
		page(2, 101, [brian]);
		api()
			.patch(`${BASE_PATH}/contact/3603900`, sent)
			.reply(200, { data: { ...brianToo, ...sent } });

		const { output } = await runDotloop({ params: upsert() });

		expect(output).toEqual([
			{
				json: {
					...brianToo,
					...sent,
					action: 'updated',
					matchingContacts: 2,
					otherMatchingContactIds: [3603862],
					note: '2 contacts have this email; the most recently updated one (3603900) was updated',
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	it('refuses a bad email before any request', async () => {
		await expect(runDotloop({ params: upsert({ email: 'not an email' }) })).rejects.toThrow(
			'"Email" must be an email address such as name@example.com, not "not an email"',
		);
	});
});

/**
 * n8n cannot change the operation between the items of one node run (Resource and Operation take no
 * expressions), so one execution's list seen by several operations is driven as the router drives
 * it: each step's operation for its item on n8n-core's ExecuteContext with that step's parameters,
 * one scope.
 * With `continueOnFail`, a failed step gives an item with its error and HTTP status.
 */
async function runSteps(steps: IDataObject[], continueOnFail = false) {
	const scope = newExecutionScope();
	const output: INodeExecutionData[] = [];
	for (const [item, step] of steps.entries()) {
		// The node as configured for this step, over every item, run for its item.
		const { context } = await createExecuteContext({
			items: steps.map(() => ({ json: {} })),
			params: step,
		});
		const handler = resources.contact.operations[String(step.operation)];
		const items = await handler.execute.call(context, item, scope).catch(async (error: Error) => {
			if (!continueOnFail || !(error instanceof NodeApiError)) return await Promise.reject(error);
			return [{ json: { error: error.message, httpCode: error.httpCode } }];
		});
		output.push(...context.helpers.constructExecutionMetaData(items, { itemData: { item } }));
	}
	return { output };
}

describe("the execution's contact list", () => {
	/** `METHOD path?query` of every request the scopes below answered, in order. */
	let sent: string[];
	beforeEach(() => {
		sent = [];
	});
	const logged = (scope: nock.Scope) =>
		scope.on('request', (req: { method: string; path: string }) =>
			sent.push(`${req.method} ${req.path.slice(BASE_PATH.length)}`),
		);
	const listRead = (n: number) => `GET /contact?batch_size=100&batch_number=${n}`;

	/** The account's contact list, once: ⌈contacts / 100⌉ pages of 100. */
	const account = (contacts: object[]) => {
		const scope = logged(api());
		for (let n = 1; n <= Math.ceil(contacts.length / 100); n++) {
			scope
				.get(`${BASE_PATH}/contact`)
				.query({ batch_size: '100', batch_number: String(n) })
				.reply(200, {
					meta: { total: contacts.length },
					data: contacts.slice((n - 1) * 100, n * 100),
				});
		}
		return scope;
	};
	const upsertOf = (email: string, firstName: string) => ({
		resource: 'contact',
		operation: 'upsert',
		email,
		firstName,
		additionalFields: {},
	});
	const findOf = (email: string, extra: object = {}) => ({
		resource: 'contact',
		operation: 'find',
		email,
		returnAll: true,
		options: { emptyItemOnNoMatch: true },
		...extra,
	});
	const itemsOf = (count: number) => Array.from({ length: count }, () => ({ json: {} }));
	const fiveThousand = people(1, 5000);

	it('20 Create or Update items on 5,000 contacts: 50 list reads once, then one POST or PATCH each', async () => {
		const emails = Array.from({ length: 20 }, (_, i) => `new${i}@example.com`);
		emails[0] = 'person1234@example.com';
		emails[10] = 'NEW1@Example.com';
		emails[15] = 'person5000@example.com';
		account(fiveThousand);
		const writes = logged(api());
		emails.forEach((email, i) => {
			const body = { firstName: `First${i}`, email };
			const target = { 0: 1234, 10: 500001, 15: 5000 }[i];
			if (target === undefined) {
				writes.post(`${BASE_PATH}/contact`, body).reply(201, { data: { id: 500000 + i, ...body } });
			} else {
				writes
					.patch(`${BASE_PATH}/contact/${target}`, body)
					.reply(200, { data: { id: target, ...body } });
			}
		});

		const { output } = await runDotloop({
			items: itemsOf(20),
			params: (i) => upsertOf(emails[i], `First${i}`),
		});

		expect(sent).toEqual([
			...Array.from({ length: 50 }, (_, n) => listRead(n + 1)),
			...emails.map(
				(_, i) =>
					({ 0: 'PATCH /contact/1234', 10: 'PATCH /contact/500001', 15: 'PATCH /contact/5000' })[
						i
					] ?? 'POST /contact',
			),
		]);
		expect(
			output.map(({ json: { id, action, matchingContacts } }) => [id, action, matchingContacts]),
		).toEqual(
			emails.map(
				(_, i) =>
					({ 0: [1234, 'updated', 1], 10: [500001, 'updated', 1], 15: [5000, 'updated', 1] })[
						i
					] ?? [500000 + i, 'created', 0],
			),
		);
		expect(output.map((item) => item.pairedItem)).toEqual(emails.map((_, item) => ({ item })));
	});

	it('the same email three times in one run creates one contact, then updates it twice', async () => {
		account(people(1, 2));
		const writes = logged(api());
		writes
			.post(`${BASE_PATH}/contact`, { firstName: 'Nora', email: 'nora@example.com' })
			.reply(201, {
				data: {
					id: 777,
					firstName: 'Nora',
					email: 'nora@example.com',
					updated: '2024-06-01T00:00:00Z',
				},
			})
			.patch(`${BASE_PATH}/contact/777`, { firstName: 'Nora B', email: 'NORA@example.com' })
			.reply(200, {
				data: {
					id: 777,
					firstName: 'Nora B',
					email: 'NORA@example.com',
					updated: '2024-06-01T00:00:01Z',
				},
			})
			.patch(`${BASE_PATH}/contact/777`, { firstName: 'Nora C', email: 'nora@EXAMPLE.com' })
			.reply(200, {
				data: {
					id: 777,
					firstName: 'Nora C',
					email: 'nora@EXAMPLE.com',
					updated: '2024-06-01T00:00:02Z',
				},
			});
		const rows = [
			['nora@example.com', 'Nora'],
			['NORA@example.com', 'Nora B'],
			[' nora@EXAMPLE.com ', 'Nora C'],
		];

		const { output } = await runDotloop({
			items: itemsOf(3),
			params: (i) => upsertOf(rows[i][0], rows[i][1]),
		});

		expect(sent).toEqual([
			listRead(1),
			'POST /contact',
			'PATCH /contact/777',
			'PATCH /contact/777',
		]);
		expect(output.map((item) => item.json)).toEqual([
			{
				id: 777,
				firstName: 'Nora',
				email: 'nora@example.com',
				updated: '2024-06-01T00:00:00Z',
				action: 'created',
				matchingContacts: 0,
			},
			{
				id: 777,
				firstName: 'Nora B',
				email: 'NORA@example.com',
				updated: '2024-06-01T00:00:01Z',
				action: 'updated',
				matchingContacts: 1,
			},
			{
				id: 777,
				firstName: 'Nora C',
				email: 'nora@EXAMPLE.com',
				updated: '2024-06-01T00:00:02Z',
				action: 'updated',
				matchingContacts: 1,
			},
		]);
	});

	it('with Continue On Fail a failed read, create or update leaves the list right for the next items', async () => {
		const existing = {
			id: 2,
			firstName: 'Bea',
			email: 'b@example.com',
			updated: '2024-01-01T00:00:00Z',
		};
		logged(api())
			.get(`${BASE_PATH}/contact`)
			.query({ batch_size: '100', batch_number: '1' })
			.reply(403, { errors: [{ detail: 'no access' }] });
		account([people(1, 1)[0], existing]);
		logged(api())
			.post(`${BASE_PATH}/contact`, { firstName: 'A1', email: 'a@example.com' })
			.reply(422, { errors: [{ detail: 'rejected' }] })
			.post(`${BASE_PATH}/contact`, { firstName: 'A2', email: 'a@example.com' })
			.reply(201, { data: { id: 901, firstName: 'A2', email: 'a@example.com' } })
			.patch(`${BASE_PATH}/contact/2`, { firstName: 'B1', email: 'b@example.com' })
			.reply(404, { errors: [{ detail: 'gone' }] })
			.post(`${BASE_PATH}/contact`, { firstName: 'B2', email: 'b@example.com' })
			.reply(201, { data: { id: 902, firstName: 'B2', email: 'b@example.com' } });
		const rows = [
			['a@example.com', 'A0'],
			['a@example.com', 'A1'],
			['a@example.com', 'A2'],
			['b@example.com', 'B1'],
			['b@example.com', 'B2'],
		];

		const { output } = await runDotloop({
			items: itemsOf(5),
			continueOnFail: true,
			params: (i) => upsertOf(rows[i][0], rows[i][1]),
		});

		expect(sent).toEqual([
			listRead(1),
			listRead(1),
			'POST /contact',
			'POST /contact',
			'PATCH /contact/2',
			'POST /contact',
		]);
		expect(output.map(({ json }) => json.httpCode ?? [json.id, json.action])).toEqual([
			'403',
			'422',
			[901, 'created'],
			'404',
			[902, 'created'],
		]);
	});

	it('a contact Update or Delete finds gone (404) leaves the list, so Create or Update creates it again', async () => {
		account([
			{ id: 2, email: 'b@example.com' },
			{ id: 3, email: 'c@example.com' },
		]);
		logged(api())
			.delete(`${BASE_PATH}/contact/2`)
			.reply(404, { errors: [{ detail: 'gone' }] })
			.patch(`${BASE_PATH}/contact/3`, { firstName: 'C' })
			.reply(404, { errors: [{ detail: 'gone' }] })
			.post(`${BASE_PATH}/contact`, { firstName: 'B', email: 'b@example.com' })
			.reply(201, { data: { id: 4, firstName: 'B', email: 'b@example.com' } })
			.post(`${BASE_PATH}/contact`, { firstName: 'C', email: 'c@example.com' })
			.reply(201, { data: { id: 5, firstName: 'C', email: 'c@example.com' } });
		const steps = [
			findOf('b@example.com'),
			{ resource: 'contact', operation: 'delete', contactId: '2' },
			{
				resource: 'contact',
				operation: 'update',
				contactId: '3',
				updateFields: { firstName: 'C' },
			},
			upsertOf('b@example.com', 'B'),
			upsertOf('c@example.com', 'C'),
		];

		const { output } = await runSteps(steps, true);

		expect(sent).toEqual([
			listRead(1),
			'DELETE /contact/2',
			'PATCH /contact/3',
			'POST /contact',
			'POST /contact',
		]);
		expect(output.map(({ json }) => json.httpCode ?? [json.id, json.action])).toEqual([
			[2, undefined],
			'404',
			'404',
			[4, 'created'],
			[5, 'created'],
		]);
	});

	it('Find with many items reads the 5,000 contacts once', async () => {
		const twin = { ...fiveThousand[4998], id: 6000, email: 'PERSON4999@example.com' };
		account([...fiveThousand, twin]);

		const { output } = await runDotloop({
			items: itemsOf(4),
			params: (i) =>
				[
					findOf('person10@example.com'),
					findOf('person4999@example.com'),
					findOf('nobody@example.com'),
					findOf('person4999@example.com', { returnAll: false, limit: 1 }),
				][i],
		});

		expect(sent).toEqual(Array.from({ length: 51 }, (_, n) => listRead(n + 1)));
		expect(output).toEqual([
			{ json: fiveThousand[9], pairedItem: { item: 0 } },
			{ json: fiveThousand[4998], pairedItem: { item: 1 } },
			{ json: twin, pairedItem: { item: 1 } },
			{ json: {}, pairedItem: { item: 2 } },
			{ json: fiveThousand[4998], pairedItem: { item: 3 } },
		]);
	});

	it('Create, Update and Delete in the same run keep the list current for Find and Create or Update', async () => {
		account(people(1, 2));
		logged(api())
			.post(`${BASE_PATH}/contact`, { email: 'x@example.com' })
			.reply(201, { data: { id: 55, email: 'x@example.com' } })
			.patch(`${BASE_PATH}/contact/55`, { email: 'y@example.com' })
			.reply(200, { data: { id: 55, email: 'y@example.com' } })
			.post(`${BASE_PATH}/contact`, { firstName: 'X', email: 'x@example.com' })
			.reply(201, { data: { id: 56, firstName: 'X', email: 'x@example.com' } })
			.delete(`${BASE_PATH}/contact/56`)
			.reply(204)
			.post(`${BASE_PATH}/contact`, { firstName: 'X again', email: 'x@example.com' })
			.reply(201, { data: { id: 57, firstName: 'X again', email: 'x@example.com' } });
		const steps = [
			findOf('x@example.com'),
			{ resource: 'contact', operation: 'create', email: 'x@example.com', additionalFields: {} },
			findOf('x@example.com'),
			{
				resource: 'contact',
				operation: 'update',
				contactId: '55',
				updateFields: { email: 'y@example.com' },
			},
			upsertOf('x@example.com', 'X'),
			{ resource: 'contact', operation: 'delete', contactId: '56' },
			upsertOf('x@example.com', 'X again'),
			findOf('y@example.com'),
			findOf('x@example.com'),
		];

		const { output } = await runSteps(steps);

		expect(sent).toEqual([
			listRead(1),
			'POST /contact',
			'PATCH /contact/55',
			'POST /contact',
			'DELETE /contact/56',
			'POST /contact',
		]);
		expect(output).toEqual([
			{ json: {}, pairedItem: { item: 0 } },
			{ json: { id: 55, email: 'x@example.com' }, pairedItem: { item: 1 } },
			{ json: { id: 55, email: 'x@example.com' }, pairedItem: { item: 2 } },
			{ json: { id: 55, email: 'y@example.com' }, pairedItem: { item: 3 } },
			{
				json: {
					id: 56,
					firstName: 'X',
					email: 'x@example.com',
					action: 'created',
					matchingContacts: 0,
				},
				pairedItem: { item: 4 },
			},
			{ json: { deleted: true, id: 56 }, pairedItem: { item: 5 } },
			{
				json: {
					id: 57,
					firstName: 'X again',
					email: 'x@example.com',
					action: 'created',
					matchingContacts: 0,
				},
				pairedItem: { item: 6 },
			},
			{ json: { id: 55, email: 'y@example.com' }, pairedItem: { item: 7 } },
			{ json: { id: 57, firstName: 'X again', email: 'x@example.com' }, pairedItem: { item: 8 } },
		]);
	});

	it('items running at once with one email still create one contact, reading the list once', async () => {
		account(people(1, 2));
		logged(api())
			.post(`${BASE_PATH}/contact`, { firstName: 'One', email: 'same@example.com' })
			.reply(201, { data: { id: 71, firstName: 'One', email: 'same@example.com' } })
			.patch(`${BASE_PATH}/contact/71`, { firstName: 'Two', email: 'same@example.com' })
			.reply(200, { data: { id: 71, firstName: 'Two', email: 'same@example.com' } });
		const names = ['One', 'Two'];
		const { context } = await createExecuteContext({
			items: itemsOf(2),
			params: (i) => upsertOf('same@example.com', names[i]),
		});
		const scope = newExecutionScope();

		const outputs = await Promise.all(
			[0, 1].map(async (i) => await upsert.execute.call(context, i, scope)),
		);

		expect(sent).toEqual([listRead(1), 'POST /contact', 'PATCH /contact/71']);
		expect(outputs.map(([{ json }]) => [json.id, json.action])).toEqual([
			[71, 'created'],
			[71, 'updated'],
		]);
	});

	it('a new execution reads the list again: nothing is kept between executions', async () => {
		account(people(1, 2));
		logged(api())
			.post(`${BASE_PATH}/contact`, { firstName: 'Run1', email: 'runs@example.com' })
			.reply(201, { data: { id: 81, firstName: 'Run1', email: 'runs@example.com' } });
		await runDotloop({ params: upsertOf('runs@example.com', 'Run1') });
		account([...people(1, 2), { id: 81, email: 'runs@example.com' }]);
		logged(api())
			.patch(`${BASE_PATH}/contact/81`, { firstName: 'Run2', email: 'runs@example.com' })
			.reply(200, { data: { id: 81, firstName: 'Run2', email: 'runs@example.com' } });

		await runDotloop({ params: upsertOf('runs@example.com', 'Run2') });

		expect(sent).toEqual([listRead(1), 'POST /contact', listRead(1), 'PATCH /contact/81']);
	});
});
