import type { IDataObject } from 'n8n-workflow';

import { runDotloop } from '../helpers/n8n/action';
import { api, BASE_PATH, setupNock } from '../helpers/nock';

/**
 * Section 5.1 "List all Loops" documents include_details without showing where a list item carries the
 * details: Loop Find and Loop Get Many read every shape Dotloop may answer, and give each item its
 * details under `details`.
 */
setupNock();

const PROFILE = `${BASE_PATH}/profile/4711`;
const profileId = { __rl: true, mode: 'id', value: '4711' };

const summary = (id: number, name: string) => ({
	id,
	name,
	status: 'PRE_OFFER',
	transactionType: 'PURCHASE_OFFER',
	totalTaskCount: 2,
	completedTaskCount: 1,
	updated: '2024-01-31T09:30:00Z',
	created: '2024-01-02T10:00:00Z',
	loopUrl: `https://www.dotloop.com/m/loop?viewId=${id}`,
});
const detailsOf = (street: [string, string], mls: string): IDataObject => ({
	'Property Address': { 'Street Number': street[0], 'Street Name': street[1], 'MLS Number': mls },
	Financials: { 'Purchase/Sale Price': '342342' },
});

type Shape = 'details' | 'loopDetails' | 'inline' | 'omitted';
/** A list item as Dotloop may answer it under each reading. */
function listed(shape: Shape, loop: IDataObject, details: IDataObject): IDataObject {
	if (shape === 'omitted') return loop;
	if (shape === 'inline') return { ...loop, ...details };
	return { ...loop, [shape]: details };
}

const elm = [1, 2, 3].map((n) => ({
	loop: summary(n, `Loop ${n}`),
	details: detailsOf(['1', 'Elm St'], `X${n}`),
}));
const waterview = {
	loop: summary(34308, 'Atturo Garay, 2100 Waterview Dr'),
	details: detailsOf(['2100', 'Waterview Dr.'], '43FSB8'),
};
const rows = [elm[0], waterview, elm[1], elm[2]];

const SHAPES: Shape[] = ['details', 'loopDetails', 'inline', 'omitted'];

describe.each(SHAPES)('a loop list carrying include_details as %s', (shape) => {
	const list = (query: Record<string, string>, data: typeof rows) =>
		api()
			.get(`${PROFILE}/loop`)
			.query(query)
			.reply(200, {
				meta: { total: data.length },
				data: data.map(({ loop, details }) => listed(shape, loop, details)),
			});
	/** "Get Loop Details" of each loop, asked only when the list carried no details. */
	const detailReads = (data: typeof rows) => {
		if (shape !== 'omitted') return;
		const scope = api();
		for (const { loop, details } of data)
			scope.get(`${PROFILE}/loop/${loop.id}/detail`).reply(200, { data: details });
	};
	const find = (extra: IDataObject) => ({
		resource: 'loop',
		operation: 'find',
		profileId,
		returnAll: true,
		filters: {},
		...extra,
	});

	it.each([
		['mlsNumber', ' 43fsb8 '],
		['streetAddress', '2100  waterview dr'],
	])(
		'Loop Find by %s matches and outputs the loop with `details`',
		async (searchBy, searchText) => {
			list({ include_details: 'true', batch_size: '100', batch_number: '1' }, rows);
			detailReads(rows);

			const { output } = await runDotloop({ params: find({ searchBy, searchText }) });

			expect(output).toEqual([
				{
					json: { ...waterview.loop, statusCategory: 'Pending', details: waterview.details },
					pairedItem: { item: 0 },
				},
			]);
		},
	);

	it('Loop Find with Limit 1 reads no details past the match', async () => {
		list({ include_details: 'true', batch_size: '100', batch_number: '1' }, rows);
		detailReads(rows.slice(0, 2));

		const { output } = await runDotloop({
			params: find({
				searchBy: 'mlsNumber',
				searchText: '43FSB8',
				returnAll: false,
				limit: 1,
			}),
		});

		expect(output).toEqual([
			{
				json: { ...waterview.loop, statusCategory: 'Pending', details: waterview.details },
				pairedItem: { item: 0 },
			},
		]);
	});

	it('Loop Find by name needs no details: no request beyond the list', async () => {
		list({ include_details: 'true', batch_size: '100', batch_number: '1' }, rows);

		const { output } = await runDotloop({
			params: find({ searchBy: 'name', searchText: 'WATERVIEW' }),
		});

		const json =
			shape === 'omitted'
				? { ...waterview.loop, statusCategory: 'Pending' }
				: { ...waterview.loop, statusCategory: 'Pending', details: waterview.details };
		expect(output).toEqual([{ json, pairedItem: { item: 0 } }]);
	});

	it('Loop Get Many with Include Details gives each loop its details under `details`', async () => {
		const two = rows.slice(0, 2);
		list({ include_details: 'true', batch_size: '2', batch_number: '1' }, two);
		detailReads(two);

		const { output } = await runDotloop({
			params: {
				resource: 'loop',
				operation: 'getAll',
				profileId,
				returnAll: false,
				limit: 2,
				options: { includeDetails: true },
			},
		});

		expect(output).toEqual(
			two.map(({ loop, details }) => ({
				json: { ...loop, statusCategory: 'Pending', details, profileId: 4711 },
				pairedItem: { item: 0 },
			})),
		);
	});
});

describe('a loop list whose items carry details inline', () => {
	it('reads a loop without any section as having no details when another item shows the list carried them', async () => {
		const bare = summary(7, 'No details yet');
		api()
			.get(`${PROFILE}/loop`)
			.query({ include_details: 'true', batch_size: '2', batch_number: '1' })
			.reply(200, {
				meta: { total: 2 },
				data: [{ ...waterview.loop, ...waterview.details }, bare],
			});

		const { output } = await runDotloop({
			params: {
				resource: 'loop',
				operation: 'getAll',
				profileId,
				returnAll: false,
				limit: 2,
				options: { includeDetails: true },
			},
		});

		expect(output.map((item) => item.json)).toEqual([
			{ ...waterview.loop, statusCategory: 'Pending', details: waterview.details, profileId: 4711 },
			{ ...bare, statusCategory: 'Pending', details: {}, profileId: 4711 },
		]);
	});
});

describe('a loop list that carried no details', () => {
	it('Loop Find fails with Dotloop\'s detail and status when "Get Loop Details" is refused', async () => {
		api()
			.get(`${PROFILE}/loop`)
			.query({ include_details: 'true', batch_size: '100', batch_number: '1' })
			.reply(200, { meta: { total: 1 }, data: [waterview.loop] })
			.get(`${PROFILE}/loop/34308/detail`)
			.reply(403, { status: 403, message: 'Insufficient permissions' });

		await expect(
			runDotloop({
				params: {
					resource: 'loop',
					operation: 'find',
					profileId,
					searchBy: 'mlsNumber',
					searchText: '43FSB8',
					returnAll: true,
					filters: {},
				},
			}),
		).rejects.toMatchObject({
			httpCode: '403',
			message: expect.stringContaining('Insufficient permissions'),
		});
	});
});
