import type { INodeProperties, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { DotloopOAuth2Api } from '../../../credentials/DotloopOAuth2Api.credentials';
import { Dotloop } from '../../../nodes/Dotloop/Dotloop.node';
import { DotloopPollingTrigger } from '../../../nodes/Dotloop/DotloopPollingTrigger.node';
import { DotloopTrigger } from '../../../nodes/Dotloop/DotloopTrigger.node';

/**
 * Two rules of n8n's community-node lint (@n8n/eslint-plugin-community-nodes) that verification review
 * flags and our lint version (@n8n/node-cli 0.48.3) cannot see yet. n8n's rules read the literal
 * description in the .node.ts file; ours is assembled from many files, so this walks the description as
 * n8n loads it: every node (every version of a versioned one) and the credential, into collections and
 * fixedCollections.
 *   hint-max-length: a `hint` holds at most 120 characters.
 *   options-sorted-alphabetically: the options of a parameter of type `options` are in the order of
 *   `a.localeCompare(b, undefined, { sensitivity: 'base' })` of their names (case and accents ignored),
 *   no exceptions. We hold multiOptions lists to the same order.
 */
const MAX_HINT_LENGTH = 120;

type Described = { where: string; properties: INodeProperties[] };

function descriptionsOf(node: INodeType & { nodeVersions?: Record<string, INodeType> }) {
	const versions = node.nodeVersions ? Object.values(node.nodeVersions) : [node];
	return versions.map((version) => version.description as INodeTypeDescription);
}

const described: Described[] = [
	...[new Dotloop(), new DotloopTrigger(), new DotloopPollingTrigger()].flatMap((node) =>
		descriptionsOf(node).map((description) => ({
			where: `${description.displayName} v${String(description.version)}`,
			properties: description.properties,
		})),
	),
	{ where: 'Dotloop OAuth2 API credential', properties: new DotloopOAuth2Api().properties },
];

/** Every object under the properties (parameters, options, collection children), with a readable path. */
function* walk(
	value: unknown,
	path: string,
): Generator<{ path: string; node: Record<string, unknown> }> {
	if (Array.isArray(value)) {
		for (const [i, element] of value.entries()) yield* walk(element, `${path}[${i}]`);
		return;
	}
	if (value === null || typeof value !== 'object') return;
	const node = value as Record<string, unknown>;
	const label = typeof node.name === 'string' ? `${path}(${node.name})` : path;
	yield { path: label, node };
	for (const [key, child] of Object.entries(node)) yield* walk(child, `${label}.${key}`);
}

export function longHints(properties: unknown, where: string): string[] {
	const found: string[] = [];
	for (const { path, node } of walk(properties, where)) {
		if (typeof node.hint === 'string' && node.hint.length > MAX_HINT_LENGTH)
			found.push(`${path}: hint of ${node.hint.length} characters`);
	}
	return found;
}

function sortedAsN8nDoes(names: string[]): string[] {
	return [...names].sort((a, b) => a.localeCompare(b, undefined, { sensitivity: 'base' }));
}

export function unsortedOptions(properties: unknown, where: string): string[] {
	const found: string[] = [];
	for (const { path, node } of walk(properties, where)) {
		if (node.type !== 'options' && node.type !== 'multiOptions') continue;
		if (!Array.isArray(node.options)) continue;
		const names = (node.options as Array<{ name?: unknown }>).map((option) => option.name);
		if (names.length <= 1 || names.some((name) => typeof name !== 'string')) continue;
		const expected = sortedAsN8nDoes(names as string[]);
		if (names.some((name, i) => name !== expected[i]))
			found.push(`${path}: expected ${expected.join(', ')}`);
	}
	return found;
}

describe("n8n's review rules on every description", () => {
	it('walks all three nodes, the trigger versions and the credential', () => {
		expect(described.map((d) => d.where)).toEqual([
			'Dotloop v1',
			'Dotloop Trigger v1,1.1,2',
			'Dotloop Polling Trigger v1',
			'Dotloop OAuth2 API credential',
		]);
	});

	it.each(described.map((d) => [d.where, d] as const))(
		'%s: no hint over 120 characters',
		(_, d) => {
			expect(longHints(d.properties, d.where)).toEqual([]);
		},
	);

	it.each(described.map((d) => [d.where, d] as const))(
		'%s: every options list sorted by name',
		(_, d) => {
			expect(unsortedOptions(d.properties, d.where)).toEqual([]);
		},
	);
});

describe('the checks themselves', () => {
	it('flag a hint of 121 characters, not one of 120, also inside a collection', () => {
		const properties = [
			{ displayName: 'A', name: 'a', type: 'string', default: '', hint: 'x'.repeat(120) },
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				default: {},
				options: [
					{ displayName: 'B', name: 'b', type: 'string', default: '', hint: 'y'.repeat(121) },
				],
			},
		];
		expect(longHints(properties, 'T')).toEqual([
			'T[1](options).options[0](b): hint of 121 characters',
		]);
	});

	it('sort as n8n does: case ignored, and a list out of order inside a fixedCollection is flagged', () => {
		const inOrder = [{ name: 'apple' }, { name: 'Banana' }, { name: 'cherry' }];
		const outOfOrder = [{ name: 'Watch' }, { name: 'All' }];
		const properties = [
			{ displayName: 'Fruit', name: 'fruit', type: 'options', default: '', options: inOrder },
			{
				displayName: 'Rules',
				name: 'rules',
				type: 'fixedCollection',
				default: {},
				options: [
					{
						displayName: 'Rule',
						name: 'rule',
						values: [
							{ displayName: 'W', name: 'w', type: 'options', default: '', options: outOfOrder },
						],
					},
				],
			},
		];
		expect(unsortedOptions(properties, 'T')).toEqual([
			'T[1](rules).options[0](rule).values[0](w): expected All, Watch',
		]);
	});
});
