/**
 * What the broker says about a consumer group, for the tests that check klog-tui leaves other
 * teams' groups alone: its state, its members with the partitions each holds, its offsets.
 */
import {AssignerProtocol} from 'kafkajs';
import {testKafkaClient, withAdmin} from './test-kafka.js';

/** One member and the partitions it holds, per topic. */
export type GroupMember = {memberId: string; clientId: string; assignment: Record<string, number[]>};

/** A group as DescribeGroups and ListGroups see it. */
export type GroupView = {state: string; listed: boolean; members: GroupMember[]};

export async function describeGroup(bootstrap: string, groupId: string): Promise<GroupView> {
	return withAdmin(bootstrap, async (admin) => {
		const [{groups}, listing] = await Promise.all([admin.describeGroups([groupId]), admin.listGroups()]);
		const group = groups[0]!;
		return {
			state: group.state,
			listed: listing.groups.some((entry) => entry.groupId === groupId),
			members: group.members.map((member) => {
				const decoded = AssignerProtocol.MemberAssignment.decode(member.memberAssignment);
				const assignment: Record<string, number[]> = {};
				for (const [topic, partitions] of Object.entries(decoded?.assignment ?? {}))
					assignment[topic] = [...partitions].sort((a, b) => a - b);
				return {memberId: member.memberId, clientId: member.clientId, assignment};
			}),
		};
	});
}

/** The group's committed offset per partition of `topic` ('-1': none). */
export async function committedOffsets(
	bootstrap: string,
	groupId: string,
	topic: string,
): Promise<Record<number, string>> {
	return withAdmin(bootstrap, async (admin) => {
		const [entry] = await admin.fetchOffsets({groupId, topics: [topic]});
		return Object.fromEntries((entry?.partitions ?? []).map((p) => [p.partition, p.offset]));
	});
}

/** Polls the group until `done` holds (at most `timeoutMs`); resolves with the last view. */
export async function waitForGroup(
	bootstrap: string,
	groupId: string,
	done: (view: GroupView) => boolean,
	timeoutMs = 30_000,
): Promise<GroupView> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const view = await describeGroup(bootstrap, groupId);
		if (done(view) || Date.now() > deadline) return view;
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
}

/** Waits until one member holds every one of `partitions` partitions of `topic` (at most 60 s). */
export function waitForSoleOwner(bootstrap: string, groupId: string, topic: string, partitions: number) {
	return waitForGroup(
		bootstrap,
		groupId,
		(view) =>
			view.state === 'Stable' &&
			view.members.length === 1 &&
			view.members[0]!.assignment[topic]?.length === partitions,
		60_000,
	);
}

/**
 * "Another team's" kafkajs consumer (client id = `groupId`) on `topic`, run until `stop()`; resolves once it
 * holds all `partitions` partitions, with the group as it then is.
 */
export async function startTeamConsumer(options: {
	bootstrap: string;
	topic: string;
	groupId: string;
	partitions: number;
}): Promise<{before: GroupView; stop(): Promise<void>}> {
	const consumer = testKafkaClient(options.bootstrap, options.groupId).consumer({groupId: options.groupId});
	await consumer.connect();
	try {
		await consumer.subscribe({topics: [options.topic]});
		await consumer.run({eachMessage: async () => undefined});
		const before = await waitForSoleOwner(
			options.bootstrap,
			options.groupId,
			options.topic,
			options.partitions,
		);
		return {before, stop: () => consumer.disconnect()};
	} catch (error) {
		await consumer.disconnect();
		throw error;
	}
}
