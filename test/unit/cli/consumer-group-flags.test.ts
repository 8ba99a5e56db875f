/** `--commit` and `--join-live-group` belong to a named group (`--group`); alone they are refused. */
import {describe, expect, it} from 'vitest';
import {parseCli} from '../../../source/cli/parse-cli.js';

function parse(argv: string[]) {
	return parseCli({argv, env: {}, stdoutIsTTY: false, importMeta: import.meta, now: 0});
}

describe('consumer group flags', () => {
	it('--commit without --group is refused: the per-run group is deleted on exit', () => {
		expect(parse(['--commit'])).toEqual({
			kind: 'error',
			message: '--commit needs --group <id>: the per-run group is deleted on exit',
		});
		expect(parse(['--commit', '--group-prefix', 'team-'])).toMatchObject({kind: 'error'});
	});

	it('--join-live-group without --group is refused', () => {
		expect(parse(['--join-live-group'])).toEqual({
			kind: 'error',
			message: '--join-live-group needs --group <id>: the per-run group is new and has no members',
		});
	});

	it('both go with --group', () => {
		const result = parse(['--group', 'oncall', '--commit', '--join-live-group']);
		expect(result).toMatchObject({kind: 'run', config: {group: 'oncall', commit: true, joinLiveGroup: true}});
		expect(parse(['--group', 'oncall'])).toMatchObject({
			kind: 'run',
			config: {commit: false, joinLiveGroup: false},
		});
	});
});
