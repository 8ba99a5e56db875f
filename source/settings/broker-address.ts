import type {ProducePermission} from '../stream/stream-controller.js';

/** One broker address as the user typed it, split into host and port. */
export type BrokerAddress = {host: string; port: number};

/** Kafka's default client port, used when an address has none. */
export const DEFAULT_KAFKA_PORT = 9092;

/**
 * Parse one `host:port` (or `host`, `[v6]:port`, `[v6]`) into its parts.
 * Throws an Error with a one-line message naming the bad address.
 */
export function parseBrokerAddress(text: string): BrokerAddress {
	const input = text.trim();
	if (input.length === 0) throw new Error('empty broker address');
	let host: string;
	let portText: string | undefined;
	if (input.startsWith('[')) {
		const close = input.indexOf(']');
		if (close < 0) throw new Error(`bad broker address '${input}': missing ']'`);
		host = input.slice(1, close);
		const rest = input.slice(close + 1);
		if (rest.length > 0) {
			if (!rest.startsWith(':')) throw new Error(`bad broker address '${input}'`);
			portText = rest.slice(1);
		}
	} else {
		const colons = input.split(':').length - 1;
		if (colons > 1) {
			throw new Error(`bad broker address '${input}': write IPv6 addresses as [addr]:port`);
		}
		const colon = input.indexOf(':');
		host = colon < 0 ? input : input.slice(0, colon);
		portText = colon < 0 ? undefined : input.slice(colon + 1);
	}
	if (host.length === 0 || /[\s/]/.test(host)) throw new Error(`bad broker address '${input}': no host`);
	const port = portText === undefined ? DEFAULT_KAFKA_PORT : Number(portText);
	if (!/^\d{1,5}$/.test(portText ?? '9092') || port < 1 || port > 65_535) {
		throw new Error(`bad broker address '${input}': port must be 1-65535`);
	}
	return {host, port};
}

/**
 * Parse a broker list (`a:9092,b:9092`, or several such strings) into addresses.
 * Throws on the first bad one; an empty list is an error too.
 */
export function parseBrokerAddresses(input: string | readonly string[]): BrokerAddress[] {
	const parts = (typeof input === 'string' ? [input] : input)
		.flatMap((part) => part.split(','))
		.map((part) => part.trim())
		.filter((part) => part.length > 0);
	if (parts.length === 0) throw new Error('no broker address given');
	return parts.map(parseBrokerAddress);
}

/** `host:port` the way kafkajs wants it (IPv6 in brackets). */
export function formatBrokerAddress(address: BrokerAddress): string {
	return address.host.includes(':') ? `[${address.host}]:${address.port}` : `${address.host}:${address.port}`;
}

/** True when the host names this machine's loopback interface (no DNS lookup). */
export function isLoopbackHost(host: string): boolean {
	const name = host.toLowerCase().replace(/\.$/, '');
	if (name === 'localhost' || name.endsWith('.localhost')) return true;
	if (name === '::1' || name === '0:0:0:0:0:0:0:1') return true;
	const v4 = name.startsWith('::ffff:') ? name.slice('::ffff:'.length) : name;
	const octets = v4.split('.');
	return (
		octets.length === 4 &&
		octets[0] === '127' &&
		octets.every((octet) => /^\d{1,3}$/.test(octet) && Number(octet) <= 255)
	);
}

/**
 * True when every broker is on loopback: the only case where klog-tui may produce
 * without `--allow-produce` (a local demo broker). An unparsable or empty list is not loopback.
 */
export function isLoopbackOnly(brokers: string | readonly string[]): boolean {
	try {
		return parseBrokerAddresses(brokers).every((address) => isLoopbackHost(address.host));
	} catch {
		return false;
	}
}

/** The read-only rule: produce only on an all-loopback cluster or when explicitly allowed. */
export function producePermission(
	brokers: string | readonly string[],
	allowProduce: boolean,
): ProducePermission {
	if (allowProduce) return {allowed: true};
	if (isLoopbackOnly(brokers)) return {allowed: true};
	return {
		allowed: false,
		reason: 'read-only: the brokers are not all on this machine (use --allow-produce to send records)',
	};
}
