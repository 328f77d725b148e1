import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { PARTICIPANT_ROLES } from '../../rules/roles';
import { sortedOptions, toOptions } from '../../descriptions/options';
import { assertRequiredText } from '../../parameters/validation';
import { withoutEmpty } from '../output';

/** The Role option that reveals "Custom Role" (a role defined in the user's Dotloop account). */
export const CUSTOM_ROLE = 'customRole';
/** Loop-It's value for that option before Participant and Loop-It shared one; workflows may hold it. */
const EARLIER_CUSTOM_ROLE = 'custom';
const CUSTOM_ROLE_VALUES = [CUSTOM_ROLE, EARLIER_CUSTOM_ROLE];

export function isCustomRole(role: unknown): boolean {
	return CUSTOM_ROLE_VALUES.includes(String(role ?? '').trim());
}

/** The Participant picker (the chosen loop's participants, or By ID). */
export { participantLocator as participantIdField } from '../../descriptions/locators';

export const roleOptions = sortedOptions([
	...toOptions(Object.keys(PARTICIPANT_ROLES)),
	{ name: 'Custom Role', value: CUSTOM_ROLE },
]);

export const customRoleDescription =
	'The name of a role defined in your Dotloop account, used when Role is Custom Role';

/** "Custom Role", shown when Role is Custom Role (either value a workflow may hold). */
export const customRoleField: INodeProperties = {
	displayName: 'Custom Role',
	name: 'customRole',
	type: 'string',
	default: '',
	placeholder: 'e.g. Home Stager',
	description: customRoleDescription,
	displayOptions: { show: { role: CUSTOM_ROLE_VALUES } },
};

/**
 * The optional participant fields of "Add a Loop Participant" and the role-specific fields of "Built-in Contact/Loop Participant Roles" (docs).
 * Each display name is Dotloop's own key, spaces and slashes included, and is sent exactly so.
 */
export const participantFields: INodeProperties[] = [
	{ displayName: 'Cell Phone', name: 'cellPhone', type: 'string', default: '' },
	{ displayName: 'City', name: 'city', type: 'string', default: '' },
	{ displayName: 'Company Name', name: 'companyName', type: 'string', default: '' },
	{ displayName: 'Country', name: 'country', type: 'string', default: '' },
	{
		displayName: 'Fax',
		name: 'fax',
		type: 'string',
		default: '',
		description: 'Role-specific: agents and brokers',
	},
	{
		displayName: 'ID',
		name: 'roleId',
		type: 'string',
		default: '',
		description: 'Role-specific: every role except Buyer and Seller',
	},
	{
		displayName: 'License #',
		name: 'licenseNumber',
		type: 'string',
		default: '',
		description: 'Role-specific: every role except Buyer and Seller',
	},
	{
		displayName: 'Marital Status',
		name: 'maritalStatus',
		type: 'string',
		default: '',
		description: 'Role-specific: Buyer, Seller and Tenant',
	},
	{ displayName: 'Phone', name: 'phone', type: 'string', default: '' },
	{ displayName: 'State/Prov', name: 'stateProv', type: 'string', default: '' },
	{ displayName: 'Street Name', name: 'streetName', type: 'string', default: '' },
	{ displayName: 'Street Number', name: 'streetNumber', type: 'string', default: '' },
	{ displayName: 'Unit Number', name: 'unitNumber', type: 'string', default: '' },
	{ displayName: 'Zip/Postal Code', name: 'zipPostalCode', type: 'string', default: '' },
];

const DOTLOOP_KEY = new Map(participantFields.map((field) => [field.name, field.displayName]));
const ROLE_SPECIFIC = new Set(Object.values(PARTICIPANT_ROLES).flat());

/** The role to send: a built-in role, or the Custom Role text (when Role is Custom Role or not set). */
export function resolveRole(
	this: IExecuteFunctions,
	role: string | undefined,
	customRole: string | undefined,
	i: number,
): string | undefined {
	if (isCustomRole(role)) return assertRequiredText(this, customRole, 'Custom Role', i);
	const custom = customRole?.trim();
	if (custom && role) {
		throw new NodeOperationError(
			this.getNode(),
			`"Custom Role" is set but "Role" is ${role}: choose Custom Role as the Role, or clear "Custom Role"`,
			{ itemIndex: i },
		);
	}
	return custom || role?.trim() || undefined;
}

/**
 * The request body in Dotloop's keys, without empty values. Role-specific fields that the chosen
 * built-in role does not take are refused (a custom role, or no role on update, is not checked).
 */
export function participantBody(
	this: IExecuteFunctions,
	main: IDataObject,
	extra: IDataObject,
	i: number,
): IDataObject {
	const body = withoutEmpty(main);
	for (const [name, value] of Object.entries(withoutEmpty(extra))) {
		body[DOTLOOP_KEY.get(name) ?? name] = value;
	}
	const accepted = typeof body.role === 'string' ? PARTICIPANT_ROLES[body.role] : undefined;
	if (accepted) {
		const refused = Object.keys(body).filter(
			(key) => ROLE_SPECIFIC.has(key) && !accepted.includes(key),
		);
		if (refused.length) {
			throw new NodeOperationError(
				this.getNode(),
				`"${refused.join('", "')}" does not apply to role ${String(body.role)}, which takes ${accepted.join(', ')}`,
				{ itemIndex: i },
			);
		}
	}
	return body;
}
