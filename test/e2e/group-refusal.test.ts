/**
 * The TUI refuses a named group with live members before it takes the terminal (issue 10,
 * item 3): one line on the shell's screen, exit code 2, the terminal as it was, and the group's
 * member keeps its partitions. On the production-defaults broker (groups wait 3 s to form).
 */
import {expect, it} from 'vitest';
import {shellQuote} from '../../tools/terminal/tmux.js';
import {cliPath} from '../support/cli/cli-process.js';
import {describeGroup, startTeamConsumer} from '../support/kafka/group-inspect.js';
import {createTopic, productionBootstrap, uniqueName} from '../support/kafka/test-kafka.js';
import {
	EXIT_LINE,
	expectTerminalRestored,
	expectTtySane,
	SHELL_MARKER,
	terminalPerTest,
} from '../support/terminal/tui-session.js';

const terminals = terminalPerTest('group-refusal');

it('--group of a group with live members: one line, exit 2, terminal restored, members untouched', async () => {
	const bootstrap = productionBootstrap();
	const topic = uniqueName('tui-groups');
	await createTopic(topic, 3, {bootstrap});
	const group = uniqueName('team-tui');
	const team = await startTeamConsumer({bootstrap, topic, groupId: group, partitions: 3});
	try {
		const {before} = team;
		const {term} = await terminals.start({columns: 200});
		const args = [cliPath, '-b', bootstrap, '-t', topic, '--group', group];
		term.run(`echo ${SHELL_MARKER}; node ${args.map(shellQuote).join(' ')}; echo "${EXIT_LINE}$?"`);
		expect(await expectTerminalRestored(term)).toBe(2);
		const screen = term.screen();
		const lines = screen.split('\n');
		const said = lines.slice(lines.findLastIndex((line) => line.includes(SHELL_MARKER)) + 1);
		expect(said.filter((line) => line.startsWith('klog-tui: '))).toEqual([
			`klog-tui: consumer group '${group}' has 1 live member (state Stable); joining would rebalance them and take partitions away (--join-live-group joins anyway)`,
		]);
		await expectTtySane(term);
		const after = await describeGroup(bootstrap, group);
		expect(after.state).toBe('Stable');
		expect(after.members).toEqual(before.members);
	} finally {
		await team.stop();
	}
}, 180_000);
