/**
 * What klog-tui may do to a consumer group: join it, commit to it, delete it. Groups belong to
 * teams; a JoinGroup into a group with live members rebalances them and takes partitions away,
 * and a DeleteGroups of an idle group erases its committed offsets. Kafka asks no questions in
 * either case, so we do. Pure: the Kafka adapter looks at the group (kafka/group-guard.ts) and
 * asks here what that means.
 */

import {DEFAULT_GROUP_PREFIX} from './group-id.js';

/** How this run came to its group. Plain data: it crosses to the stream worker. */
export type GroupPolicy = {
	/** The user named the group (`--group`); otherwise it is this run's own, made up at start. */
	named: boolean;
	/** Prefix of a per-run group id (`--group-prefix`), for the ACL hint. */
	prefix?: string;
	/** `--join-live-group`: join even when the group has live members (they are rebalanced). */
	joinLive?: boolean;
};

/** What the cluster said about the group before we joined it. */
export type GroupLook = {
	/** Classic DescribeGroups state: Dead (no such group), Empty, Stable, PreparingRebalance... */
	state: string;
	/** Live members DescribeGroups listed. */
	members: number;
	/**
	 * Set when ListGroups lists the group while DescribeGroups calls it Dead: a group of another
	 * protocol (Kafka 4's consumer protocol, KIP-848: `consumer`; or `share`, `streams`) whose
	 * members the classic API cannot see. The value is its type.
	 */
	otherType?: string;
};

/** The policy for a run's group options (`--group`, `--group-prefix`, `--join-live-group`). */
export function groupPolicyOf(options: {
	group?: string;
	groupPrefix?: string;
	joinLiveGroup?: boolean;
}): GroupPolicy {
	return options.group === undefined
		? {named: false, prefix: options.groupPrefix ?? DEFAULT_GROUP_PREFIX}
		: {named: true, joinLive: options.joinLiveGroup === true};
}

/** True when the group was there before us (a Dead group is one that does not exist). */
export function groupExisted(look: GroupLook): boolean {
	return look.state !== 'Dead' || look.otherType !== undefined;
}

/** The line that refuses to join, or undefined when joining harms nobody (or the user accepted it). */
export function joinRefusal(groupId: string, look: GroupLook, policy: GroupPolicy): string | undefined {
	if (policy.joinLive) return undefined;
	if (look.otherType !== undefined) {
		return `consumer group '${groupId}' exists as a '${look.otherType}' group, whose members klog-tui cannot see; joining could rebalance them and take partitions away (--join-live-group joins anyway)`;
	}
	if (look.members === 0) return undefined;
	const members = look.members === 1 ? '1 live member' : `${look.members} live members`;
	return `consumer group '${groupId}' has ${members} (state ${look.state}); joining would rebalance them and take partitions away (--join-live-group joins anyway)`;
}

/** One line for GROUP_AUTHORIZATION_FAILED: which ACL is missing, and the ways around it. */
export function groupAccessLine(groupId: string, policy: GroupPolicy): string {
	const needs = policy.named
		? `READ on group '${groupId}'`
		: `READ on groups with the prefix '${policy.prefix ?? DEFAULT_GROUP_PREFIX}'`;
	const elsewise = policy.named ? '' : ', pick an allowed prefix with --group-prefix';
	return `not allowed to use consumer group '${groupId}' (needs ${needs}); ask for that ACL${elsewise}, or read without a group with --without-group`;
}

/**
 * One line for INCONSISTENT_GROUP_PROTOCOL: the group's members (e.g. Java consumers, with the
 * range and cooperative-sticky assignors) share no partition assignor with kafkajs
 * (RoundRobinAssigner), so the broker refuses our join; their assignment is untouched.
 */
export function assignorMismatchLine(groupId: string): string {
	return `cannot join consumer group '${groupId}': its members use partition assignors klog-tui does not have (klog-tui's is kafkajs' RoundRobinAssigner)`;
}

/**
 * Delete the group on exit only when this run created it (it did not exist before we joined),
 * we did join it, and nothing asked to keep it (`--commit`). The broker itself refuses to delete
 * a group that still has members, so another member's group is never deleted under it.
 */
export function deleteOnExit(options: {created: boolean; joined: boolean; commit: boolean}): boolean {
	return options.created && options.joined && !options.commit;
}
