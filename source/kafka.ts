/**
 * The Kafka adapter: everything klog-tui does with kafkajs, turned into plain data
 * (`RawRecord`, `ConnectionState`, `PartitionStatus`). kafkajs logs go to a file or
 * nowhere, never the terminal. The pieces live in `source/kafka/`.
 */

export {type BrokerProbe, everyBrokerRefused, probeBrokers} from './kafka/broker-probe.js';
export {UNDECODABLE_PREFIX} from './kafka/codecs/undecodable-batch.js';
export {type ConsumerLag, readConsumerLag} from './kafka/consumer-lag.js';
export {describeKafkaError} from './kafka/error-reason.js';
export {liveGroupRefusal} from './kafka/group-guard.js';
export {createKafka, type KafkaConnectionOptions} from './kafka/kafka-client.js';
export {createLogStream, type LogStream, type LogStreamOptions} from './kafka/log-stream/log-stream.js';
export {
	createRecordProducer,
	createTopicIfMissing,
	type ProducedRecord,
	type RecordProducer,
	type RecordProducerOptions,
	sendLogRecords,
} from './kafka/record-producer.js';
export {createWorkerLogStream} from './kafka/worker/worker-log-stream.js';
