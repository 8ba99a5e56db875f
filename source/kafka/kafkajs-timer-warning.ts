/**
 * kafkajs 2.2.4 (its last release) schedules its request-queue check with a negative delay
 * (`throttledUntil - Date.now()` while `throttledUntil` is -1, in
 * src/network/requestQueue/index.js). Node has always run such a timer after 1 ms; since Node 23
 * it also prints `TimeoutNegativeWarning` to stderr, which lands on the TUI's screen and in plain
 * output's stderr (tulios/kafkajs#1751, open). This drops exactly that warning: a
 * TimeoutNegativeWarning raised while kafkajs code is on the stack. Every other warning,
 * including a negative timeout of our own, still prints.
 */

/** The `type` of a warning from `process.emitWarning`'s arguments (string, options or Error). */
function warningType(warning: unknown, typeOrOptions: unknown): string | undefined {
	if (typeof typeOrOptions === 'string') return typeOrOptions;
	if (typeOrOptions && typeof typeOrOptions === 'object' && 'type' in typeOrOptions) {
		const {type} = typeOrOptions as {type?: unknown};
		if (typeof type === 'string') return type;
	}
	return warning instanceof Error ? warning.name : undefined;
}

/** True for kafkajs' negative-timer warning: its type, raised with a kafkajs frame on `stack`. */
export function isKafkajsNegativeTimeoutWarning(type: string | undefined, stack: string): boolean {
	return type === 'TimeoutNegativeWarning' && /[\\/]node_modules[\\/]kafkajs[\\/]/.test(stack);
}

let installed = false;

/** Installs the filter on `process.emitWarning` once per process; later calls do nothing. */
export function silenceKafkajsNegativeTimeoutWarning(): void {
	if (installed) return;
	installed = true;
	const emitWarning = process.emitWarning;
	process.emitWarning = function (
		this: NodeJS.Process,
		warning: unknown,
		typeOrOptions?: unknown,
		...rest: unknown[]
	) {
		if (isKafkajsNegativeTimeoutWarning(warningType(warning, typeOrOptions), new Error().stack ?? '')) return;
		return Reflect.apply(emitWarning, this, [warning, typeOrOptions, ...rest]);
	} as typeof process.emitWarning;
}
