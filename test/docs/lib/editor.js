'use strict';
/**
 * Driving n8n 2.41's editor in Playwright: log in, clear popups, find the areas worth a picture.
 * Selectors are the editor's data-test-id attributes (read from the running editor's DOM).
 */

const T = (id) => `[data-test-id="${id}"]`;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Log in through /signin; throws if the editor does not leave the sign-in page. */
async function login(page, baseUrl, { email, password }) {
	await page.goto(`${baseUrl}/signin`);
	await page.locator('input[name="emailOrLdapLoginId"]').fill(email);
	await page.locator('input[name="password"]').fill(password);
	await page.locator(T('form-submit-button')).click();
	await page.waitForURL((url) => !url.pathname.startsWith('/signin'), { timeout: 20_000 });
}

/** The visible toasts: [{ error, text }]. */
async function toasts(page) {
	return await page.locator('.el-notification:visible').evaluateAll((els) =>
		els.map((el) => ({
			error: /error/.test(
				`${el.className} ${(el.querySelector('.el-notification__icon') || {}).className || ''}`,
			),
			text: el.innerText.replace(/\s+/g, ' ').trim(),
		})),
	);
}

/** Throw on an error toast; close the other toasts. */
async function closeToasts(page) {
	const errors = (await toasts(page)).filter((t) => t.error);
	if (errors.length)
		throw new Error(`the editor shows an error: ${errors.map((t) => t.text).join(' | ')}`);
	const buttons = page.locator('.el-notification:visible .el-notification__closeBtn');
	for (let n = await buttons.count(); n > 0; n--) {
		await buttons
			.first()
			.click({ timeout: 2000 })
			.catch(() => {});
	}
	await page
		.locator('.el-notification:visible')
		.first()
		.waitFor({ state: 'detached', timeout: 3000 })
		.catch(() => {});
}

/**
 * Close what pops up over the canvas: the "Production checklist" of published workflows, "What's new",
 * the NPS survey, and toasts.
 */
async function dismissPopups(page) {
	for (const sel of [
		T('suggested-actions-close'),
		`${T('whats-new-modal')} .el-dialog__headerbtn`,
		`${T('nps-survey-modal')} .el-dialog__headerbtn`,
	]) {
		const loc = page.locator(`${sel} >> visible=true`);
		if (await loc.count())
			await loc
				.first()
				.click({ timeout: 2000 })
				.catch(() => {});
	}
	await closeToasts(page);
}

/** Wait until every <img> (node icons) has loaded. */
async function imagesLoaded(page) {
	await page.waitForFunction(() => [...document.images].every((img) => img.complete), null, {
		timeout: 10_000,
	});
}

/** Put the mouse where hovering changes nothing in the pictures (the header's empty middle-right). */
async function parkMouse(page) {
	await page.mouse.move(1000, 30);
	await sleep(250);
}

/** Fail unless the page is the editor (not the sign-in page). */
function assertEditor(page) {
	const url = new URL(page.url());
	if (url.pathname.startsWith('/signin') || url.pathname.startsWith('/setup'))
		throw new Error(`not logged in: ${page.url()}`);
}

function round(box) {
	const x = Math.max(0, Math.floor(box.x));
	const y = Math.max(0, Math.floor(box.y));
	return {
		x,
		y,
		width: Math.ceil(box.x + box.width) - x,
		height: Math.ceil(box.y + box.height) - y,
	};
}

/** The open node panel's parameter column, from its tabs down to the last visible parameter. */
async function parametersClip(page, { padding = 16 } = {}) {
	const box = await page.evaluate(() => {
		const params = document.querySelector('[data-test-id="ndv"] [data-test-id="node-parameters"]');
		if (!params) return null;
		let panel = params;
		while (panel && !panel.querySelector('[data-test-id="tab-params"]'))
			panel = panel.parentElement;
		if (!panel) return null;
		const p = panel.getBoundingClientRect();
		let bottom = p.top;
		for (const el of params.querySelectorAll('[data-test-id="parameter-item"]')) {
			const r = el.getBoundingClientRect();
			if (r.height > 0 && r.width > 0) bottom = Math.max(bottom, r.bottom);
		}
		return {
			x: p.left,
			y: p.top,
			width: p.width,
			bottom: Math.min(bottom, p.bottom),
			panelBottom: p.bottom,
		};
	});
	if (!box) throw new Error('no node panel with parameters is open');
	return round({
		x: box.x,
		y: box.y,
		width: box.width,
		height: Math.min(box.bottom + padding, box.panelBottom) - box.y,
	});
}

