import type {Consumer, Kafka} from 'kafkajs';

export type GroupConsumerOptions = {
	groupId: string;
	maxWaitTimeInMs: number;
	maxBytesPerPartition: number;
	/** How old kafkajs' metadata may get (its default is 5 min): it sees added partitions only then. */
	metadataMaxAgeMs?: number;
	/** kafkajs' restartOnFailure (stale-consumer.ts): restart only a consumer that is still ours. */
	restartOnFailure(error: Error): Promise<boolean>;
};

/** A kafkajs consumer in our group, set up as a viewer needs it. */
export function makeGroupConsumer(
	kafka: Kafka,
	{
		groupId,
		maxWaitTimeInMs,
		maxBytesPerPartition,
		metadataMaxAgeMs = 4000,
		restartOnFailure,
	}: GroupConsumerOptions,
): Consumer {
	return kafka.consumer({
		groupId,
		maxWaitTimeInMs,
		maxBytesPerPartition,
		// Never create a topic by looking at it: this is a viewer.
		allowAutoTopicCreation: false,
		// After a broker restart the group still lists our old member (a crashed consumer
		// cannot leave), and the new one's join waits until that member's session expires:
		// a short session means the stream resumes within ~10 s, not 30.
		sessionTimeout: 10_000,
		heartbeatInterval: 3000,
		metadataMaxAge: metadataMaxAgeMs,
		retry: {initialRetryTime: 250, maxRetryTime: 5000, retries: 8, restartOnFailure},
	});
}
