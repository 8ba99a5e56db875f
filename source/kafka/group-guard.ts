/**
 * Looks at the consumer group before the log stream joins it, so that klog-tui never harms a
 * group it did not create: a group with live members is refused (unless `joinLive`), a group
 * that is not allowed gives one line naming the missing ACL, and only a group this run created
 * is deleted on exit. What the findings mean is stream/group-policy.ts; this is the Kafka side.
 */
import type {Admin, Kafka} from 'kafkajs';
import {
	assignorMismatchLine,
	deleteOnExit,
	type GroupLook,
	type GroupPolicy,
	groupAccessLine,
	groupExisted,
	joinRefusal,
} from '../stream/group-policy.js';
import {createKafka, type KafkaConnectionOptions} from './kafka-client.js';
import {kafkajsClusterFactory} from './kafkajs-cluster.js';

/** Why the group may not be joined: it has members (or may have), or the user may not use it. */
export type GroupRefusal = {kind: 'members' | 'access'; line: string};

export type GroupGuard = {
	/**
	 * Before the first join: resolves with a refusal (live members, or no ACL for the group), or
	 * undefined to go on. Throws for problems a retry may fix (no broker answer). Once it
	 * resolved undefined, later calls (reconnects to our own group) do nothing.
	 */
	check(admin: Admin): Promise<GroupRefusal | undefined>;
	/** The consumer joined the group (the first time matters). */
	joined(): void;
	/**
	 * The line for an error about the group that retrying cannot fix (JoinGroup or OffsetFetch not
	 * allowed, members whose assignors we do not speak), else undefined.
	 */
	problem(error: unknown): string | undefined;
	/** Delete the group on exit: this run created it, joined it, and did not commit. */
	readonly deleteOnExit: boolean;
};

const GROUP_AUTHORIZATION_FAILED = 'GROUP_AUTHORIZATION_FAILED';

/** True when `error` or one of its causes is of the Kafka error `type`. */
function hasErrorType(error: unknown, type: string): boolean {
	let link: unknown = error;
	for (let depth = 0; depth < 10 && typeof link === 'object' && link !== null; depth++) {
		if ((link as {type?: unknown}).type === type) return true;
		link = (link as {cause?: unknown}).cause;
	}
	return false;
}

function isCoordinatorNotFound(error: unknown): boolean {
	return (error as {name?: unknown} | undefined)?.name === 'KafkaJSGroupCoordinatorNotFound';
}

/**
 * The Kafka error type FindCoordinator answers for `groupId`, asked of one broker directly.
 * kafkajs asks every broker and, when all refuse, throws "Failed to find group coordinator"
 * without the reason (its brokerPool.withBroker drops the errors), so GROUP_AUTHORIZATION_FAILED
 * looks like a broker whose offsets topic is not ready yet, and would be retried forever. This
 * reaches kafkajs' own cluster factory (a private symbol; kafkajs 2.2.4 is its last release) and
 * returns undefined whenever that is not possible.
 */
async function coordinatorErrorType(kafka: Kafka, groupId: string): Promise<string | undefined> {
	type Cluster = {
		connect(): Promise<void>;
		disconnect(): Promise<void>;
		brokerPool?: {
			seedBroker?: {
				findGroupCoordinator(request: {groupId: string; coordinatorType: number}): Promise<unknown>;
			};
		};
	};
	const createCluster = kafkajsClusterFactory<{allowAutoTopicCreation: boolean}, Cluster>(kafka);
	if (!createCluster) return undefined;
	const cluster = createCluster({allowAutoTopicCreation: false});
	try {
		await cluster.connect();
		const broker = cluster.brokerPool?.seedBroker;
		if (!broker) return undefined;
		await broker.findGroupCoordinator({groupId, coordinatorType: 0});
		return undefined;
	} catch (error) {
		const type = (error as {type?: unknown}).type;
		return typeof type === 'string' ? type : undefined;
	} finally {
		await cluster.disconnect().catch(() => undefined);
	}
}

/** The guard of one stream's group. */
export function createGroupGuard(options: {
	kafka: Kafka;
	groupId: string;
	policy: GroupPolicy;
	commit: boolean;
}): GroupGuard {
	const {kafka, groupId, policy} = options;
	let checked = false;
	let created = false;
	let joinedOnce = false;

	const look = async (admin: Admin): Promise<GroupLook> => {
		const {groups} = await admin.describeGroups([groupId]);
		const found = groups.find((group) => group.groupId === groupId);
		const described: GroupLook = {state: found?.state ?? 'Dead', members: found?.members.length ?? 0};
		// A per-run id is new by construction; a named group may be of a protocol DescribeGroups
		// does not describe (it then says Dead), which only ListGroups shows.
		if (described.state !== 'Dead' || !policy.named) return described;
		const listed = (await admin.listGroups()).groups.find((group) => group.groupId === groupId);
		return listed ? {...described, otherType: listed.protocolType || 'unknown'} : described;
	};

	return {
		async check(admin) {
			if (checked) return undefined;
			let found: GroupLook;
			try {
				found = await look(admin);
			} catch (error) {
				const denied =
					hasErrorType(error, GROUP_AUTHORIZATION_FAILED) ||
					(isCoordinatorNotFound(error) &&
						(await coordinatorErrorType(kafka, groupId)) === GROUP_AUTHORIZATION_FAILED);
				if (denied) return {kind: 'access', line: groupAccessLine(groupId, policy)};
				throw error;
			}
			const refusal = joinRefusal(groupId, found, policy);
			if (refusal) return {kind: 'members', line: refusal};
			checked = true;
			created = !groupExisted(found);
			return undefined;
		},
		joined() {
			joinedOnce = true;
		},
		problem(error) {
			if (hasErrorType(error, GROUP_AUTHORIZATION_FAILED)) return groupAccessLine(groupId, policy);
			if (hasErrorType(error, 'INCONSISTENT_GROUP_PROTOCOL')) return assignorMismatchLine(groupId);
			return undefined;
		},
		get deleteOnExit() {
			return deleteOnExit({created, joined: joinedOnce, commit: options.commit});
		},
	};
}

/**
 * Before a UI takes the terminal: the line refusing to join a named group that has live members,
 * or undefined. Undefined also when the cluster does not answer in time or the group is not
 * allowed: the stream checks again before it joins, and shows those problems itself.
 */
export async function liveGroupRefusal(
	connection: KafkaConnectionOptions,
	groupId: string,
	policy: GroupPolicy,
	timeoutMs = 5000,
): Promise<string | undefined> {
	if (!policy.named || policy.joinLive) return undefined;
	const kafka = createKafka(connection, {retry: {retries: 1, initialRetryTime: 250, maxRetryTime: 1000}});
	const admin = kafka.admin();
	const guard = createGroupGuard({kafka, groupId, policy, commit: false});
	let timer: NodeJS.Timeout | undefined;
	const timeout = new Promise<undefined>((resolve) => {
		timer = setTimeout(() => resolve(undefined), timeoutMs);
	});
	const look = (async () => {
		await admin.connect();
		const refusal = await guard.check(admin);
		return refusal?.kind === 'members' ? refusal.line : undefined;
	})().catch(() => undefined);
	try {
		return await Promise.race([look, timeout]);
	} finally {
		clearTimeout(timer);
		void look.finally(() => admin.disconnect().catch(() => undefined));
	}
}
