import { awaitRateLimitWindow, blockUntilReset } from '../../../nodes/Dotloop/transport/rateLimit';

describe('the rate-limit window', () => {
	it('holds every request sent while it lasts, parallel ones included, not only the first', async () => {
		blockUntilReset('credential-1', 40);

		const waited = await Promise.all([
			awaitRateLimitWindow('credential-1'),
			awaitRateLimitWindow('credential-1'),
			awaitRateLimitWindow('credential-1'),
		]);

		expect(waited.map((ms) => ms > 0)).toEqual([true, true, true]);
		expect(await awaitRateLimitWindow('credential-1')).toBe(0);
		expect(await awaitRateLimitWindow('credential-2')).toBe(0);
	});
});
