import {describe, expect, it} from 'vitest';
import {readsWithoutGroup} from '../../../source/session/hunt-reading.js';

const run = {withoutGroup: false, exitAtEnd: true, group: undefined};

describe('readsWithoutGroup', () => {
	it('reads a command-line hunt (a filter and --exit) without a group of its own making', () => {
		expect(readsWithoutGroup(run, true)).toBe(true);
	});

	it('keeps the group without a filter, without --exit, or when the user named it', () => {
		expect(readsWithoutGroup(run, false)).toBe(false);
		expect(readsWithoutGroup({...run, exitAtEnd: false}, true)).toBe(false);
		expect(readsWithoutGroup({...run, group: 'team-a'}, true)).toBe(false);
	});

	it('follows --without-group whatever else is set', () => {
		expect(readsWithoutGroup({...run, withoutGroup: true, exitAtEnd: false, group: 'team-a'}, false)).toBe(
			true,
		);
	});
});
