import type { INodePropertyOptions } from 'n8n-workflow';

import { resources } from '../../nodes/Dotloop/actions/resources';
import { readRepoFile } from './helpers/io';

/** Operations whose name says they write: what a read-only agent must not be given. */
const WRITES = /^(Create|Update|Delete|Upload)\b/;

function writingOperations(): string[] {
	return Object.entries(resources)
		.map(([value, resource]) => {
			const selector = resource.description.find(
				(property) =>
					property.name === 'operation' && property.displayOptions?.show?.resource?.includes(value),
			);
			const names = (selector?.options as INodePropertyOptions[])
				.map((option) => option.name)
				.filter((name) => WRITES.test(name));
			return names.length ? `- ${resource.name}: ${names.join(', ')}` : '';
		})
		.filter(Boolean)
		.sort();
}

describe('README, AI agents', () => {
	const readme = readRepoFile('README.md');
	const section = /## AI agents\n([\s\S]*?)\n## /.exec(readme)?.[1] ?? '';

	it("points to Dotloop's API Terms of Use before an agent is connected", () => {
		expect(section).toContain('[API Terms of Use](https://www.dotloop.com/api-license-agreement)');
	});

	it('lists exactly the operations that change data', () => {
		const listed = section
			.split('\n')
			.filter((line) => line.startsWith('- '))
			.sort();
		// On failure, put these lines in the README's list.
		expect(listed).toEqual(writingOperations());
	});
});