/** The nodes and stickies on the canvas (with their labels and handles), padded, within the canvas. */
async function canvasClip(page, { padding = 32 } = {}) {
	const box = await page.evaluate(() => {
		const canvas = document
			.querySelector('[data-test-id="canvas-wrapper"]')
			.getBoundingClientRect();
		let [left, top, right, bottom] = [Infinity, Infinity, -Infinity, -Infinity];
		const add = (r) => {
			if (!r.width || !r.height) return;
			left = Math.min(left, r.left);
			top = Math.min(top, r.top);
			right = Math.max(right, r.right);
			bottom = Math.max(bottom, r.bottom);
		};
		// What is painted: node and sticky boxes, icons, and text (labels under the nodes). Not the boxes of
		// wrappers, which reach far beyond (e.g. around a trigger's hidden "execute" button), nor the hover
		// toolbars, nor anything hidden.
		const shown = (el) =>
			!el.closest('[data-test-id="canvas-node-toolbar"]') &&
			el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true });
		for (const node of document.querySelectorAll('.vue-flow__node')) {
			for (const el of node.querySelectorAll(
				'[data-test-id="canvas-node"], [data-test-id="sticky"], svg, img',
			)) {
				if (shown(el)) add(el.getBoundingClientRect());
			}
			const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
			for (let text = walker.nextNode(); text; text = walker.nextNode()) {
				if (!text.textContent.trim() || !shown(text.parentElement)) continue;
				const range = document.createRange();
				range.selectNodeContents(text);
				add(range.getBoundingClientRect());
			}
		}
		return {
			canvas: { left: canvas.left, top: canvas.top, right: canvas.right, bottom: canvas.bottom },
			nodes: { left, top, right, bottom },
		};
	});
	const { canvas, nodes } = box;
	if (!Number.isFinite(nodes.left)) throw new Error('the canvas is empty');
	const left = Math.max(canvas.left, nodes.left - padding);
	const top = Math.max(canvas.top, nodes.top - padding);
	const right = Math.min(canvas.right, nodes.right + padding);
	const bottom = Math.min(canvas.bottom, nodes.bottom + padding);
	return round({ x: left, y: top, width: right - left, height: bottom - top });
}

/** The node creator's panel, down to its last action shown in full. */
async function nodeCreatorClip(page, { padding = 10 } = {}) {
	const box = await page.locator(T('node-creator')).boundingBox();
	if (!box) throw new Error('the node creator is not open');
	const limit = Math.min(page.viewportSize().height, box.y + box.height);
	const bottoms = await page
		.locator(`${T('node-creator')} ${T('item-iterator-item')}[data-keyboard-nav-type="action"]`)
		.evaluateAll((els) => els.map((el) => el.getBoundingClientRect().bottom));
	const shown = bottoms.filter((b) => b <= limit);
	const bottom = shown.length ? Math.min(limit, Math.max(...shown) + padding) : limit;
	return round({ x: box.x, y: box.y, width: box.width, height: bottom - box.y });
}

/** Drag an element (e.g. the node panel's divider) dx pixels sideways. */
async function dragBy(page, locator, dx) {
	const b = await locator.boundingBox({ timeout: 5000 });
	if (!b) throw new Error('nothing to drag');
	const [x, y] = [b.x + b.width / 2, b.y + b.height / 2];
	await page.mouse.move(x, y);
	await page.mouse.down();
	await page.mouse.move(x + dx / 2, y, { steps: 8 });
	await page.mouse.move(x + dx, y, { steps: 8 });
	await page.mouse.up();
	await sleep(300);
}

/** A locator's box as a clip, grown by `padding` (kept inside the viewport). */
async function boxClip(page, locator, { padding = 0 } = {}) {
	const b = await locator.boundingBox();
	if (!b) throw new Error('element not visible');
	const vp = page.viewportSize();
	const x = Math.max(0, b.x - padding);
	const y = Math.max(0, b.y - padding);
	return round({
		x,
		y,
		width: Math.min(vp.width, b.x + b.width + padding) - x,
		height: Math.min(vp.height, b.y + b.height + padding) - y,
	});
}

/** Open the node creator's "Dotloop" entry (its actions, or its triggers on an empty canvas). */
async function openDotloopInNodeCreator(page) {
	const search = page.locator(T('node-creator-search-bar'));
	await search.waitFor();
	await search.fill('Dotloop');
	const entry = page
		.locator(`${T('node-creator')} ${T('item-iterator-item')}`)
		.filter({ has: page.locator(T('node-creator-item-name'), { hasText: /^Dotloop$/ }) });
	await entry.first().click();
}

function creatorItem(page, name) {
	return page.locator(`${T('node-creator')} ${T('item-iterator-item')}`).filter({
		has: page.locator(T('node-creator-item-name'), { hasText: new RegExp(`^${name}$`) }),
	});
}

module.exports = {
	T,
	sleep,
	login,
	toasts,
	closeToasts,
	dismissPopups,
	imagesLoaded,
	parkMouse,
	assertEditor,
	parametersClip,
	canvasClip,
	nodeCreatorClip,
	dragBy,
	boxClip,
	openDotloopInNodeCreator,
	creatorItem,
};
