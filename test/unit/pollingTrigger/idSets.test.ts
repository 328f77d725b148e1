import { decodeIds, encodeIds } from '../../../nodes/Dotloop/pollingTrigger/idSets';

describe('loop ID sets (Loop Status Changed state)', () => {
	test('ascending base-36 differences, duplicates dropped, any input order', () => {
		expect(encodeIds(['110', '100', '101', '102', '101'])).toBe('2s.1.1.8');
		expect(decodeIds('2s.1.1.8')).toEqual(['100', '101', '102', '110']);
	});

	test('an empty set is an empty string, and decodes to nothing', () => {
		expect(encodeIds([])).toBe('');
		expect(decodeIds('')).toEqual([]);
		expect(decodeIds(undefined)).toEqual([]);
	});

	test('large, far-apart IDs round-trip', () => {
		const ids = ['30003', '9007199254740991', '45000000', '45000017'];
		expect(decodeIds(encodeIds(ids))).toEqual([
			'30003',
			'45000000',
			'45000017',
			'9007199254740991',
		]);
	});
});
