import { NodeHelpers, type INodeProperties } from 'n8n-workflow';

import { DotloopOAuth2Api } from '../../../credentials/DotloopOAuth2Api.credentials';

/** oAuth2Api's own Client ID and Client Secret, as n8n defines them. */
const parent: INodeProperties[] = [
	{ displayName: 'Client ID', name: 'clientId', type: 'string', default: '', required: true },
	{
		displayName: 'Client Secret',
		name: 'clientSecret',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		required: true,
	},
];

describe('the credential dialog', () => {
	// n8n builds a credential's form by merging its own properties over those of the type it extends.
	const form = [...parent];
	NodeHelpers.mergeNodeProperties(form, new DotloopOAuth2Api().properties);
	const field = (name: string) => form.find((property) => property.name === name)!;

	it('says where the client ID and secret come from, linking the developer portal', () => {
		expect(field('clientId').hint).toContain(
			'<a href="https://info.dotloop.com/developers" target="_blank">',
		);
		expect(field('clientSecret').hint).toBe(
			'The client secret Dotloop issued together with the client ID',
		);
		expect(field('clientSecret').typeOptions).toEqual({ password: true });
		expect(form.slice(0, 2).map((property) => property.name)).toEqual(['clientId', 'clientSecret']);
	});

	it('links the developer portal in its notice', () => {
		expect(field('notice').displayName).toContain(
			'<a href="https://info.dotloop.com/developers" target="_blank">Dotloop\'s developer portal</a>',
		);
	});
});
