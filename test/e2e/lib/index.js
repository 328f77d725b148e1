'use strict';
/** The e2e harness in one require: const h = require('../lib'). */
module.exports = {
	...require('./paths'),
	...require('./ports'),
	...require('./http'),
	...require('./cleanup'),
	...require('./package'),
	...require('./n8n'),
	...require('./oauth'),
	...require('./sandbox'),
	...require('./dotloop'),
	...require('./stack'),
	...require('./util'),
	...require('./pdf'),
	...require('./examples'),
	...require('./runner'),
	/** Workflow JSON builders and request-log readers (see workflow.js). */
	wf: require('./workflow'),
};
