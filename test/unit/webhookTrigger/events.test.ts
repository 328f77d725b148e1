import { createHmac, randomBytes } from 'crypto';
import { NodeHelpers, Workflow } from 'n8n-workflow';
import type { INode, INodeParameters, INodeType, INodeTypes } from 'n8n-workflow';

import { DotloopTrigger } from '../../../nodes/Dotloop/DotloopTrigger.node';
import { api, BASE_PATH, setupNock } from '../helpers/nock';
import { create, deliver, triggerNode, WEBHOOK_URL } from '../helpers/n8n/trigger';

setupNock();

const trigger = new DotloopTrigger();
const { properties } = trigger.description;

const PROFILE_EVENTS = [
	'LOOP_CREATED',
	'LOOP_UPDATED',
	'LOOP_MERGED',
	'LOOP_PARTICIPANT_CREATED',
	'LOOP_PARTICIPANT_UPDATED',
	'LOOP_PARTICIPANT_DELETED',
];
const USER_EVENTS = [
	'CONTACT_CREATED',
	'CONTACT_UPDATED',
	'CONTACT_DELETED',
	'PROFILE_UPDATED',
	'USER_PROFILE_ACTIVATED',
	'USER_PROFILE_DEACTIVATED',
	'USER_ADDED_TO_PROFILE',
	'USER_REMOVED_FROM_PROFILE',
];

/** A node of the given version as n8n stores it: the values given, plus n8n's defaults. */
function nodeWith(typeVersion: number, values: INodeParameters): INode {
	const parameters = NodeHelpers.getNodeParameters(
		properties,
		values,
		true,
		false,
		{ typeVersion },
		trigger.description,
	);
	return { ...triggerNode, typeVersion, parameters: parameters ?? {} };
}

function issues(node: INode) {
	return NodeHelpers.getNodeParametersIssues(properties, node, trigger.description)?.parameters;
}

