import { runDotloop } from '../helpers/context';
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
		await expect(runDotloop({ params: find({ email }) })).rejects.toThrow(message);
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
