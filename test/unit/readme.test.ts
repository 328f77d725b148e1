import type { INodePropertyOptions } from 'n8n-workflow';

import { resources } from '../../nodes/Dotloop/actions/resources';
import { readRepoFile } from './helpers/io';

/** Each resource's operation names, from the node's own description. */
function operationRows() {
	return Object.entries(resources)
		.map(([value, resource]) => {
			const selector = resource.description.find(
				(property) =>
					property.name === 'operation' && property.displayOptions?.show?.resource?.includes(value),
			);
			const operations = (selector?.options as INodePropertyOptions[]).map((option) => option.name);
			return { name: resource.name, operations };
		})
		.sort((a, b) => a.name.localeCompare(b.name));
}

const operationCount = () => operationRows().reduce((sum, row) => sum + row.operations.length, 0);

/** The README's operations table, rebuilt from the node's own description. */
function operationsTable(): string {
	const rows = operationRows();
	const total = operationCount();
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

	it.each(['README.md', 'CONTRIBUTING.md', 'test/README.md', 'test/e2e/README.md'])(
		'%s counts the operations and resources the node offers',
		(file) => {
			const text = readRepoFile(file);
			const counted = (noun: string) =>
				[...text.matchAll(new RegExp(`\\b(\\d+) ${noun}\\b`, 'g'))].map((m) => Number(m[1]));
			const operations = counted('operations');
			const resourceCounts = counted('resources');
			expect(operations).toEqual(operations.map(() => operationCount()));
			expect(resourceCounts).toEqual(resourceCounts.map(() => operationRows().length));
			if (file !== 'CONTRIBUTING.md') expect(operations.length).toBeGreaterThan(0);
		},
	);

	it('names all three nodes in its first lines, and package.json names the Polling Trigger', () => {
		const opening = readRepoFile('README.md').split('\n').slice(0, 20).join('\n');
		for (const node of ['**Dotloop**', '**Dotloop Trigger**', '**Dotloop Polling Trigger**'])
			expect(opening).toContain(node);
		const { description } = JSON.parse(readRepoFile('package.json')) as { description: string };
		expect(description).toContain('Polling Trigger');
	});
});
