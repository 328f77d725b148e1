import { runDotloop } from '../helpers/n8n/action';
import { api, BASE_PATH, setupNock } from '../helpers/nock';

setupNock();

describe('Account', () => {
	it('Get reads GET /account and outputs its data object', async () => {
		const account = {
			id: 1,
			firstName: 'Brian',
			lastName: 'Erwin',
			email: 'brianerwin@newkyhome.com',
			defaultProfileId: 42,
		};
		api().get(`${BASE_PATH}/account`).query({}).reply(200, { data: account });

		const { output } = await runDotloop({ params: { resource: 'account', operation: 'get' } });

		expect(output).toEqual([{ json: account, pairedItem: { item: 0 } }]);
	});
});
