import type { INodeProperties, INodePropertyModeValidation } from 'n8n-workflow';

import { Dotloop } from '../../../nodes/Dotloop/Dotloop.node';
import { expression, runDotloop } from '../helpers/n8n/action';
import { api, BASE_PATH, setupNock } from '../helpers/nock';

setupNock();

const properties = new Dotloop().description.properties as INodeProperties[];
const loopUrlMode = properties
	.find((p) => p.name === 'loopId' && p.type === 'resourceLocator')!
	.modes!.find((mode) => mode.name === 'url')!;

/** What the editor shows under the field: n8n anchors each validation regex (validateResourceLocatorParameter). */
function editorErrors(value: string): string[] {
	const rules = loopUrlMode.validation as INodePropertyModeValidation[];
	return rules
		.map((rule) => rule.properties as { regex: string; errorMessage: string })
		.filter((rule) => !new RegExp(`^${rule.regex}$`).test(value))
		.map((rule) => rule.errorMessage);
}

async function getLoopByUrl(value: string) {
	return await runDotloop({
		params: {
			resource: 'loop',
			operation: 'get',
			profileId: { __rl: true, mode: 'list', value: '4711' },
			loopId: { __rl: true, mode: 'url', value },
		},
	});
}

describe('Loop By URL', () => {
	it.each([
		'  https://www.dotloop.com/m/loop?viewId=34308  ',
		'https://www.dotloop.com/m/loop?viewId=34308&tab=documents',
		'www.dotloop.com/m/loop?viewId=34308',
		'dotloop.com/m/loop?tab=activity&viewId=34308#top',
		'http://www.dotloop.com/m/loop?viewId=34308',
	])('accepts what users paste from the address bar: %j', async (pasted) => {
		expect(editorErrors(pasted)).toEqual([]);
		api()
			.get(`${BASE_PATH}/profile/4711/loop/34308`)
			.reply(200, { data: { id: 34308 } });

		const { output } = await getLoopByUrl(pasted);

		expect(output).toEqual([{ json: { id: 34308, profileId: 4711 }, pairedItem: { item: 0 } }]);
	});

	it.each([
		'https://www.dotloop.com/m/loop',
		'https://example.com/m/loop?viewId=34308',
		'https://www.dotloop.com/m/loop?viewId=34308x',
		'34308',
	])('refuses %j in the editor, showing what a loop link looks like', (value) => {
		expect(editorErrors(value)).toEqual([
			"Not a Dotloop loop link: paste the loop's address from the browser, which looks like https://www.dotloop.com/m/loop?viewId=34308 (the number after viewId= is the loop ID)",
		]);
	});

	it('a link from an expression that is no loop link fails before any request, saying what one looks like', async () => {
		const run = getLoopByUrl(expression('https://example.com/listing/12'));

		await expect(run).rejects.toThrow(
			'"Loop" is not a Dotloop loop link: "https://example.com/listing/12"',
		);
		await expect(getLoopByUrl(expression('https://example.com/listing/12'))).rejects.toMatchObject({
			description:
				"Paste the loop's address from the browser; it looks like https://www.dotloop.com/m/loop?viewId=34308 (the number after viewId= is the loop ID). Or choose By ID.",
		});
	});

	it('a typed link that is no loop link is refused by n8n before the run, with the mode hint', async () => {
		await expect(getLoopByUrl('https://example.com/listing/12')).rejects.toThrow(
			"The 'Dotloop' node has issues:\n- Not a Dotloop loop link: paste the loop's address from the browser, which looks like https://www.dotloop.com/m/loop?viewId=34308 (the number after viewId= is the loop ID)",
		);
	});
});

describe('pickers for records that were plain ID fields', () => {
	const LOOP = `${BASE_PATH}/profile/4711/loop/34308`;
	const parents = {
		profileId: { __rl: true, mode: 'list', value: '4711' },
		loopId: { __rl: true, mode: 'id', value: '34308' },
	};

	it.each([
		[
			'document',
			'get',
			{ folderId: '423424', documentId: { __rl: true, mode: 'list', value: '561621' } },
			`${LOOP}/folder/423424/document/561621`,
		],
		[
			'participant',
			'get',
			{ participantId: { __rl: true, mode: 'id', value: ' 2355 ' } },
			`${LOOP}/participant/2355`,
		],
		[
			'task',
			'get',
			{ taskListId: '1234', taskId: { __rl: true, mode: 'list', value: '125736485' } },
			`${LOOP}/tasklist/1234/task/125736485`,
		],
	])('%s %s reads the record the picker chose', async (resource, operation, params, path) => {
		api()
			.get(path)
			.reply(200, { data: { id: 1 } });

		const { output } = await runDotloop({ params: { resource, operation, ...parents, ...params } });

		expect(output).toEqual([{ json: { id: 1 }, pairedItem: { item: 0 } }]);
	});

	it('contact get reads a contact chosen from the list, and one stored as a plain ID by older workflows', async () => {
		api()
			.get(`${BASE_PATH}/contact/3603862`)
			.reply(200, { data: { id: 3603862 } })
			.get(`${BASE_PATH}/contact/3603862`)
			.reply(200, { data: { id: 3603862 } });

		for (const contactId of [{ __rl: true, mode: 'list', value: '3603862' }, '3603862']) {
			const { output } = await runDotloop({
				params: { resource: 'contact', operation: 'get', contactId },
			});
			expect(output).toEqual([{ json: { id: 3603862 }, pairedItem: { item: 0 } }]);
		}
	});

	it('webhook event get reads an event chosen from the list', async () => {
		const subscription = '4370bfdb-af96-430c-9871-90badf4d5608';
		const event = '5f6667e3-4b65-4025-9d64-f8d695b3ebb5';
		api()
			.get(`${BASE_PATH}/subscription/${subscription}/event/${event}`)
			.reply(200, { data: { id: event } });

		const { output } = await runDotloop({
			params: {
				resource: 'webhookEvent',
				operation: 'get',
				subscriptionId: { __rl: true, mode: 'id', value: subscription },
				eventId: { __rl: true, mode: 'list', value: event },
			},
		});

		expect(output).toEqual([{ json: { id: event }, pairedItem: { item: 0 } }]);
	});

	it.each(['documentId', 'participantId', 'taskId', 'contactId', 'eventId'])(
		'%s is a picker with From List and By ID',
		(name) => {
			const locators = properties.filter((p) => p.name === name);
			expect(locators.length).toBeGreaterThan(0);
			for (const locator of locators) {
				expect(locator.type).toBe('resourceLocator');
				expect(locator.modes!.map((mode) => mode.name)).toEqual(['list', 'id']);
			}
		},
	);
});
