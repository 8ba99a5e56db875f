/** Security protocols a Kafka listener can speak. */
export type KafkaSecurityProtocol = 'PLAINTEXT' | 'SASL_PLAINTEXT' | 'SSL' | 'SASL_SSL';

/**
 * An extra client listener beside the built-in `PLAINTEXT` one (which brokers also use to talk
 * to each other) and `CONTROLLER`. Lets a test run, for example, a SASL_PLAINTEXT and an SSL
 * listener on the same broker, each on its own port.
 */
export type KafkaListenerSpec = {
	/** Listener name as Kafka writes it: upper case letters, digits and `_` (e.g. `SASL_PLAINTEXT`, `SSL`). */
	name: string;
	securityProtocol: KafkaSecurityProtocol;
	/** One port per node (index = node index); free ports are picked when left out. */
	ports?: number[];
	/**
	 * Settings for this listener only, written as `listener.name.<name in lower case>.<key>=<value>`
	 * (e.g. `{'ssl.keystore.location': '/tmp/k.p12', 'scram-sha-256.sasl.jaas.config': '...'}`).
	 */
	properties?: Record<string, string>;
};

/** The ports one node listens on. */
export type KafkaNodePorts = {
	/** The PLAINTEXT client port (also inter-broker traffic). */
	port: number;
	/** The KRaft controller port. */
	controllerPort: number;
	/** Port of each extra listener, by listener name. */
	listenerPorts: Record<string, number>;
};

/** Everything needed to write one node's `server.properties`. */
export type NodePropertiesInput = {
	/** Node index in the cluster (0-based); node.id is index + 1. */
	index: number;
	host: string;
	/** Ports of every node, so each node can list all controllers as voters. */
	allNodes: KafkaNodePorts[];
	listeners: KafkaListenerSpec[];
	logDir: string;
	autoCreateTopics: boolean;
	/**
	 * Kafka's own defaults for groups and topics instead of the fast test settings: a new or
	 * empty group waits `group.initial.rebalance.delay.ms` (3000) before its first assignment,
	 * and topics are created on first use. Default false.
	 */
	productionDefaults?: boolean;
	/** Applied last, so they win over every default here. */
	overrides: Record<string, string>;
};

const reservedListenerNames = new Set(['PLAINTEXT', 'CONTROLLER']);

/** Checks a listener name; @throws Error on a name Kafka would reject or that we use ourselves. */
export function checkListenerName(name: string): void {
	if (!/^[A-Z][A-Z0-9_]*$/.test(name)) {
		throw new Error(`listener name "${name}" must be upper case letters, digits and _`);
	}
	if (reservedListenerNames.has(name)) {
		throw new Error(
			`listener name "${name}" is reserved by the harness (PLAINTEXT and CONTROLLER are built in)`,
		);
	}
}

/**
 * The server.properties of one combined broker+controller node, as key/value pairs.
 * Defaults suit a small dev/test cluster on one machine; `overrides` win.
 */
export function nodeProperties(input: NodePropertiesInput): Record<string, string> {
	const {index, host, allNodes, listeners} = input;
	const self = allNodes[index];
	if (!self) throw new Error(`no ports for node ${index}`);
	const nodeCount = allNodes.length;
	// Internal topics can only be replicated as widely as there are nodes.
	const replication = String(Math.min(3, nodeCount));
	const minIsr = String(nodeCount >= 3 ? 2 : 1);

	const listenerEntries = [
		`PLAINTEXT://${host}:${self.port}`,
		`CONTROLLER://${host}:${self.controllerPort}`,
		...listeners.map((l) => `${l.name}://${host}:${portOf(self, l.name)}`),
	];
	const advertised = [
		`PLAINTEXT://${host}:${self.port}`,
		...listeners.map((l) => `${l.name}://${host}:${portOf(self, l.name)}`),
	];
	const protocolMap = [
		'PLAINTEXT:PLAINTEXT',
		'CONTROLLER:PLAINTEXT',
		...listeners.map((l) => `${l.name}:${l.securityProtocol}`),
	];
	const voters = allNodes.map((node, i) => `${i + 1}@${host}:${node.controllerPort}`);

	const properties: Record<string, string> = {
		'process.roles': 'broker,controller',
		'node.id': String(index + 1),
		'controller.quorum.voters': voters.join(','),
		'controller.listener.names': 'CONTROLLER',
		'inter.broker.listener.name': 'PLAINTEXT',
		listeners: listenerEntries.join(','),
		'advertised.listeners': advertised.join(','),
		'listener.security.protocol.map': protocolMap.join(','),
		'log.dirs': input.logDir,
		'num.partitions': '1',
		'default.replication.factor': replication,
		'offsets.topic.replication.factor': replication,
		// Fewer partitions than the default 50: __consumer_offsets is created faster on first use.
		'offsets.topic.num.partitions': '10',
		'transaction.state.log.replication.factor': replication,
		'transaction.state.log.min.isr': minIsr,
		'transaction.state.log.num.partitions': '10',
		'share.coordinator.state.topic.replication.factor': replication,
		'share.coordinator.state.topic.min.isr': minIsr,
		// Groups form at once instead of waiting 3 s for more members (Kafka's default).
		'group.initial.rebalance.delay.ms': input.productionDefaults ? '3000' : '0',
		// Off by default here, so a typo in a topic name shows up as a clear "missing topic";
		// Kafka's own default (and productionDefaults) is on.
		'auto.create.topics.enable': String(input.productionDefaults || input.autoCreateTopics),
		// The cleaner allocates this buffer up front (default 128 MB): too much for a 512 MB heap.
		'log.cleaner.dedupe.buffer.size': String(8 * 1024 * 1024),
		// Two cores shared by everything: fewer threads than the defaults.
		'num.network.threads': '2',
		'num.io.threads': '4',
		'num.recovery.threads.per.data.dir': '1',
	};
	for (const listener of listeners) {
		const prefix = `listener.name.${listener.name.toLowerCase()}.`;
		for (const [key, value] of Object.entries(listener.properties ?? {})) properties[prefix + key] = value;
	}
	return {...properties, ...input.overrides};
}

function portOf(node: KafkaNodePorts, listenerName: string): number {
	const port = node.listenerPorts[listenerName];
	if (port === undefined) throw new Error(`no port for listener ${listenerName}`);
	return port;
}

/**
 * Properties-file text for key/value pairs. Values are escaped the way java.util.Properties
 * reads them back (backslashes, and line breaks that would end the value early).
 */
export function formatProperties(properties: Record<string, string>): string {
	const escapeText = (text: string) =>
		text.replaceAll('\\', '\\\\').replaceAll('\n', '\\n').replaceAll('\r', '\\r');
	return `${Object.entries(properties)
		.map(
			([key, value]) =>
				`${escapeText(key).replaceAll('=', '\\=').replaceAll(':', '\\:')}=${escapeText(value)}`,
		)
		.join('\n')}\n`;
}
