import {describe, expect, it} from 'vitest';
import {
	checkListenerName,
	formatProperties,
	nodeProperties,
} from '../../../../tools/kafka/kafka-properties.js';

const threeNodes = [
	{port: 9092, controllerPort: 19001, listenerPorts: {SASL_PLAINTEXT: 29001}},
	{port: 9093, controllerPort: 19002, listenerPorts: {SASL_PLAINTEXT: 29002}},
	{port: 9094, controllerPort: 19003, listenerPorts: {SASL_PLAINTEXT: 29003}},
];

describe('nodeProperties', () => {
	it('makes a single node a combined broker+controller with replication factor 1 everywhere', () => {
		const properties = nodeProperties({
			index: 0,
			host: '127.0.0.1',
			allNodes: [{port: 9092, controllerPort: 19001, listenerPorts: {}}],
			listeners: [],
			logDir: '/d/node-0/data',
			autoCreateTopics: false,
			overrides: {},
		});
		expect(properties).toMatchObject({
			'process.roles': 'broker,controller',
			'node.id': '1',
			'controller.quorum.voters': '1@127.0.0.1:19001',
			listeners: 'PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:19001',
			'advertised.listeners': 'PLAINTEXT://127.0.0.1:9092',
			'offsets.topic.replication.factor': '1',
			'transaction.state.log.replication.factor': '1',
			'transaction.state.log.min.isr': '1',
			'share.coordinator.state.topic.replication.factor': '1',
			'group.initial.rebalance.delay.ms': '0',
			'auto.create.topics.enable': 'false',
			'log.dirs': '/d/node-0/data',
		});
	});

	it('lists every node as a voter, adds extra listeners with their own ports and settings, and lets overrides win', () => {
		const properties = nodeProperties({
			index: 2,
			host: '127.0.0.1',
			allNodes: threeNodes,
			listeners: [
				{
					name: 'SASL_PLAINTEXT',
					securityProtocol: 'SASL_PLAINTEXT',
					properties: {'sasl.enabled.mechanisms': 'SCRAM-SHA-256'},
				},
			],
			logDir: '/d/node-2/data',
			autoCreateTopics: false,
			overrides: {'num.partitions': '3', 'auto.create.topics.enable': 'true'},
		});
		expect(properties['node.id']).toBe('3');
		expect(properties['controller.quorum.voters']).toBe(
			'1@127.0.0.1:19001,2@127.0.0.1:19002,3@127.0.0.1:19003',
		);
		expect(properties.listeners).toBe(
			'PLAINTEXT://127.0.0.1:9094,CONTROLLER://127.0.0.1:19003,SASL_PLAINTEXT://127.0.0.1:29003',
		);
		expect(properties['advertised.listeners']).toBe(
			'PLAINTEXT://127.0.0.1:9094,SASL_PLAINTEXT://127.0.0.1:29003',
		);
		expect(properties['listener.security.protocol.map']).toBe(
			'PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT',
		);
		expect(properties['listener.name.sasl_plaintext.sasl.enabled.mechanisms']).toBe('SCRAM-SHA-256');
		expect(properties['offsets.topic.replication.factor']).toBe('3');
		expect(properties['transaction.state.log.min.isr']).toBe('2');
		expect(properties['num.partitions']).toBe('3');
		expect(properties['auto.create.topics.enable']).toBe('true');
	});

	it("uses Kafka's own group and topic defaults with productionDefaults", () => {
		const properties = nodeProperties({
			index: 0,
			host: '127.0.0.1',
			allNodes: [{port: 9092, controllerPort: 19001, listenerPorts: {}}],
			listeners: [],
			logDir: '/d/node-0/data',
			autoCreateTopics: false,
			productionDefaults: true,
			overrides: {},
		});
		expect(properties['group.initial.rebalance.delay.ms']).toBe('3000');
		expect(properties['auto.create.topics.enable']).toBe('true');
	});
});

describe('checkListenerName', () => {
	it('accepts Kafka-style names and refuses the built-in and malformed ones', () => {
		expect(() => checkListenerName('SSL')).not.toThrow();
		expect(() => checkListenerName('PLAINTEXT')).toThrow(/reserved/);
		expect(() => checkListenerName('CONTROLLER')).toThrow(/reserved/);
		expect(() => checkListenerName('sasl-plain')).toThrow(/upper case/);
	});
});

describe('formatProperties', () => {
	it('escapes what java.util.Properties would otherwise misread', () => {
		expect(
			formatProperties({
				'a.b': 'plain',
				'jaas.config': 'Module required\nusername="u";',
				path: 'C:\\dir',
			}),
		).toBe('a.b=plain\njaas.config=Module required\\nusername="u";\npath=C:\\\\dir\n');
	});
});
