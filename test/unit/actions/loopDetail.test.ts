import { expression, runDotloop } from '../helpers/n8n/action';
import { api, BASE_PATH, setupNock } from '../helpers/nock';
import { LOOP_DETAIL_FIELDS } from '../../../nodes/Dotloop/rules/loopDetails';
import { Dotloop } from '../../../nodes/Dotloop/Dotloop.node';

setupNock();

const byId = (id: string) => ({ __rl: true, mode: 'id', value: id });
const DETAIL = `${BASE_PATH}/profile/4711/loop/34308/detail`;
const details = {
	'Property Address': {
		Country: 'USA',
		'Street Number': '333',
		'Street Name': 'Main St',
		City: 'San Francisco',
	},
	Financials: { 'Purchase/Sale Price': '342342', 'Sale Commission Rate': '3' },
};
const update = {
	resource: 'loopDetail',
	operation: 'update',
	profileId: byId('4711'),
	loopId: byId('34308'),
	mode: 'fields',
};

describe('Loop Detail', () => {
	it('Get outputs the details object as one item', async () => {
		api().get(DETAIL).query({}).reply(200, { data: details });

		const { output } = await runDotloop({
			params: {
				resource: 'loopDetail',
				operation: 'get',
				profileId: byId('4711'),
				loopId: byId('34308'),
			},
		});

		expect(output).toEqual([{ json: details, pairedItem: { item: 0 } }]);
	});

	it('offers every field of "Get Loop Details", grouped by section, in the structured editor', () => {
		const properties = new Dotloop().description.properties.filter(
			(p) => p.displayOptions?.show?.resource?.[0] === 'loopDetail' && p.type === 'collection',
		);
		const offered = Object.fromEntries(
			properties.map((p) => [
				p.displayName,
				(p.options ?? []).map((o) => (o as { displayName: string }).displayName).sort(),
			]),
		);
		const documented = Object.fromEntries(
			Object.entries(LOOP_DETAIL_FIELDS).map(([section, fields]) => [section, [...fields].sort()]),
		);
		expect(offered).toEqual(documented);
	});

	it('Update by section and field sends { Section: { Field: value } }, dates as MM/DD/YYYY, no empty values', async () => {
		const answer = { ...details, Financials: { 'Purchase/Sale Price': '450000' } };
		api()
			.patch(DETAIL, {
				Financials: { 'Purchase/Sale Price': '450000', 'Sale Commission Split % - Buy Side': '50' },
				'Contract Dates': { 'Closing Date': '03/15/2024', 'Contract Agreement Date': '01/31/2017' },
				'Listing Information': {
					"Homeowner's Association": 'Yes',
					'1st Mortgage Balance': '120000',
				},
				'Property Address': { 'State/Prov': 'CA' },
			})
			.query({})
			.reply(200, { data: answer });

		const { output } = await runDotloop({
			timezone: 'America/Los_Angeles',
			params: {
				...update,
				financials: {
					purchaseSalePrice: '450000',
					saleCommissionSplitPercentBuySide: '50',
					earnestMoneyHeldBy: '',
				},
				contractDates: {
					closingDate: '2024-03-15T05:00:00Z',
					contractAgreementDate: '01/31/2017',
				},
				listingInformation: { homeownersAssociation: 'Yes', firstMortgageBalance: '120000' },
				propertyAddress: { stateProv: 'CA', county: '  ' },
				clearFields: [],
			},
		});

		expect(output).toEqual([{ json: answer, pairedItem: { item: 0 } }]);
	});

	it('a date string keeps the calendar day it names, whatever the workflow timezone', async () => {
		api()
			.patch(DETAIL, {
				'Contract Dates': { 'Closing Date': '03/15/2024', 'Contract Agreement Date': '03/01/2024' },
				'Offer Dates': { 'Offer Date': '02/29/2024', 'Inspection Date': '03/20/2024' },
			})
			.query({})
			.reply(200, { data: details });

		await runDotloop({
			timezone: 'America/New_York',
			params: {
				...update,
				contractDates: { closingDate: '2024-03-15T00:00:00Z', contractAgreementDate: '2024-03-01' },
				offerDates: { offerDate: '2024-02-29T23:30:00-08:00', inspectionDate: ' 03/20/2024 ' },
				clearFields: [],
			},
		});
	});

	// In n8n's expressions DateTime and Date are in the workflow timezone unless set to another zone;
	// a value set to Tokyo names Tokyo's day, as a date-time string with an offset does.
	it('a date-time value from an expression names its day in the workflow timezone, or its own zone', async () => {
		api()
			.patch(DETAIL, {
				'Contract Dates': { 'Closing Date': '03/14/2024', 'Contract Agreement Date': '03/15/2024' },
				'Listing Information': { 'Listing Date': '03/14/2024' },
			})
			.query({})
			.reply(200, { data: details });
		api()
			.patch(DETAIL, { 'Contract Dates': { 'Closing Date': '03/14/2024' } })
			.query({})
			.reply(200, { data: details });

		await runDotloop({
			timezone: 'America/New_York',
			params: {
				...update,
				contractDates: {
					closingDate: "={{ DateTime.fromISO('2024-03-15T02:00:00Z') }}",
					contractAgreementDate:
						"={{ DateTime.fromISO('2024-03-15T02:00:00Z').setZone('Asia/Tokyo') }}",
				},
				listingInformation: { listingDate: "={{ new Date('2024-03-15T02:00:00Z') }}" },
				clearFields: [],
			},
		});
		await runDotloop({
			timezone: 'America/New_York',
			params: {
				...update,
				mode: 'json',
				detailsJson:
					"={{ { 'Contract Dates': { 'Closing Date': DateTime.fromISO('2024-03-15T02:00:00Z') } } }}",
			},
		});
	});

	it('Update sends "" only for the fields chosen in Fields to Clear', async () => {
		api()
			.patch(DETAIL, { Referral: { 'Referral %': '', 'Referral Source': 'Zillow' } })
			.query({})
			.reply(200, { data: { Referral: { 'Referral Source': 'Zillow' } } });

		const { output } = await runDotloop({
			params: {
				...update,
				referral: { referralSource: 'Zillow' },
				clearFields: ['Referral › Referral %'],
			},
		});

		expect(output).toEqual([
			{ json: { Referral: { 'Referral Source': 'Zillow' } }, pairedItem: { item: 0 } },
		]);
	});

	it('Update as JSON sends the sections as written, custom fields included, every scalar as a string', async () => {
		const sent = {
			Financials: { 'Purchase/Sale Price': '342342', 'Lockbox Code': '1234' },
			Property: { 'Year Built': '1998', 'Is Waterfront': 'true', Bedrooms: null },
		};
		api().patch(DETAIL, sent).query({}).reply(200, { data: sent });

		const { output } = await runDotloop({
			params: {
				...update,
				mode: 'json',
				detailsJson: JSON.stringify({
					Financials: { 'Purchase/Sale Price': '342342', 'Lockbox Code': 1234 },
					Property: { 'Year Built': 1998, 'Is Waterfront': true, Bedrooms: null },
				}),
			},
		});

		expect(output).toEqual([{ json: sent, pairedItem: { item: 0 } }]);
	});

	it('Update as JSON refuses a section Dotloop does not have, naming the known ones', async () => {
		await expect(
			runDotloop({
				params: {
					...update,
					mode: 'json',
					detailsJson: '{"Financial": {"Purchase/Sale Price": "1"}}',
				},
			}),
		).rejects.toThrow(
			`"Details (JSON)": "Financial" is not a loop detail section; use one of ${Object.keys(LOOP_DETAIL_FIELDS).join(', ')}`,
		);
	});

	it('Update as JSON shows an example in the editor', () => {
		const field = new Dotloop().description.properties.find((p) => p.name === 'detailsJson');
		expect(field?.default).toBe('');
		expect(JSON.parse(String(field?.placeholder))).toEqual({
			Financials: { 'Purchase/Sale Price': '342342' },
			'Contract Dates': { 'Closing Date': '03/15/2024' },
		});
	});

	it('Update as JSON takes an object from an expression too', async () => {
		const body = { Property: { Bedrooms: '3' } };
		api().patch(DETAIL, body).query({}).reply(200, { data: body });

		const { output } = await runDotloop({ params: { ...update, mode: 'json', detailsJson: body } });

		expect(output).toEqual([{ json: body, pairedItem: { item: 0 } }]);
	});

	it('refuses an update with nothing to change', async () => {
		await expect(
			runDotloop({
				params: { ...update, financials: { purchaseSalePrice: ' ' }, clearFields: [] },
			}),
		).rejects.toThrow(
			'Nothing to update: add a field to one of the sections, or choose "Fields to Clear"',
		);
		await expect(
			runDotloop({ params: { ...update, mode: 'json', detailsJson: '{"Financials": {}}' } }),
		).rejects.toThrow('"Details (JSON)" is empty: give at least one section with one field');
	});

	it('refuses a field that is both set and cleared', async () => {
		await expect(
			runDotloop({
				params: {
					...update,
					financials: { purchaseSalePrice: '1' },
					clearFields: ['Financials › Purchase/Sale Price'],
				},
			}),
		).rejects.toThrow(
			'"Financials › Purchase/Sale Price" has a value and is in "Fields to Clear": choose one',
		);
	});

	it('refuses JSON that is invalid or not shaped { Section: { Field: value } }', async () => {
		await expect(
			runDotloop({ params: { ...update, mode: 'json', detailsJson: '{"Financials": ' } }),
		).rejects.toThrow('"Details (JSON)" is not valid JSON');
		await expect(
			runDotloop({ params: { ...update, mode: 'json', detailsJson: '{"Financials": "342342"}' } }),
		).rejects.toThrow('"Details (JSON)": section "Financials" must be an object of fields');
		await expect(
			runDotloop({
				params: { ...update, mode: 'json', detailsJson: '{"Property": {"Bedrooms": [3]}}' },
			}),
		).rejects.toThrow(
			'"Details (JSON)": "Property › Bedrooms" must be a text, number or true/false value, not [3]',
		);
		await expect(
			runDotloop({
				params: {
					...update,
					mode: 'json',
					detailsJson: '{"Property": {"Bedrooms": {"count": 3}}}',
				},
			}),
		).rejects.toThrow(
			'"Details (JSON)": "Property › Bedrooms" must be a text, number or true/false value, not {"count":3}',
		);
		await expect(
			runDotloop({ params: { ...update, mode: 'json', detailsJson: '[]' } }),
		).rejects.toThrow('"Details (JSON)" must be a JSON object');
	});

	it('refuses a non-numeric loop ID', async () => {
		await expect(
			runDotloop({
				params: {
					resource: 'loopDetail',
					operation: 'get',
					profileId: byId('4711'),
					loopId: byId(expression('abc')),
				},
			}),
		).rejects.toThrow('"Loop" must be a Dotloop ID (a positive whole number), not "abc"');
	});
});
