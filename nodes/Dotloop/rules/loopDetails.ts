import type { IDataObject } from 'n8n-workflow';

import { dotloopApiRequest, type DotloopContext } from '../transport';

/** Loop detail sections and their fields (docs: "Get Loop Details"). */
export const LOOP_DETAIL_FIELDS: Record<string, string[]> = {
	'Property Address': [
		'Country',
		'Street Number',
		'Street Name',
		'Unit Number',
		'City',
		'State/Prov',
		'Zip/Postal Code',
		'County',
		'MLS Number',
		'Parcel/Tax ID',
	],
	Financials: [
		'Purchase/Sale Price',
		'Sale Commission Rate',
		'Sale Commission Split % - Buy Side',
		'Sale Commission Split % - Sell Side',
		'Sale Commission Total',
		'Earnest Money Amount',
		'Earnest Money Held By',
		'Sale Commission Split $ - Buy Side',
		'Sale Commission Split $ - Sell Side',
	],
	'Contract Dates': ['Contract Agreement Date', 'Closing Date'],
	'Offer Dates': ['Inspection Date', 'Offer Date', 'Offer Expiration Date', 'Occupancy Date'],
	'Contract Info': ['Transaction Number', 'Class', 'Type'],
	Referral: ['Referral %', 'Referral Source'],
	'Listing Information': [
		'Expiration Date',
		'Listing Date',
		'Original Price',
		'Current Price',
		'1st Mortgage Balance',
		'2nd Mortgage Balance',
		'Other Liens',
		'Description of Other Liens',
		"Homeowner's Association",
		"Homeowner's Association Dues",
		'Total Encumbrances',
		'Property Includes',
		'Property Excludes',
		'Remarks',
	],
	'Geographic Description': [
		'MLS Area',
		'Legal Description',
		'Map Grid',
		'Subdivision',
		'Lot',
		'Deed Page',
		'Deed Book',
		'Section',
		'Addition',
		'Block',
	],
	Property: [
		'Year Built',
		'Bedrooms',
		'Square Footage',
		'School District',
		'Type',
		'Bathrooms',
		'Lot Size',
	],
};

/**
 * "List all Loops" documents `include_details=true` ("flag to include loop details with each record
 * returned") without showing where the details go. A list item may carry them under `details`, under
 * `loopDetails`, or as the sections of "Get Loop Details" ({"Property Address": {...}, ...}) beside
 * id/name/status; or Dotloop may ignore the flag. Every documented summary field is a scalar, so any
 * other object-valued key of the item is read as a section.
 */
const DETAIL_KEYS = ['details', 'loopDetails'] as const;

const isSection = (value: unknown): value is IDataObject =>
	value !== null && typeof value === 'object' && !Array.isArray(value);

function inlineSections(loop: IDataObject): string[] {
	return Object.keys(loop).filter(
		(key) => !(DETAIL_KEYS as readonly string[]).includes(key) && isSection(loop[key]),
	);
}

/** A list item's details as "Get Loop Details" keys them, or undefined when the item carries none. */
export function loopDetailsOfSummary(loop: IDataObject): IDataObject | undefined {
	for (const key of DETAIL_KEYS) if (isSection(loop[key])) return loop[key] as IDataObject;
	const sections = inlineSections(loop);
	if (sections.length === 0) return undefined;
	return Object.fromEntries(sections.map((section) => [section, loop[section]]));
}

/** The list item with its details under `details` only, whichever shape the list used. */
export function summaryWithDetails(loop: IDataObject, details: IDataObject): IDataObject {
	const out: IDataObject = {};
	const sections = new Set(
		DETAIL_KEYS.some((key) => isSection(loop[key])) ? [] : inlineSections(loop),
	);
	for (const [key, value] of Object.entries(loop)) {
		if ((DETAIL_KEYS as readonly string[]).includes(key) || sections.has(key)) continue;
		out[key] = value;
	}
	out.details = details;
	return out;
}

/**
 * Whether Dotloop honoured `include_details` for this list: some item carries details. A loop without
 * any detail may then look like an item of a list without details (the inline reading); it is read
 * as having none only when another item shows the list carried them.
 */
export function listCarriesDetails(loops: IDataObject[]): boolean {
	return loops.some((loop) => loopDetailsOfSummary(loop) !== undefined);
}

/** Section 6.1 "Get Loop Details": GET /profile/:profile_id/loop/:loop_id/detail. */
export async function getLoopDetails(
	this: DotloopContext,
	profileId: string | number,
	loopId: string | number,
): Promise<IDataObject> {
	const data = await dotloopApiRequest.call(this, {
		method: 'GET',
		path: `/profile/${profileId}/loop/${loopId}/detail`,
	});
	const details: IDataObject = {};
	for (const [key, value] of Object.entries(data)) if (isSection(value)) details[key] = value;
	return details;
}

/**
 * A list item with its details under `details` when its list carried them (`listCarried`, see
 * listCarriesDetails: then a loop without any has none); as listed when the list carried none.
 */
export function listedWithDetails(loop: IDataObject, listCarried: boolean): IDataObject {
	const carried = loopDetailsOfSummary(loop);
	if (carried !== undefined) return summaryWithDetails(loop, carried);
	return listCarried ? summaryWithDetails(loop, {}) : loop;
}

/**
 * One list item with its details under `details`: as its list carried them, or, when the list carried
 * none, read with "Get Loop Details" (one request).
 */
export async function withLoopDetails(
	this: DotloopContext,
	loop: IDataObject,
	profileId: string | number,
	listCarried: boolean,
): Promise<IDataObject> {
	if (listCarried || loopDetailsOfSummary(loop) !== undefined)
		return listedWithDetails(loop, listCarried);
	return summaryWithDetails(loop, await getLoopDetails.call(this, profileId, String(loop.id)));
}

/** Every item of a loop list with its details under `details` (see withLoopDetails). */
export async function withListedDetails(
	this: DotloopContext,
	loops: IDataObject[],
	profileIdOf: (loop: IDataObject) => string | number,
): Promise<IDataObject[]> {
	const listCarried = listCarriesDetails(loops);
	const out: IDataObject[] = [];
	for (const loop of loops)
		out.push(await withLoopDetails.call(this, loop, profileIdOf(loop), listCarried));
	return out;
}
