'use strict';

// Every API error uses the documented shape: {"errors":[{"code","source","detail"}]}.
class ApiError extends Error {
	constructor(status, items) {
		super(items.map((i) => i.detail).join('; '));
		this.status = status;
		this.items = items;
	}

	body() {
		return {
			errors: this.items.map((i) => {
				const item = { code: String(i.code || this.status) };
				if (i.source) item.source = i.source;
				item.detail = i.detail;
				return item;
			}),
		};
	}
}

function apiError(status, detail, source) {
	return new ApiError(status, [{ detail, source }]);
}

const badRequest = (detail, source) => apiError(400, detail, source);
const forbidden = (detail) => apiError(403, detail);
const notFound = (detail) => apiError(404, detail);
const unprocessable = (detail, source) => apiError(422, detail, source);

const param = (name) => ({ parameter: name });
const pointer = (path) => ({ pointer: path });

// Collects validation problems so one 422 can name all of them.
class Problems {
	constructor() {
		this.items = [];
	}
	add(detail, source) {
		this.items.push({ detail, source });
	}
	throwIfAny(status = 422) {
		if (this.items.length) throw new ApiError(status, this.items);
	}
}

// Not an error for the client: a merged loop answers 301 with Location (null: without one).
class Redirect extends Error {
	constructor(location) {
		super(location === null ? 'moved' : `moved to ${location}`);
		this.location = location;
	}
}

module.exports = {
	ApiError,
	apiError,
	badRequest,
	forbidden,
	notFound,
	unprocessable,
	param,
	pointer,
	Problems,
	Redirect,
};
