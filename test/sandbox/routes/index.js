'use strict';

// The API route table: paths relative to /public/v2, written exactly as the documentation writes them
// (three end with a slash: folder create, document upload, task-list list); `:name` segments become
// ctx.params.
const groups = [
	require('./account'),
	require('./profiles'),
	require('./loops'),
	require('./details'),
	require('./folders'),
	require('./documents'),
	require('./participants'),
	require('./tasks'),
	require('./contacts'),
	require('./templates'),
	require('./subscriptions'),
];

const withoutTrailingSlash = (path) => (path.length > 1 ? path.replace(/\/+$/, '') : path);

function compile(route) {
	const names = [];
	const pattern = (path) =>
		new RegExp(
			`^${path.replace(/:([A-Za-z]+)/g, (_, name) => {
				if (!names.includes(name)) names.push(name);
				return '([^/]+)';
			})}$`,
		);
	return {
		...route,
		regex: pattern(route.path),
		lenientRegex: pattern(withoutTrailingSlash(route.path)),
		names,
	};
}

const ROUTES = groups.flat().map(compile);

/**
 * Returns {route, params}, or {allowed: [...methods]} when only the method is wrong, or null.
 * Strict paths (the default) match only the documented spelling; lenient paths ignore trailing
 * slashes on both sides. With strict paths, a request that differs from a documented path only by a
 * trailing slash gets {documented: '<the documented path>'} so the 404 can say which to use.
 */
function match(method, path, { strictPaths = true } = {}) {
	if (!strictPaths) return matchWith(method, withoutTrailingSlash(path), 'lenientRegex');
	const found = matchWith(method, path, 'regex');
	if (found?.route) return found;
	const lenient = matchWith(method, withoutTrailingSlash(path), 'lenientRegex');
	if (lenient?.route) return { documented: lenient.route.path };
	return found;
}

function matchWith(method, path, regexKey) {
	const allowed = [];
	for (const route of ROUTES) {
		const m = route[regexKey].exec(path);
		if (!m) continue;
		if (route.method !== method) {
			allowed.push(route.method);
			continue;
		}
		const params = {};
		route.names.forEach((name, i) => {
			params[name] = decodeURIComponent(m[i + 1]);
		});
		return { route, params };
	}
	return allowed.length ? { allowed } : null;
}

module.exports = { ROUTES, match };
