import {describe, expect, it} from 'vitest';
import {
	formatBrokerAddress,
	isLoopbackHost,
	isLoopbackOnly,
	parseBrokerAddress,
	parseBrokerAddresses,
	producePermission,
} from '../../../source/settings/broker-address.js';

describe('parseBrokerAddress', () => {
	it('splits host and port', () => {
		expect(parseBrokerAddress('kafka-1.internal:19092')).toEqual({host: 'kafka-1.internal', port: 19092});
	});

	it('defaults the port to 9092', () => {
		expect(parseBrokerAddress('localhost')).toEqual({host: 'localhost', port: 9092});
	});

	it('reads bracketed IPv6', () => {
		expect(parseBrokerAddress('[::1]:9093')).toEqual({host: '::1', port: 9093});
		expect(parseBrokerAddress('[fe80::1]')).toEqual({host: 'fe80::1', port: 9092});
	});

	it.each([
		['', 'empty broker address'],
		['host:', 'port must be 1-65535'],
		['host:0', 'port must be 1-65535'],
		['host:70000', 'port must be 1-65535'],
		['host:abc', 'port must be 1-65535'],
		[':9092', 'no host'],
		['::1:9092', 'write IPv6 addresses as [addr]:port'],
		['[::1', "missing ']'"],
	])('rejects %j', (input, message) => {
		expect(() => parseBrokerAddress(input)).toThrow(message);
	});
});

describe('parseBrokerAddresses', () => {
	it('splits comma lists and several strings, ignoring stray spaces and empty parts', () => {
		expect(parseBrokerAddresses([' a:1 , b:2,', 'c'])).toEqual([
			{host: 'a', port: 1},
			{host: 'b', port: 2},
			{host: 'c', port: 9092},
		]);
	});

	it('rejects an empty list', () => {
		expect(() => parseBrokerAddresses(' , ')).toThrow('no broker address given');
	});

	it('formats back for kafkajs', () => {
		expect(parseBrokerAddresses('[::1]:9,h:8').map(formatBrokerAddress)).toEqual(['[::1]:9', 'h:8']);
	});
});

describe('loopback and the read-only rule', () => {
	it.each([
		'localhost',
		'LOCALHOST',
		'broker.localhost',
		'127.0.0.1',
		'127.5.6.7',
		'::1',
		'::ffff:127.0.0.1',
	])('%s is loopback', (host) => {
		expect(isLoopbackHost(host)).toBe(true);
	});

	it.each(['10.0.0.1', '0.0.0.0', 'kafka', '128.0.0.1', '127.0.0.256', 'localhost.example.com', 'fe80::1'])(
		'%s is not loopback',
		(host) => {
			expect(isLoopbackHost(host)).toBe(false);
		},
	);

	it('is loopback-only only when every broker is', () => {
		expect(isLoopbackOnly(['127.0.0.1:9092', 'localhost:9093'])).toBe(true);
		expect(isLoopbackOnly('127.0.0.1:9092,10.1.2.3:9092')).toBe(false);
		expect(isLoopbackOnly([])).toBe(false);
		expect(isLoopbackOnly('bad:port:x')).toBe(false);
	});

	it('allows producing on loopback or with --allow-produce, else says why not', () => {
		expect(producePermission(['127.0.0.1:9092'], false)).toEqual({allowed: true});
		expect(producePermission(['kafka.prod:9092'], true)).toEqual({allowed: true});
		const denied = producePermission(['kafka.prod:9092'], false);
		expect(denied.allowed).toBe(false);
		expect(denied.allowed === false && denied.reason).toContain('--allow-produce');
	});
});
