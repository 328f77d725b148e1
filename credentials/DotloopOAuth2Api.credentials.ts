import type { ICredentialType, INodeProperties } from 'n8n-workflow';

export const DOTLOOP_API_BASE_URL = 'https://api-gateway.dotloop.com/public/v2';
/** Where Dotloop takes API access requests (Overview, Client Registration). */
const DEVELOPER_PORTAL = 'https://info.dotloop.com/developers';

export class DotloopOAuth2Api implements ICredentialType {
	name = 'dotloopOAuth2Api';

	extends = ['oAuth2Api'];

	displayName = 'Dotloop OAuth2 API';

	documentationUrl = 'https://github.com/n8n-nodes-dotloop/n8n-nodes-dotloop#credentials';

	icon = { light: 'file:dotloop.svg', dark: 'file:dotloop.dark.svg' } as const;

	/** For the HTTP Request node with this credential (what "Custom API Call" points to): the API's address. */
	httpRequestNode: ICredentialType['httpRequestNode'] = {
		name: 'Dotloop',
		docsUrl: 'https://dotloop.github.io/public-api/',
		apiBaseUrl: `${DOTLOOP_API_BASE_URL}/`,
	};

	properties: INodeProperties[] = [
		{
			displayName: `Dotloop grants API access on request: register a client at <a href="${DEVELOPER_PORTAL}" target="_blank">Dotloop's developer portal</a> and give Dotloop the "OAuth Redirect URL" shown on this page as the client's redirect URL. Dotloop fixes the scopes per client, so there is nothing to choose here.`,
			name: 'notice',
			type: 'notice',
			default: '',
		},
		{
			// Same field as oAuth2Api's (child properties replace the parent's of the same name), with a hint.
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
			hint: `Issued by Dotloop for your API client: <a href="${DEVELOPER_PORTAL}" target="_blank">request one</a>`,
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			hint: 'The client secret Dotloop issued together with the client ID',
		},
		{
			displayName: 'Grant Type',
			name: 'grantType',
			type: 'hidden',
			default: 'authorizationCode',
		},
		{
			displayName: 'Authorization URL',
			name: 'authUrl',
			type: 'hidden',
			default: 'https://auth.dotloop.com/oauth/authorize',
			required: true,
		},
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'hidden',
			default: 'https://auth.dotloop.com/oauth/token',
			required: true,
		},
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'hidden',
			default: '',
		},
		{
			// Without it, "Deny" on Dotloop's consent page closes the popup and n8n never learns why.
			displayName: 'Auth URI Query Parameters',
			name: 'authQueryParameters',
			type: 'hidden',
			default: 'redirect_on_deny=true',
		},
		{
			// Dotloop's token endpoint wants the client id and secret as HTTP Basic auth.
			displayName: 'Authentication',
			name: 'authentication',
			type: 'hidden',
			default: 'header',
		},
		{
			displayName: 'API Base URL',
			name: 'apiBaseUrl',
			type: 'hidden',
			default: DOTLOOP_API_BASE_URL,
		},
	];
}
