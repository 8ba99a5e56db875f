import {PASSWORD_FLAG_REFUSAL} from '../settings/resolve-connection-settings.js';
/**
 * Command-line flags for config files, profiles, SASL and TLS. There is deliberately no
 * way to pass a password as a flag (it would show in `ps` and stay in shell history).
 */
import type {FlagSpec} from './flag-spec.js';

const all = ['view', 'demo', 'lag'] as const;

/**
 * The security and config flags as rows of the CLI's flag table (`source/cli/flag-table.ts`),
 * which builds meow's options, the unknown-flag check and `--help` from them.
 */
export const SECURITY_FLAG_SPECS: readonly FlagSpec[] = [
	{
		name: 'config',
		type: 'string',
		valueName: '<file>',
		description:
			'Config file (default ~/.config/klog-tui/config.json, honouring $XDG_CONFIG_HOME; or $KLOG_CONFIG)',
		commands: all,
	},
	{
		name: 'profile',
		type: 'string',
		valueName: '<name>',
		description: 'Named profile of the config file: brokers, SASL, TLS, topics... (or $KLOG_PROFILE)',
		commands: all,
	},
	{
		name: 'sasl-mechanism',
		type: 'string',
		valueName: '<name>',
		description: 'SASL: plain, scram-sha-256, scram-sha-512 or oauthbearer (or $KLOG_SASL_MECHANISM)',
		commands: all,
	},
	{
		name: 'username',
		type: 'string',
		valueName: '<name>',
		description: 'SASL user (or $KLOG_USERNAME); the password: $KLOG_PASSWORD, config file or prompt',
		commands: all,
	},
	{
		name: 'token-command',
		type: 'string',
		valueName: '<cmd>',
		description:
			'OAUTHBEARER: shell command printing the token, run again before it expires (or $KLOG_TOKEN_COMMAND)',
		commands: all,
	},
	{
		name: 'token-file',
		type: 'string',
		valueName: '<file>',
		description: 'OAUTHBEARER: file holding the token, read again before it expires (or $KLOG_TOKEN_FILE)',
		commands: all,
	},
	{
		name: 'ssl',
		type: 'boolean',
		description: 'Connect with TLS (implied by --ca, --cert, --key)',
		commands: all,
	},
	{
		name: 'ca',
		type: 'string',
		valueName: '<file>',
		description: 'CA certificate (PEM) to trust instead of the system store',
		commands: all,
	},
	{
		name: 'cert',
		type: 'string',
		valueName: '<file>',
		description: 'Client certificate (PEM), with --key, for brokers that require one',
		commands: all,
	},
	{
		name: 'key',
		type: 'string',
		valueName: '<file>',
		description: 'Private key (PEM) of --cert',
		commands: all,
	},
	{
		name: 'insecure-skip-verify',
		type: 'boolean',
		description: "Do NOT verify the broker's certificate (dangerous; warned at every start)",
		commands: all,
	},
];

/**
 * The same flags as meow flag definitions, for a CLI that lists meow flags directly.
 * `password` is defined only so that `--password` gets a clear refusal from
 * `resolveConnectionSettings` rather than a generic "unknown flag".
 */
export const securityFlags = {
	config: {type: 'string'},
	profile: {type: 'string'},
	saslMechanism: {type: 'string'},
	username: {type: 'string'},
	password: {type: 'string'},
	tokenCommand: {type: 'string'},
	tokenFile: {type: 'string'},
	ssl: {type: 'boolean'},
	ca: {type: 'string'},
	cert: {type: 'string'},
	key: {type: 'string'},
	insecureSkipVerify: {type: 'boolean'},
} as const;

/**
 * The refusal when the raw arguments hold `--password` (or `--password=...`, `--passwd`,
 * `--sasl-password`), else undefined. Checked before any other flag parsing so the user
 * learns why, not just "unknown flag".
 */
export function refusePasswordFlag(argv: readonly string[]): string | undefined {
	for (const token of argv) {
		if (token === '--') break;
		if (/^--(?:sasl-)?(?:password|passwd|pass)(?:=|$)/i.test(token)) return PASSWORD_FLAG_REFUSAL;
	}
	return undefined;
}
