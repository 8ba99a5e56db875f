import type {Admin} from 'kafkajs';
import {
	createKafka,
	describeKafkaError,
	everyBrokerRefused,
	type KafkaConnectionOptions,
	probeBrokers,
	readConsumerLag,
} from './kafka.js';
import type {LagSettings} from './settings/run-settings.js';
import {lagJsonLines, lagTable} from './terminal-text/format-lag.js';

/** Where `klog-tui lag` writes: the table or JSON lines to `write`, problems to `log`. */
export type LagOutput = {write: (text: string) => Promise<void> | void; log: (line: string) => void};

/**
 * `klog-tui lag -t TOPIC`: the consumer groups that committed offsets on the topics, their
 * state, members and lag per partition, once, for scripts. Read-only: it never joins, commits
 * or changes a group (klog-tui's own viewers commit nothing, so they do not show). Exit 0 with
 * the answer (no group is an answer), 2 when the cluster cannot be asked.
 */
export async function runLag(
	config: LagSettings,
	connection: KafkaConnectionOptions,
	output: LagOutput,
): Promise<number> {
	const refused = everyBrokerRefused(await probeBrokers(config.brokers));
	if (refused !== undefined) {
		output.log(`klog-tui: every broker refused the connection: ${refused}`);
		return 2;
	}
	const admin = createKafka(connection, {retry: {retries: 2}}).admin();
	try {
		await admin.connect();
		const missing = await missingTopics(admin, config.topics);
		if (missing.length > 0) {
			output.log(`klog-tui: no such topic: ${missing.join(', ')}`);
			return 2;
		}
		const {groups, unreadable} = await readConsumerLag(admin, config.topics);
		await output.write(config.output === 'json' ? lagJsonLines(groups) : lagTable(groups, config.topics));
		if (unreadable > 0)
			output.log(`klog-tui: ${unreadable} consumer group(s) could not be read (gone, or not allowed)`);
		return 0;
	} catch (error) {
		output.log(`klog-tui: could not read the consumer groups: ${describeKafkaError(error)}`);
		return 2;
	} finally {
		await admin.disconnect().catch(() => undefined);
	}
}

async function missingTopics(admin: Admin, topics: readonly string[]): Promise<string[]> {
	const existing = new Set(await admin.listTopics());
	return topics.filter((topic) => !existing.has(topic));
}
