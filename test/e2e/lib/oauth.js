'use strict';
/**
 * The real OAuth2 authorization-code flow of an n8n credential, headless, the way a person clicks through it:
 *
 *   GET  <n8n>/rest/oauth2-credential/auth?id=<credentialId>    (owner cookie)  -> { data: <authorize URL> }
 *   GET  <authorize URL>                                         -> consent page (HTML), or a 302 when the
 *                                                                   server auto-approves
 *   POST the consent page's Approve (or Deny) form               -> 302 to <n8n>/rest/oauth2-credential/callback?...
 *   GET  the callback with the same cookie jar                   -> n8n exchanges the code and stores the token
 *
 * Every callback outcome is HTTP 200 HTML; success is judged by the page text ("Connection successful"),
 * and should be confirmed from the stored credential (N8n.exportCredential).
 */
const { request } = require('./http');

const CALLBACK_PATH = '/rest/oauth2-credential/callback';

function decodeEntities(s) {
	return String(s)
		.replace(/&quot;/g, '"')
		.replace(/&#39;|&#x27;|&apos;/g, "'")
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&#(\d+);/g, (_, d) => String.fromCharCode(Number(d)))
		.replace(/&#x([0-9a-f]+);/gi, (_, h) => String.fromCharCode(parseInt(h, 16)))
		.replace(/&amp;/g, '&');
}

function attrs(tag) {
	const out = {};
	const re = /([a-zA-Z_:][-a-zA-Z0-9_:.]*)\s*(?:=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
	const inner = tag.replace(/^<\s*[a-zA-Z]+/, '').replace(/\/?>$/, '');
	let m;
	while ((m = re.exec(inner))) {
		const value =
			m[2] !== undefined ? m[2] : m[3] !== undefined ? m[3] : m[4] !== undefined ? m[4] : '';
		out[m[1].toLowerCase()] = decodeEntities(value);
	}
	return out;
}

function stripTags(html) {
	return decodeEntities(
		html
			.replace(/<script[\s\S]*?<\/script>/gi, ' ')
			.replace(/<style[\s\S]*?<\/style>/gi, ' ')
			.replace(/<[^>]+>/g, ' '),
	)
		.replace(/\s+/g, ' ')
		.trim();
}

/**
 * Parse the forms of an HTML page: [{ action, method, fields: {name: value} (hidden/text inputs),
 * buttons: [{ name, value, label }], text }].
 */
function parseForms(html) {
	const forms = [];
	const re = /<form\b[^>]*>([\s\S]*?)<\/form>/gi;
	let m;
	while ((m = re.exec(html))) {
		const open = m[0].match(/^<form\b[^>]*>/i)[0];
		const a = attrs(open);
		const body = m[1];
		const fields = {};
		const buttons = [];
		for (const tag of body.match(/<input\b[^>]*>/gi) || []) {
			const t = attrs(tag);
			const type = (t.type || 'text').toLowerCase();
			if (type === 'submit' || type === 'image')
				buttons.push({ name: t.name, value: t.value || '', label: t.value || '' });
			else if (['checkbox', 'radio'].includes(type)) {
				if ('checked' in t && t.name) fields[t.name] = t.value || 'on';
			} else if (t.name) fields[t.name] = t.value || '';
		}
		const btnRe = /<button\b([^>]*)>([\s\S]*?)<\/button>/gi;
		let b;
		while ((b = btnRe.exec(body))) {
			const t = attrs(`<button ${b[1]}>`);
			if ((t.type || 'submit').toLowerCase() !== 'submit') continue;
			buttons.push({ name: t.name, value: t.value || '', label: stripTags(b[2]) });
		}
		forms.push({
			action: a.action || '',
			method: (a.method || 'GET').toUpperCase(),
			fields,
			buttons,
			text: stripTags(m[0]),
		});
	}
	return forms;
}

const PATTERNS = {
	approve: /\b(approve|allow|authori[sz]e|accept|grant|yes)\b/i,
	deny: /\b(deny|reject|decline|cancel|refuse|no)\b/i,
};

/** Pick the form (and submit button) for a decision ('approve' | 'deny') on a consent page. */
function chooseConsent(html, decision) {
	const pattern = PATTERNS[decision];
	if (!pattern) throw new Error(`decision must be approve or deny, not ${decision}`);
	const forms = parseForms(html);
	for (const form of forms) {
		const button = form.buttons.find((btn) =>
			pattern.test(`${btn.value} ${btn.label} ${btn.name || ''}`),
		);
		if (button) return { form, button };
	}
	// Separate forms with an unlabeled button: match on the form's text or a hidden "decision" field.
	for (const form of forms) {
		const hints = `${form.text} ${Object.values(form.fields).join(' ')}`;
		if (pattern.test(hints) && form.buttons.length <= 1) return { form, button: form.buttons[0] };
	}
	throw new Error(`no ${decision} form on the consent page: ${stripTags(html).slice(0, 300)}`);
}

function isCallback(n8n, url) {
	return url && url.startsWith(`${n8n.baseUrl}${CALLBACK_PATH}`);
}

/**
 * Run the consent flow for an OAuth2 credential.
 * opts: { decision: 'approve' | 'deny' (default approve), maxSteps }
 * Resolves {
 *   ok,                 // n8n's callback page says "Connection successful"
 *   authorizeUrl,       // the URL n8n built (query: client_id, redirect_uri, response_type, state, scope)
 *   consentPage,        // HTML of the consent page, or null when the server auto-approved
 *   callbackUrl,        // where the server sent the browser back (query has code+state, or error=...)
 *   callbackQuery,      // its query as an object
 *   callbackStatus, page, pageText,   // n8n's callback answer
 *   steps: [{ method, url, status }], seconds
 * }
 * When the authorization server ends the flow on its own page (no redirect back to n8n), resolves
 * { ok: false, callbackUrl: null, finalPage, pageText, ... }.
 * Throws only when the flow cannot be followed (unexpected status, no consent form, loop).
 */
async function connectOAuth2(n8n, credentialId, { decision = 'approve', maxSteps = 10 } = {}) {
	const t0 = Date.now();
	const jar = n8n.jar;
	const authorizeUrl = await n8n.rest(
		'GET',
		`/oauth2-credential/auth?id=${encodeURIComponent(credentialId)}`,
	);
	if (typeof authorizeUrl !== 'string' || !/^https?:/.test(authorizeUrl)) {
		throw new Error(`GET /rest/oauth2-credential/auth gave ${JSON.stringify(authorizeUrl)}`);
	}
	const steps = [];
	let consentPage = null;
	let res = await request(authorizeUrl, { jar });
	steps.push({ method: 'GET', url: authorizeUrl, status: res.status });
	let callbackUrl = null;
	for (let i = 0; i < maxSteps && !callbackUrl; i++) {
		if (res.status >= 300 && res.status < 400 && res.location) {
			if (isCallback(n8n, res.location)) {
				callbackUrl = res.location;
				break;
			}
			const next = res.location;
			res = await request(next, { jar });
			steps.push({ method: 'GET', url: next, status: res.status });
			continue;
		}
		if (res.status === 200 && /<form/i.test(res.text)) {
			if (consentPage) throw new Error('consent page shown twice');
			consentPage = res.text;
			const { form, button } = chooseConsent(res.text, decision);
			const fields = { ...form.fields };
			if (button && button.name) fields[button.name] = button.value;
			const action = new URL(form.action || res.url, res.url).toString();
			if (form.method === 'GET') {
				const u = new URL(action);
				for (const [k, v] of Object.entries(fields)) u.searchParams.set(k, v);
				res = await request(u.toString(), { jar });
				steps.push({ method: 'GET', url: u.toString(), status: res.status });
			} else {
				res = await request(action, { method: 'POST', form: fields, jar });
				steps.push({ method: 'POST', url: action, status: res.status, fields });
			}
			continue;
		}
		if (consentPage && res.status < 300) {
			// The server ended the flow on its own page (e.g. "Access denied" without redirect_on_deny):
			// the browser never returns to n8n.
			return {
				ok: false,
				authorizeUrl,
				consentPage,
				callbackUrl: null,
				callbackQuery: null,
				finalPage: res.text,
				pageText: stripTags(res.text),
				steps,
				seconds: (Date.now() - t0) / 1000,
			};
		}
		throw new Error(
			`OAuth flow stuck at ${res.url}: HTTP ${res.status} ${stripTags(res.text).slice(0, 300)}`,
		);
	}
	if (!callbackUrl)
		throw new Error(
			`OAuth flow did not reach n8n's callback in ${maxSteps} steps: ${JSON.stringify(steps)}`,
		);
	const cb = await request(callbackUrl, { jar });
	steps.push({ method: 'GET', url: callbackUrl, status: cb.status });
	const pageText = stripTags(cb.text);
	return {
		ok: cb.status === 200 && /Connection successful/i.test(pageText),
		authorizeUrl,
		consentPage,
		callbackUrl,
		callbackQuery: Object.fromEntries(new URL(callbackUrl).searchParams),
		callbackStatus: cb.status,
		page: cb.text,
		pageText,
		steps,
		seconds: (Date.now() - t0) / 1000,
	};
}

module.exports = { connectOAuth2, parseForms, chooseConsent, stripTags, CALLBACK_PATH };
