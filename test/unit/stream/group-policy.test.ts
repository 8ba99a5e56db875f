import {describe, expect, it} from 'vitest';
import {
	assignorMismatchLine,
	deleteOnExit,
	groupAccessLine,
	groupExisted,
	groupPolicyOf,
	joinRefusal,
} from '../../../source/stream/group-policy.js';

const named = {named: true};

describe('groupPolicyOf', () => {
	it('a per-run group carries its prefix; a named one whether live groups may be joined', () => {
		expect(groupPolicyOf({})).toEqual({named: false, prefix: 'klog-tui-'});
		expect(groupPolicyOf({groupPrefix: 'oncall-'})).toEqual({named: false, prefix: 'oncall-'});
		expect(groupPolicyOf({group: 'g'})).toEqual({named: true, joinLive: false});
		expect(groupPolicyOf({group: 'g', joinLiveGroup: true})).toEqual({named: true, joinLive: true});
	});
});

describe('joinRefusal', () => {
	it('refuses a group with live members, naming the group, the count and the state', () => {
		expect(joinRefusal('team-x', {state: 'Stable', members: 1}, named)).toBe(
			"consumer group 'team-x' has 1 live member (state Stable); joining would rebalance them and take partitions away (--join-live-group joins anyway)",
		);
		expect(joinRefusal('team-x', {state: 'PreparingRebalance', members: 3}, named)).toContain(
			'has 3 live members (state PreparingRebalance)',
		);
	});

	it('refuses a group of another protocol, whose members it cannot count', () => {
		expect(joinRefusal('team-y', {state: 'Dead', members: 0, otherType: 'consumer'}, named)).toContain(
			"exists as a 'consumer' group, whose members klog-tui cannot see",
		);
	});

	it('lets an idle or missing group be joined, and anything with --join-live-group', () => {
		expect(joinRefusal('g', {state: 'Empty', members: 0}, named)).toBeUndefined();
		expect(joinRefusal('g', {state: 'Dead', members: 0}, named)).toBeUndefined();
		const accepted = {named: true, joinLive: true};
		expect(joinRefusal('g', {state: 'Stable', members: 2}, accepted)).toBeUndefined();
		expect(joinRefusal('g', {state: 'Dead', members: 0, otherType: 'consumer'}, accepted)).toBeUndefined();
	});
});

describe('groupExisted and deleteOnExit', () => {
	it('a Dead group that ListGroups does not know is new; anything else existed', () => {
		expect(groupExisted({state: 'Dead', members: 0})).toBe(false);
		expect(groupExisted({state: 'Empty', members: 0})).toBe(true);
		expect(groupExisted({state: 'Dead', members: 0, otherType: 'consumer'})).toBe(true);
	});

	it('deletes only a group this run created and joined, and not with --commit', () => {
		expect(deleteOnExit({created: true, joined: true, commit: false})).toBe(true);
		expect(deleteOnExit({created: false, joined: true, commit: false})).toBe(false);
		expect(deleteOnExit({created: true, joined: false, commit: false})).toBe(false);
		expect(deleteOnExit({created: true, joined: true, commit: true})).toBe(false);
	});
});

describe('lines for groups that cannot be used', () => {
	it('names the missing ACL: the group, or the prefix of per-run groups', () => {
		expect(groupAccessLine('team-x', named)).toBe(
			"not allowed to use consumer group 'team-x' (needs READ on group 'team-x'); ask for that ACL, or read without a group with --without-group",
		);
		expect(groupAccessLine('klog-tui-h-1-abc', {named: false, prefix: 'klog-tui-'})).toBe(
			"not allowed to use consumer group 'klog-tui-h-1-abc' (needs READ on groups with the prefix 'klog-tui-'); ask for that ACL, pick an allowed prefix with --group-prefix, or read without a group with --without-group",
		);
		expect(assignorMismatchLine('team-x')).toMatch(/^cannot join consumer group 'team-x': /);
	});
});
