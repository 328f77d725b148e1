'use strict';
// Programmatic entry point: n8n loads the classes through the "n8n" block of package.json;
// this lets other code (tests, tools, embedding apps) require them from the package itself.
const { Dotloop } = require('./dist/nodes/Dotloop/Dotloop.node');
const { DotloopTrigger } = require('./dist/nodes/Dotloop/DotloopTrigger.node');
const { DotloopPollingTrigger } = require('./dist/nodes/Dotloop/DotloopPollingTrigger.node');
const { DotloopOAuth2Api } = require('./dist/credentials/DotloopOAuth2Api.credentials');

module.exports = { Dotloop, DotloopTrigger, DotloopPollingTrigger, DotloopOAuth2Api };
