import {createDemoLogGenerator} from '../demo-logs/demo-log-generator.js';
import type {KafkaConnectionOptions, LogStream, RecordProducer} from '../kafka.js';
import {producePermission} from '../settings/broker-address.js';
import {DEFAULT_DEMO_SERVICES, DEMO_PARTITIONS} from '../settings/run-settings.js';
import type {LogStore} from '../store/log-store-types.js';
import type {StartPosition} from '../stream/start-position.js';
import type {StreamController} from '../stream/stream-controller.js';
import type {StreamStatusStore} from '../stream/stream-status.js';

export type StreamControllerOptions = {
	stream: LogStream;
	store: LogStore;
	status: StreamStatusStore;
	connection: KafkaConnectionOptions;
	/** Topics being watched; demo bursts go to the first. */
	topics: readonly string[];
	/** `--allow-produce`: write even to brokers that are not on this machine. */
	allowProduce: boolean;
	/** Records per `d` press when the UI does not say. */
	burstSize?: number;
	/**
	 * Hand records held for time order to the store now: before a re-seek clears the view (their
	 * offsets must not hide the re-read ones) and before quitting (what was acknowledged reached it).
	 */
	settle?: () => void;
};

/** Records a demo burst sends by default. */
const DEFAULT_BURST = 40;

/**
 * The real `StreamController` the TUI drives: pause/resume/seek the log stream, send
 * demo bursts through a producer made on first use (only where the read-only rule
 * allows), and quit (leave the group, disconnect the producer).
 */
export function createStreamController(options: StreamControllerOptions): StreamController {
	const {stream, store, status} = options;
	const permission = producePermission(options.connection.brokers, options.allowProduce);
	const generator = createDemoLogGenerator({services: DEFAULT_DEMO_SERVICES});
	// None when only topic patterns were given (-t '/regex/'): the demo needs a name to write to.
	const topic = options.topics[0];
	let producer: RecordProducer | undefined;
	let topicReady: Promise<unknown> | undefined;
	let quitting: Promise<void> | undefined;

	return {
		pause() {
			stream.pause();
			status.setPaused(true);
		},
		resume() {
			stream.resume();
			status.setPaused(false);
		},
		get paused() {
			return stream.paused;
		},
		async seek(start: StartPosition) {
			options.settle?.();
			store.clear();
			// Records from the new position were seen before: let them in again.
			for (const partition of status.get().partitions)
				store.resetPosition(partition.topic, partition.partition);
			await stream.seek(start);
		},
		producePermission: permission,
		async sendDemoBurst(count = options.burstSize ?? DEFAULT_BURST) {
			if (!permission.allowed) throw new Error(permission.reason);
			if (topic === undefined) throw new Error('the demo writes to a topic named with -t, not to a pattern');
			if (quitting) return 0;
			// Loaded on the first burst: kafkajs in this thread would slow every start.
			const {createRecordProducer, createTopicIfMissing} = await import('../kafka/record-producer.js');
			// A viewer may be waiting for a topic that does not exist yet: the demo makes it.
			topicReady ??= createTopicIfMissing(options.connection, topic, {partitions: DEMO_PARTITIONS}).catch(
				(error: unknown) => {
					topicReady = undefined;
					throw error;
				},
			);
			await topicReady;
			producer ??= createRecordProducer(options.connection);
			const records = generator.burst(count);
			await producer.send(topic, records);
			return records.length;
		},
		quit() {
			quitting ??= (async () => {
				options.settle?.();
				await Promise.allSettled([stream.stop(), producer?.disconnect()]);
			})();
			return quitting;
		},
	};
}
