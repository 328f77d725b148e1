import type { INodePropertyOptions } from 'n8n-workflow';

import { resources } from '../../../nodes/Dotloop/actions/resources';

describe('action names', () => {
	it('name Loop-It as the product does', () => {
		const selector = resources.loopIt.description.find((property) => property.name === 'operation');
		const actions = (selector?.options as INodePropertyOptions[]).map((option) => option.action);
		expect(actions).toEqual(['Create a loop with Loop-It']);
	});
});
