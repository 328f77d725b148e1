import {
	listCarriesDetails,
	listedWithDetails,
	loopDetailsOfSummary,
} from '../../../nodes/Dotloop/rules/loopDetails';

const address = { 'Property Address': { City: 'Chicago' } };
const loop = { id: 34308, name: 'Atturo Garay', status: 'ARCHIVED', loopUrl: 'https://x' };

describe('the details a loop list item carries', () => {
	it.each([
		['details', { ...loop, details: address }],
		['loopDetails', { ...loop, loopDetails: address }],
		['inline sections', { ...loop, ...address }],
	])('are read from %s', (_, item) => {
		expect(loopDetailsOfSummary(item)).toEqual(address);
		expect(listedWithDetails(item, true)).toEqual({ ...loop, details: address });
	});

	it('a `details` object wins over other object-valued keys, which stay on the item', () => {
		const item = { ...loop, details: address, Financials: { 'Purchase/Sale Price': '1' } };
		expect(loopDetailsOfSummary(item)).toEqual(address);
		expect(listedWithDetails(item, true)).toEqual(item);
	});

	it('arrays and scalars are not sections; an item without any carries none', () => {
		const item = { ...loop, tags: ['a'], details: null };
		expect(loopDetailsOfSummary(item)).toBeUndefined();
		expect(listCarriesDetails([item])).toBe(false);
		expect(listedWithDetails(item, false)).toEqual(item);
		expect(listedWithDetails(item, true)).toEqual({ ...loop, tags: ['a'], details: {} });
	});
});
