import { fromDotloopDate } from '../../../nodes/Dotloop/rules/dates';

describe('loop-detail dates as Dotloop answers them', () => {
	test.each([
		['03/05/2017', '2017-03-05'],
		['3/5/2017', '2017-03-05'],
		[' 12/31/2026 ', '2026-12-31'],
		['March 05, 2017', '2017-03-05'],
		['March 5, 2017', '2017-03-05'],
		['march 5 2017', '2017-03-05'],
		['Mar 5, 2017', '2017-03-05'],
		['2017-03-05', '2017-03-05'],
	])('%j is %s', (value, day) => {
		expect(fromDotloopDate(value)).toBe(day);
	});

	test.each([
		'',
		'TBD',
		'02/30/2017',
		'13/01/2017',
		'February 30, 2017',
		'2017-03-05T10:00:00Z',
		'5 March 2017',
		42,
		null,
	])('%j is no date', (value) => {
		expect(fromDotloopDate(value)).toBeUndefined();
	});
});
