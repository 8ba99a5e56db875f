import {describe, expect, it} from 'vitest';
import {readsWithoutGroup} from '../../../source/session/without-group.js';

const run = {withoutGroup: false, exitAtEnd: true, group: undefined};

describe('readsWithoutGroup', () => {
	it('reads every run that ends at the end (--exit, --until) without a group of its own making', () => {
		expect(readsWithoutGroup(run)).toBe(true);
	});

	it('joins a group without --exit, or when the user named it (--group, also with --commit)', () => {
		expect(readsWithoutGroup({...run, exitAtEnd: false})).toBe(false);
		expect(readsWithoutGroup({...run, group: 'team-a'})).toBe(false);
	});

	it('follows --without-group whatever else is set', () => {
		expect(readsWithoutGroup({...run, withoutGroup: true, exitAtEnd: false, group: 'team-a'})).toBe(true);
	});
});
