'use strict';

// The API route table: paths relative to /public/v2, `:name` segments become ctx.params.
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

function compile(route) {
	const names = [];
	const source = route.path.replace(/:([A-Za-z]+)/g, (_, name) => {
		names.push(name);
		return '([^/]+)';
	});
	return { ...route, regex: new RegExp(`^${source}$`), names };
}

const ROUTES = groups.flat().map(compile);

// Returns {route, params}, or {allowed: [...methods]} when only the method is wrong, or null.
function match(method, path) {
	const allowed = [];
	for (const route of ROUTES) {
		const m = route.regex.exec(path);
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
