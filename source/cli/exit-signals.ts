/**
 * Ctrl-C, SIGTERM and SIGHUP as an AbortSignal for the plain and demo modes, so they
 * leave their group (or disconnect their producer) before exiting. A second signal
 * while shutting down exits at once.
 */
export function abortOnExitSignals(onSecondSignal: () => void): {signal: AbortSignal; dispose: () => void} {
	const controller = new AbortController();
	const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
	const handler = () => {
		if (controller.signal.aborted) onSecondSignal();
		else controller.abort();
	};
	for (const name of signals) process.on(name, handler);
	return {
		signal: controller.signal,
		dispose: () => {
			for (const name of signals) process.off(name, handler);
		},
	};
}
