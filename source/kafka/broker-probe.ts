import {connect} from 'node:net';
import {formatBrokerAddress, parseBrokerAddress} from '../settings/broker-address.js';

/** Errors that answer at once: nothing listens there, or the name or network does not exist. */
const REFUSALS = new Set([
	'ECONNREFUSED',
	'ENOTFOUND',
	'EAI_NONAME',
	'EHOSTUNREACH',
	'ENETUNREACH',
	'EADDRNOTAVAIL',
]);

/** What one broker address said to a plain TCP connect. */
export type BrokerProbe =
	| {broker: string; outcome: 'answered'}
	| {broker: string; outcome: 'refused'; reason: string}
	| {broker: string; outcome: 'silent'};

/**
 * Open (and close) a TCP connection to each broker, to tell a refusal, which is immediate and
 * final, from a broker that does not answer, which may still come up. Kafka's own client
 * retries both alike, so `--exit` would wait its whole `--timeout` for a port nobody listens on.
 */
export function probeBrokers(brokers: readonly string[], timeoutMs = 3000): Promise<BrokerProbe[]> {
	return Promise.all(brokers.map((broker) => probeBroker(broker, timeoutMs)));
}

function probeBroker(broker: string, timeoutMs: number): Promise<BrokerProbe> {
	let address: ReturnType<typeof parseBrokerAddress>;
	try {
		address = parseBrokerAddress(broker);
	} catch (error) {
		return Promise.resolve({broker, outcome: 'refused', reason: (error as Error).message});
	}
	return new Promise((resolve) => {
		const socket = connect({host: address.host, port: address.port});
		const settle = (probe: BrokerProbe) => {
			clearTimeout(timer);
			socket.destroy();
			resolve(probe);
		};
		const timer = setTimeout(() => settle({broker, outcome: 'silent'}), timeoutMs);
		socket.once('connect', () => settle({broker, outcome: 'answered'}));
		socket.once('error', (error: NodeJS.ErrnoException) => {
			if (error.code && REFUSALS.has(error.code)) {
				settle({broker, outcome: 'refused', reason: `${formatBrokerAddress(address)}: ${error.code}`});
			} else settle({broker, outcome: 'silent'});
		});
	});
}

/** One line when every broker refused, naming each refusal; undefined when any may still answer. */
export function everyBrokerRefused(probes: readonly BrokerProbe[]): string | undefined {
	if (probes.length === 0 || !probes.every((probe) => probe.outcome === 'refused')) return undefined;
	return probes.map((probe) => (probe.outcome === 'refused' ? probe.reason : probe.broker)).join(', ');
}
