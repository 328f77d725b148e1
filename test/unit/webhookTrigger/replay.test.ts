import { ReplayGuard } from '../../../nodes/Dotloop/webhookTrigger/replay';

describe('ReplayGuard', () => {
	it('refuses a signature seen before until it expires', () => {
		const guard = new ReplayGuard();
		expect(guard.isReplay('abc', 1_000, 0)).toBe(false);
		expect(guard.isReplay('abc', 1_000, 999)).toBe(true);
		expect(guard.isReplay('abc', 2_000, 1_000)).toBe(false);
	});

	it('stays within its capacity, forgetting expired entries first, then the oldest', () => {
		const guard = new ReplayGuard(2);
		guard.isReplay('a', 100, 0);
		guard.isReplay('b', 5_000, 0);
		guard.isReplay('c', 5_000, 200); // full: 'a' has expired and goes
		expect(guard.isReplay('b', 5_000, 300)).toBe(true);
		guard.isReplay('d', 5_000, 300); // full of live entries: the oldest ('b') goes
		expect(guard.isReplay('c', 5_000, 400)).toBe(true);
		expect(guard.isReplay('b', 5_000, 400)).toBe(false);
	});
});
