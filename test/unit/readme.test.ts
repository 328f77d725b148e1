import type { INodePropertyOptions } from 'n8n-workflow';

import { resources } from '../../nodes/Dotloop/actions/resources';
import { readRepoFile } from './helpers/io';

/** The README's operations table, rebuilt from the node's own description. */
function operationsTable(): string {
	const rows = Object.entries(resources)
		.map(([value, resource]) => {
			const selector = resource.description.find(
				(property) =>
					property.name === 'operation' && property.displayOptions?.show?.resource?.includes(value),
			);
			const operations = (selector?.options as INodePropertyOptions[]).map((option) => option.name);
			return { name: resource.name, operations };
		})
		.sort((a, b) => a.name.localeCompare(b.name));
	const total = rows.reduce((sum, row) => sum + row.operations.length, 0);
	return [
		'| Resource | Operations |',
		'| --- | --- |',
		...rows.map((row) => `| ${row.name} | ${row.operations.join(' · ')} |`),
		'',
		`${rows.length} resources, ${total} operations.`,
	].join('\n');
}

describe('README', () => {
	it('lists exactly the resources and operations the node offers', () => {
		const readme = readRepoFile('README.md');
		const section = /<!-- operations:start -->\n([\s\S]*?)\n<!-- operations:end -->/.exec(readme);
		// On failure, paste the expected text between the markers.
		expect(section?.[1]).toBe(operationsTable());
	});
});
