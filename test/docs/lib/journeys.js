'use strict';
/**
 * What a new user does with the Dotloop nodes in n8n 2.x's editor, step by step in headless Chromium: open
 * a node, pick records from the lists, paste a loop link, run the step, test the trigger. Each journey
 * throws (with what the page showed) when a step does not work. Used by test/e2e/tests/editor.e2e.test.js.
 */
const ed = require('./editor');

const { T } = ed;

/** Open a workflow's node panel: /workflow/<id>/<node id> is the editor's own route for it. */
async function openNode(page, baseUrl, workflowId, nodeId) {
	await page.goto(`${baseUrl}/workflow/${workflowId}/${nodeId}`);
	await page.locator(`${T('ndv')} ${T('node-parameters')}`).waitFor({ timeout: 180_000 });
	ed.assertEditor(page);
	await ed.sleep(500);
	await ed.dismissPopups(page);
}

function locator(page, name) {
	return page.locator(`${T('ndv')} ${T(`resource-locator-${name}`)}`);
}

/** The labels a locator's list shows, after typing `search` (or none) into its search box. */
async function listLabels(page, name, { search } = {}) {
	await locator(page, name).locator(T('rlc-input')).click();
	if (search !== undefined) {
		const box = page.locator(`${T('rlc-search')} >> visible=true`).first();
		await box.waitFor();
		const input = (await box.locator('input').count()) ? box.locator('input').first() : box;
		await input.fill(search);
	}
	const items = page.locator(`${T('rlc-item')} >> visible=true`);
	await items
		.first()
		.waitFor({ timeout: 60_000 })
		.catch(async () => {
			const text = (
				await page
					.locator('body')
					.innerText()
					.catch(() => '')
			).replace(/\s+/g, ' ');
			throw new Error(
				`${name}: the list shows no item${search ? ` for "${search}"` : ''} (page: ${text.slice(0, 300)})`,
			);
		});
	// The list settles once the request for this search text has answered.
	await ed.sleep(1500);
	return (await items.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
}

/** Choose the item whose label contains `label` in the open list. */
async function chooseItem(page, label) {
	await page
		.locator(`${T('rlc-item')} >> visible=true`, { hasText: label })
		.first()
		.click();
	await ed.sleep(500);
}

async function closeList(page) {
	await page.keyboard.press('Escape');
	await ed.sleep(200);
}

/** The value a locator shows in its input. */
async function shownValue(page, name) {
	return await locator(page, name)
		.locator(`${T('rlc-input')} input, input${T('rlc-input')}`)
		.first()
		.inputValue();
}

async function chooseMode(page, name, mode) {
	await locator(page, name).locator(T('rlc-mode-selector')).click();
	await page
		.locator('.el-select-dropdown__item >> visible=true', { hasText: new RegExp(`^${mode}$`) })
		.click();
	await ed.sleep(200);
}

/** The parameter issues n8n shows for a locator (its validation messages), as text. */
async function issues(page, name) {
	const container = locator(page, name).locator(
		'xpath=ancestor::*[@data-test-id="parameter-item"][1]',
	);
	const text = await container.innerText().catch(() => '');
	return text.replace(/\s+/g, ' ');
}

/** Click "Execute step" in the open node panel. */
async function clickExecuteStep(page) {
	await page
		.locator(`${T('ndv')} ${T('node-execute-button')}`)
		.first()
		.click();
}

/** An error naming what the output panel shows, when a step did not end as expected. */
async function outputPanelError(page, what) {
	const text = (
		await page
			.locator(T('output-panel'))
			.innerText()
			.catch(() => '')
	).replace(/\s+/g, ' ');
	return new Error(`the step ${what}; the output panel says: ${text.slice(0, 400)}`);
}

/** Click "Execute step" in the open node panel and wait until the output panel shows items. */
async function executeStep(page) {
	await clickExecuteStep(page);
	await page
		.locator(T('output-panel'))
		.getByText(/^\d+ items?$/)
		.waitFor({ timeout: 60_000 })
		.catch(async () => {
			throw await outputPanelError(page, 'produced no items');
		});
	const errors = (await ed.toasts(page)).filter((t) => t.error);
	if (errors.length)
		throw new Error(`the editor shows an error: ${errors.map((t) => t.text).join(' | ')}`);
}

/** Click "Execute step" in the open node panel and return the error it shows: { message, description }. */
async function executeStepError(page) {
	await clickExecuteStep(page);
	const message = page.locator(`${T('ndv')} ${T('node-error-message')}`).first();
	await message.waitFor({ timeout: 60_000 }).catch(async () => {
		throw await outputPanelError(page, 'showed no error');
	});
	const description = page.locator(`${T('ndv')} ${T('node-error-description')}`).first();
	const clean = (t) => t.replace(/\s+/g, ' ').trim();
	return {
		message: clean(await message.innerText()),
		description: (await description.count()) ? clean(await description.innerText()) : '',
	};
}

module.exports = {
	openNode,
	locator,
	listLabels,
	chooseItem,
	closeList,
	shownValue,
	chooseMode,
	issues,
	executeStep,
	executeStepError,
};