describe('Dotloop Trigger version 2: one Events list', () => {
	it('is the version new nodes get', () => {
		expect(trigger.description.version).toEqual([1, 1.1, 2]);
		expect(trigger.description.defaultVersion).toBe(2);
	});

	it("n8n's node panel finds every event: the first property called Events lists both targets' events", () => {
		// The rule n8n's node creator applies to a trigger's description (useActionsGeneration).
		const listed = properties.find((property) =>
			['event', 'events', 'trigger on'].includes(property.displayName.toLowerCase()),
		);
		expect(listed?.name).toBe('events');
		expect((listed?.options as Array<{ value: string }>).map((o) => o.value).sort()).toEqual(
			[...PROFILE_EVENTS, ...USER_EVENTS].sort(),
		);
	});

	it.each(USER_EVENTS)(
		'a trigger added from the panel as "%s" is complete as it is: no missing parameter',
		(eventType) => {
			const node = nodeWith(2, { events: [eventType] });
			expect(issues(node)).toBeUndefined();
			expect(node.parameters.profileId).toBeUndefined();
		},
	);

	it.each(PROFILE_EVENTS)(
		'a trigger added from the panel as "%s" asks for the profile only',
		(eventType) => {
			expect(Object.keys(issues(nodeWith(2, { events: [eventType] })) ?? {})).toEqual([
				'profileId',
			]);
		},
	);

	it('a new trigger starts with Loop Created chosen', () => {
		expect(nodeWith(2, {}).parameters.events).toEqual(['LOOP_CREATED']);
	});

	it('a user event subscribes the connected user (GET /account, then a USER subscription)', async () => {
		let sent: unknown;
		api()
			.get(`${BASE_PATH}/account`)
			.reply(200, { data: { id: 100 } })
			.post(`${BASE_PATH}/subscription`, (body) => {
				sent = body;
				return true;
			})
			.reply(200, { data: { id: '4370bfdb-af96-430c-9871-90badf4d5608' } });

		const { result } = await create({
			params: { events: ['CONTACT_CREATED', 'CONTACT_DELETED'], options: {} },
			typeVersion: 2,
		});

		expect(result).toBe(true);
		expect(sent).toEqual({
			targetType: 'USER',
			targetId: 100,
			eventTypes: ['CONTACT_CREATED', 'CONTACT_DELETED'],
			url: WEBHOOK_URL,
			signingKey: expect.stringMatching(/^[0-9a-f]{64}$/),
		});
	});

	it('loop events subscribe the chosen profile', async () => {
		let sent: unknown;
		api()
			.post(`${BASE_PATH}/subscription`, (body) => {
				sent = body;
				return true;
			})
			.reply(200, { data: { id: '4370bfdb-af96-430c-9871-90badf4d5608' } });

		await create({
			params: {
				events: ['LOOP_CREATED'],
				profileId: { __rl: true, mode: 'id', value: '789' },
				options: {},
			},
			typeVersion: 2,
		});

		expect(sent).toMatchObject({
			targetType: 'PROFILE',
			targetId: 789,
			eventTypes: ['LOOP_CREATED'],
		});
	});

	it('refuses profile and user events in one trigger before any request, naming both', async () => {
		await expect(
			create({
				params: { events: ['LOOP_CREATED', 'CONTACT_CREATED'], options: {} },
				typeVersion: 2,
			}),
		).rejects.toMatchObject({
			message:
				'"Events" mixes loop events of a profile (LOOP_CREATED) with events of the connected user (CONTACT_CREATED)',
			description:
				'One Dotloop subscription watches either a profile or the user: use one Dotloop Trigger for each.',
		});
	});

	it('refuses an event type the subscription cannot receive before any request, naming the allowed ones', async () => {
		await expect(
			create({
				params: { events: ['CONTACT_CREATED', 'CONTACT_RENAMED'], options: {} },
				typeVersion: 2,
			}),
		).rejects.toMatchObject({
			message:
				'"Events" has event types a USER subscription cannot receive: CONTACT_RENAMED. Allowed: CONTACT_CREATED, CONTACT_UPDATED, CONTACT_DELETED, PROFILE_UPDATED, USER_PROFILE_ACTIVATED, USER_PROFILE_DEACTIVATED, USER_ADDED_TO_PROFILE, USER_REMOVED_FROM_PROFILE',
		});
	});

	it('a delivery is filtered by the Events list, read as stored', async () => {
		const key = randomBytes(32).toString('hex');
		const subscriptionId = '7dbf7306-6015-48aa-8e9b-205363514d32';
		const post = async (eventType: string, eventId: string) => {
			const body = JSON.stringify({ eventId, eventType, subscriptionId, event: { id: '400001' } });
			const timestamp = String(Date.now());
			return await deliver({
				params: { events: ['CONTACT_CREATED'], options: {} },
				typeVersion: 2,
				staticData: { subscriptionId, signingKey: key },
				body,
				headers: {
					'X-DOTLOOP-TIMESTAMP': timestamp,
					'X-DOTLOOP-SIGNATURE': createHmac('sha1', key)
						.update(`${timestamp}.${body}`)
						.digest('hex'),
				},
			});
		};

		const wanted = await post('CONTACT_CREATED', 'v2-1');
		const other = await post('CONTACT_UPDATED', 'v2-2');

		expect(wanted.response.workflowData?.[0][0].json).toMatchObject({
			eventType: 'CONTACT_CREATED',
		});
		expect(other.response).toEqual({
			webhookResponse: 'Event type not selected in the Dotloop Trigger',
		});
		expect([...wanted.parameterReads, ...other.parameterReads]).toEqual([]);
	});
});

describe('Dotloop Trigger subtitle', () => {
	const nodeTypes: INodeTypes = {
		getByName: () => trigger as INodeType,
		getByNameAndVersion: () => trigger as INodeType,
		getKnownTypes: () => ({}),
	};
	function subtitle(node: INode): unknown {
		const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
		return workflow.expression.getSimpleParameterValue(
			workflow.getNode(node.name)!,
			trigger.description.subtitle,
			'internal',
			{},
		);
	}

	it('names the chosen events readably (version 2)', () => {
		expect(subtitle(nodeWith(2, { events: ['LOOP_CREATED', 'LOOP_PARTICIPANT_DELETED'] }))).toBe(
			'Loop Created, Loop Participant Deleted',
		);
	});

	it('names the chosen events readably (versions 1 and 1.1, User target)', () => {
		expect(
			subtitle(nodeWith(1.1, { targetType: 'USER', userEvents: ['USER_PROFILE_ACTIVATED'] })),
		).toBe('User Profile Activated');
	});
});
