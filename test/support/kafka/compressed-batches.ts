import {readFileSync} from 'node:fs';
import path from 'node:path';

/**
 * Record batches written by real producers, as a Kafka 4.4 broker stored them (its segment
 * files, which a fetch returns byte for byte): test/fixtures/compressed-batches/<producer>-<codec>.batches.
 * Each holds the 20 records of `fixtureLines(producer, codec)` in partition 0 from offset 0,
 * written by `kcat -P -z <codec>` (librdkafka) or by Kafka's Java producer
 * (test/support/kafka/java/CodecProducer.java, `compression.type=<codec>`).
 */

export const CODECS = ['gzip', 'snappy', 'lz4', 'zstd'] as const;
export type CodecName = (typeof CODECS)[number];
export const PRODUCERS = ['kcat', 'java'] as const;
export type ProducerName = (typeof PRODUCERS)[number];

/** The values a producer wrote for a codec: `count` JSON log lines, longer and longer. */
export function fixtureLines(producer: string, codec: string, count = 20): string[] {
	return Array.from({length: count}, (_, i) =>
		JSON.stringify({
			level: i % 3 ? 'info' : 'warn',
			service: `svc-${producer}`,
			message: `${codec} record ${i} from ${producer} ${'x'.repeat(i * 3)}`,
		}),
	);
}

/** The stored batches of one producer and codec. */
export function readBatches(producer: ProducerName, codec: CodecName): Buffer {
	return readFileSync(
		path.join(import.meta.dirname, '../../fixtures/compressed-batches', `${producer}-${codec}.batches`),
	);
}
