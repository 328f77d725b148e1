import { NodeOperationError } from 'n8n-workflow';

import { DotloopOAuth2Api } from '../../../credentials/DotloopOAuth2Api.credentials';
import { runDotloop } from '../helpers/n8n/action';
import { setupNock } from '../helpers/nock';

// No interceptor is declared: nock refuses any request, so these also prove none is sent.
setupNock();

const MESSAGE =
	'"Custom API Call" is not an operation of the Dotloop node: use the HTTP Request node with Authentication "Predefined Credential Type", Credential Type "Dotloop OAuth2 API" and the full URL, e.g. https://api-gateway.dotloop.com/public/v2/account';
const DESCRIPTION =
	"Every Dotloop API address starts with https://api-gateway.dotloop.com/public/v2. HTTP Request sends the credential's token and refreshes it; it does not pace requests to Dotloop's rate limit, page through lists or report merged loops, which this node does.";

describe('Custom API Call (what n8n adds to the Resource and Operation lists)', () => {
	it.each([
		// Resource "Custom API Call": n8n shows no Operation, so the node has none to read.
		['as the resource', { resource: '__CUSTOM_API_CALL__' }],
		['as the operation of a resource', { resource: 'loop', operation: '__CUSTOM_API_CALL__' }],
	])('%s fails before any request with what to use instead', async (_, params) => {
		const run = runDotloop({ params });
		await expect(run).rejects.toThrow(NodeOperationError);
		await expect(run).rejects.toMatchObject({
			message: MESSAGE,
			description: DESCRIPTION,
			context: { itemIndex: 0 },
		});
	});

	it('with Continue On Fail becomes an error item that says the same', async () => {
		const { output } = await runDotloop({
			params: { resource: '__CUSTOM_API_CALL__' },
			continueOnFail: true,
		});
		expect(output).toEqual([
			{ json: { error: MESSAGE, description: DESCRIPTION }, pairedItem: { item: 0 } },
		]);
	});
});

describe('the credential for the HTTP Request node', () => {
	it("declares the API's address, so HTTP Request starts from it", () => {
		expect(new DotloopOAuth2Api().httpRequestNode).toEqual({
			name: 'Dotloop',
			docsUrl: 'https://dotloop.github.io/public-api/',
			apiBaseUrl: 'https://api-gateway.dotloop.com/public/v2/',
		});
	});
});
