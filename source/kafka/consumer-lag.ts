import type {Admin} from 'kafkajs';
import {byLagDescending, type GroupLag, type PartitionLag, partitionLag} from '../stream/consumer-lag.js';

/** The groups with lag on the topics, and how many listed groups could not be read. */
export type ConsumerLag = {groups: GroupLag[]; unreadable: number};

export type ReadConsumerLagOptions = {
	/** Offset fetches in flight at once (one request per group: kafkajs has no batched form). */
	concurrency?: number;
	/** Leave out groups whose id matches (our own viewers' groups, by default none). */
	skipGroup?: (groupId: string) => boolean;
};

/**
 * The consumer groups with committed offsets on `topics`, with their state, members and lag
 * per partition. Read-only: it lists, describes and fetches offsets, and never joins a group,
 * commits or changes one. Groups that commit nothing on these topics are not described.
 */
export async function readConsumerLag(
	admin: Admin,
	topics: readonly string[],
	{concurrency = 8, skipGroup = () => false}: ReadConsumerLagOptions = {},
): Promise<ConsumerLag> {
	const [{groups}, ends] = await Promise.all([admin.listGroups(), topicEnds(admin, topics)]);
	const candidates = groups
		.filter((group) => group.protocolType === 'consumer' || group.protocolType === '')
		.map((group) => group.groupId)
		.filter((groupId) => !skipGroup(groupId));

	const committedByGroup = new Map<string, PartitionLag[]>();
	let unreadable = 0;
	await forEachLimited(candidates, concurrency, async (groupId) => {
		try {
			const partitions = await committedPartitions(admin, groupId, topics, ends);
			if (partitions.length > 0) committedByGroup.set(groupId, partitions);
		} catch {
			// Gone since the listing, or not ours to describe (GROUP_AUTHORIZATION_FAILED).
			unreadable++;
		}
	});
	if (committedByGroup.size === 0) return {groups: [], unreadable};

	const {groups: described} = await admin.describeGroups([...committedByGroup.keys()]);
	const lags = described.map((group): GroupLag => {
		const partitions = committedByGroup.get(group.groupId) ?? [];
		return {
			groupId: group.groupId,
			state: group.state,
			members: group.members.length,
			totalLag: partitions.reduce((sum, partition) => sum + partition.lag, 0),
			partitions,
		};
	});
	return {groups: lags.sort(byLagDescending), unreadable};
}

/** High watermark per `topic:partition`. */
async function topicEnds(admin: Admin, topics: readonly string[]): Promise<Map<string, number>> {
	const ends = new Map<string, number>();
	for (const topic of topics) {
		for (const {partition, high} of await admin.fetchTopicOffsets(topic)) {
			ends.set(`${topic}:${partition}`, Number(high));
		}
	}
	return ends;
}

/** The partitions of `topics` where `groupId` has a committed offset (-1 means none). */
async function committedPartitions(
	admin: Admin,
	groupId: string,
	topics: readonly string[],
	ends: ReadonlyMap<string, number>,
): Promise<PartitionLag[]> {
	const offsets = await admin.fetchOffsets({groupId, topics: [...topics]});
	const partitions: PartitionLag[] = [];
	for (const {topic, partitions: committed} of offsets) {
		for (const {partition, offset} of committed) {
			const at = Number(offset);
			const end = ends.get(`${topic}:${partition}`);
			if (at < 0 || end === undefined) continue;
			partitions.push({topic, partition, committed: at, end, lag: partitionLag(at, end)});
		}
	}
	return partitions.sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition);
}

/** Run `task` on every item with at most `limit` at once. */
async function forEachLimited<T>(
	items: readonly T[],
	limit: number,
	task: (item: T) => Promise<void>,
): Promise<void> {
	let next = 0;
	const worker = async () => {
		while (next < items.length) {
			const item = items[next++]!;
			await task(item);
		}
	};
	await Promise.all(Array.from({length: Math.min(limit, items.length)}, worker));
}
