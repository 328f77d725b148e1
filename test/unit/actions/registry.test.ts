import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { resources } from '../../../nodes/Dotloop/actions/resources';
import { Dotloop } from '../../../nodes/Dotloop/Dotloop.node';

/**
 * The Resource and Operation dropdowns the editor shows against the registry the router dispatches
 * on: an option without a handler fails only when a user picks it ("not supported"), a handler
 * without an option can never run. dotloopResource() makes both a compile error; this holds the
 * node's description as n8n reads it to the same rule.
 */
const { properties } = new Dotloop().description;

const values = (property: INodeProperties) =>
	(property.options as INodePropertyOptions[]).map((option) => String(option.value)).sort();

test('every Resource option has a resource in the registry, and every resource an option', () => {
	const resource = properties.find((property) => property.name === 'resource');
	expect(values(resource!)).toEqual(Object.keys(resources).sort());
});

test.each(Object.keys(resources))(
	'%s: its Operation options are exactly the handlers in the registry',
	(resource) => {
		const selectors = properties.filter(
			(property) =>
				property.name === 'operation' &&
				property.displayOptions?.show?.resource?.includes(resource),
		);
		expect(selectors).toHaveLength(1);
		expect(values(selectors[0])).toEqual(Object.keys(resources[resource].operations).sort());
	},
);

test('the node has 49 operations, each with a handler', () => {
	const handlers = Object.entries(resources).flatMap(([resource, { operations }]) =>
		Object.entries(operations).map(([operation, handler]) => [
			`${resource}.${operation}`,
			typeof handler.execute,
		]),
	);
	expect(handlers).toHaveLength(49);
	expect(handlers.filter(([, execute]) => execute !== 'function')).toEqual([]);
});
