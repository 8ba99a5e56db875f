/**
 * kafkajs resets a partition whose fetch position fell out of range (retention moved the log
 * start past it, deleteRecords, a re-created topic) by COMMITTING its default offset to the
 * group (OffsetManager.setDefaultOffset), whatever `autoCommit` says. In a group klog-tui did
 * not create that moves another team's offsets without a word. For consumers without autoCommit
 * (all of ours: we commit ourselves, see offset-committer.ts) this makes the reset local: the
 * same default offset (the log end, or start with fromBeginning) becomes the fetch position, and
 * nothing is committed. kafkajs 2.2.4 is its last release, so the patched method cannot move.
 */
import {createRequire} from 'node:module';

type OffsetManager = {
	autoCommit: boolean;
	cluster: {
		fetchTopicsOffset(
			topics: Array<{topic: string; fromBeginning: boolean; partitions: Array<{partition: number}>}>,
		): Promise<Array<{topic: string; partitions: Array<{partition: number; offset: string}>}>>;
	};
	topicConfigurations: Record<string, {fromBeginning?: boolean} | undefined>;
	resolvedOffsets: Record<string, Record<number, string>>;
	setDefaultOffset(topicPartition: {topic: string; partition: number}): Promise<void>;
};

let installed = false;

/** Install once per process (per thread: the stream worker has its own module instance). */
export function keepOffsetResetsLocal(): void {
	if (installed) return;
	installed = true;
	let prototype: OffsetManager | undefined;
	try {
		const require = createRequire(import.meta.url);
		prototype = (require('kafkajs/src/consumer/offsetManager/index.js') as {prototype: OffsetManager})
			.prototype;
	} catch {
		return;
	}
	const original = prototype.setDefaultOffset;
	if (typeof original !== 'function') return;
	prototype.setDefaultOffset = async function (this: OffsetManager, {topic, partition}) {
		if (this.autoCommit) return original.call(this, {topic, partition});
		const fromBeginning = this.topicConfigurations[topic]?.fromBeginning === true;
		const [found] = await this.cluster.fetchTopicsOffset([{topic, fromBeginning, partitions: [{partition}]}]);
		const offset = found?.partitions.find((entry) => entry.partition === partition)?.offset;
		if (offset !== undefined) this.resolvedOffsets[topic]![partition] = offset;
	};
}
