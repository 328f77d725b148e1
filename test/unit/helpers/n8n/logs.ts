import type { Logger } from 'n8n-workflow';

type Level = 'error' | 'warn' | 'info' | 'debug';

/**
 * Records what is logged through n8n's logger (a node's this.logger) at `levels` from now on;
 * `stop()` answers the lines in the order they were logged and stops recording.
 */
export function recordLogs(logger: Logger, levels: Level[] = ['error', 'warn', 'info', 'debug']) {
	const spies = levels.map((level) => jest.spyOn(logger, level));
	return function stop() {
		const calls = spies.flatMap((spy) =>
			spy.mock.calls.map((args, n) => ({
				line: String(args[0]),
				at: spy.mock.invocationCallOrder[n],
			})),
		);
		for (const spy of spies) spy.mockRestore();
		return calls.sort((a, b) => a.at - b.at).map((call) => call.line);
	};
}
