/**
 * Command-line flags for config files, profiles, SASL and TLS, as meow flag definitions
 * the CLI merges into its own table, and the lines they add to `--help`.
 *
 * There is deliberately no way to pass a password as a flag: `password` is defined only
 * so that `--password` gets a clear refusal from `resolveConnectionSettings` rather than
 * a generic "unknown flag".
 */
export const securityFlags = {
	config: {type: 'string'},
	profile: {type: 'string'},
	saslMechanism: {type: 'string'},
	username: {type: 'string'},
	password: {type: 'string'},
	ssl: {type: 'boolean'},
	ca: {type: 'string'},
	cert: {type: 'string'},
	key: {type: 'string'},
	insecureSkipVerify: {type: 'boolean'},
} as const;

/** The values meow produces for `securityFlags` (plus the CLI's `--brokers`). */
export type SecurityFlagValues = {
	brokers?: string | readonly string[] | undefined;
	config?: string | undefined;
	profile?: string | undefined;
	saslMechanism?: string | undefined;
	username?: string | undefined;
	password?: string | undefined;
	ssl?: boolean | undefined;
	ca?: string | undefined;
	cert?: string | undefined;
	key?: string | undefined;
	insecureSkipVerify?: boolean | undefined;
};

/** `--help` lines for these flags, in meow's usual two-space-indented form. */
export const securityHelp = `
  Connection and security
    --config FILE            Config file (default: $XDG_CONFIG_HOME/klog-tui/config.json,
                             else ~/.config/klog-tui/config.json; or KLOG_CONFIG)
    --profile NAME           Named profile from the config file (or KLOG_PROFILE)
    --sasl-mechanism NAME    plain, scram-sha-256 or scram-sha-512 (or KLOG_SASL_MECHANISM)
    --username NAME          SASL user name (or KLOG_USERNAME)
                             The password comes from KLOG_PASSWORD, the config file or a
                             prompt; never from a flag (it would show in ps and shell history)
    --ssl                    Connect with TLS (implied by --ca, --cert, --key)
    --ca FILE                Trust this CA certificate (PEM) instead of the system store
    --cert FILE --key FILE   Client certificate and key (PEM) for brokers that require one
    --insecure-skip-verify   Do not verify the broker's certificate (dangerous; warned)

  Examples
    $ KLOG_PASSWORD=… klog-tui --brokers kafka:9094 --sasl-mechanism scram-sha-512 --username alice --ssl --ca ca.pem
    $ klog-tui --profile prod
`;
