/**
 * A problem with how klog-tui was configured (flags, environment, config file) that the
 * user must fix. The message is one line meant to be printed as it is, without a stack
 * trace; the process then exits with `exitCode` (2, as for any usage error).
 */
export class ConfigError extends Error {
	/** Exit code for usage and configuration errors. */
	readonly exitCode = 2;

	constructor(message: string) {
		super(message);
		this.name = 'ConfigError';
	}
}

/** True when `error` is a `ConfigError` (also across module copies, by name). */
export function isConfigError(error: unknown): error is ConfigError {
	return error instanceof ConfigError || (error instanceof Error && error.name === 'ConfigError');
}
