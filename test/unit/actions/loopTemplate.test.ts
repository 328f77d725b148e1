import { expression, runDotloop } from '../helpers/n8n/action';
import { api, BASE_PATH, setupNock } from '../helpers/nock';

setupNock();

const template = {
	id: 423,
	profileId: 732453,
	name: 'My Loop Template',
	transactionType: 'PURCHASE_OFFER',
	shared: true,
	global: false,
};
const templates = [template, { ...template, id: 424, name: 'Listing' }, { ...template, id: 425 }];
const byId = (id: string) => ({ __rl: true, mode: 'id', value: id });

describe('Loop Template', () => {
	it('Get Many with Return All outputs every template of the profile', async () => {
		api()
			.get(`${BASE_PATH}/profile/732453/loop-template`)
			.query({})
			.reply(200, { meta: { total: 3 }, data: templates });

		const { output } = await runDotloop({
			params: {
				resource: 'loopTemplate',
				operation: 'getAll',
				profileId: byId('732453'),
				returnAll: true,
			},
		});

		expect(output).toEqual(templates.map((json) => ({ json, pairedItem: { item: 0 } })));
	});

	it('Get Many with a limit keeps only the first templates', async () => {
		api()
			.get(`${BASE_PATH}/profile/732453/loop-template`)
			.query({})
			.reply(200, { meta: { total: 3 }, data: templates });

		const { output } = await runDotloop({
			params: {
				resource: 'loopTemplate',
				operation: 'getAll',
				profileId: { __rl: true, mode: 'list', value: '732453' },
				returnAll: false,
				limit: 1,
			},
		});

		expect(output).toEqual([{ json: template, pairedItem: { item: 0 } }]);
	});

	it('Get reads the template of the profile by id', async () => {
		api()
			.get(`${BASE_PATH}/profile/732453/loop-template/423`)
			.query({})
			.reply(200, { data: template });

		const { output } = await runDotloop({
			params: {
				resource: 'loopTemplate',
				operation: 'get',
				profileId: byId('732453'),
				loopTemplateId: byId('423'),
			},
		});

		expect(output).toEqual([{ json: template, pairedItem: { item: 0 } }]);
	});

	it('refuses a template ID that is not a positive whole number', async () => {
		await expect(
			runDotloop({
				params: {
					resource: 'loopTemplate',
					operation: 'get',
					profileId: byId('732453'),
					loopTemplateId: byId(expression('My Loop Template')),
				},
			}),
		).rejects.toThrow(
			'"Loop Template" must be a Dotloop ID (a positive whole number), not "My Loop Template"',
		);
	});
});
