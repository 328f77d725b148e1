import {
	statusCategory,
	TRANSACTION_STATUS_VALUES,
	withStatusCategory,
} from '../../../nodes/Dotloop/rules/statuses';
import { STAGE_OF_STATUS } from '../../fixtures/status-stages';

describe('statusCategory: the stage a CRM maps a loop status to, as the README says', () => {
	it.each([
		...Object.entries(STAGE_OF_STATUS),
		// As some accounts write them.
		['Withdrawn', 'Cancelled'],
		['Under Contract', 'Pending'],
		[' active-listing ', 'Active'],
	])('%s → %s', (status, category) => {
		expect(statusCategory(status)).toBe(category);
	});

	it('gives every documented status a stage', () => {
		expect(TRANSACTION_STATUS_VALUES.filter((s) => statusCategory(s) === 'Unknown')).toEqual([]);
	});

	it.each([['EXPIRED'], [''], [null], [undefined], [42]])(
		'calls %p Unknown instead of failing',
		(status) => {
			expect(statusCategory(status)).toBe('Unknown');
		},
	);
});

describe('withStatusCategory', () => {
	it('puts statusCategory right after the raw status, which stays as Dotloop sent it', () => {
		const out = withStatusCategory({ id: 1, status: 'Terminated', name: 'A' });
		expect(out).toEqual({ id: 1, status: 'Terminated', statusCategory: 'Cancelled', name: 'A' });
		expect(Object.keys(out)).toEqual(['id', 'status', 'statusCategory', 'name']);
	});

	it('keeps an unknown status and says Unknown', () => {
		expect(withStatusCategory({ id: 2, status: 'ON_HOLD' })).toEqual({
			id: 2,
			status: 'ON_HOLD',
			statusCategory: 'Unknown',
		});
	});

	it('leaves a record without a status as it is', () => {
		const record = { id: 3, name: 'B' };
		expect(withStatusCategory(record)).toBe(record);
	});
});
