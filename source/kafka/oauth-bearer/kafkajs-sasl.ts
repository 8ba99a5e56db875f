import type {Mechanism, SASLOptions} from 'kafkajs';
import type {SaslSettings} from '../../settings/connection-settings.js';
import {oauthBearerMechanism} from './oauth-bearer-mechanism.js';
import {sharedTokenProvider} from './token-provider.js';

/**
 * Our SASL settings (plain data, as they cross to the stream worker) as kafkajs takes them.
 * OAUTHBEARER gets its functions here, in the thread that makes the client.
 */
export function kafkajsSasl(sasl: SaslSettings | undefined): SASLOptions | Mechanism | undefined {
	if (!sasl) return undefined;
	if (sasl.mechanism === 'oauthbearer') return oauthBearerMechanism(sharedTokenProvider(sasl));
	// A copy: kafkajs stores its authenticator on the object it is given.
	return {mechanism: sasl.mechanism, username: sasl.username, password: sasl.password} as SASLOptions;
}
