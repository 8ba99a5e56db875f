import {describe, expect, it} from 'vitest';
import {createLogStore} from '../../../../source/store/log-store.js';
import {formatJsonLine} from '../../../../source/terminal-text/format-json-line.js';
import {runCommand} from '../../../../source/view/commands/command-env.js';
import {DETAIL_HANDLERS} from '../../../../source/view/commands/detail-commands.js';
import {LOG_HANDLERS} from '../../../../source/view/commands/log-commands.js';
import {initialViewState} from '../../../../source/view/view-state.js';
import {testEnv} from '../../../support/terminal/command-env.js';
import {logRecord} from '../../../support/terminal/tui-fixtures.js';

function storeWith(messages: string[]) {
	const store = createLogStore();
	store.append(
		messages.map((message, offset) => ({
			...logRecord({}),
			offset,
			value: Buffer.from(JSON.stringify({service: 'api', level: 'warn', message})),
		})),
	);
	return store;
}

describe('the copy keys', () => {
	it("y copies the selected line's record as --output json writes it, Y its message", () => {
		const store = storeWith(['first', 'second \u001b[2J']);
		const env = testEnv(store);
		runCommand(LOG_HANDLERS, env, {command: 'copyRecord'});
		runCommand(LOG_HANDLERS, env, {command: 'copyMessage'});
		// Following the stream, the newest line is selected.
		const newest = store.slice(1, 2)[0]!;
		expect(env.copied[0]).toBe(formatJsonLine(newest as never));
		// The escape sequence is copied as the screen shows it, never raw.
		expect(env.copied[1]).not.toContain('\u001b');
		expect(env.copied[1]).toContain('second');
		expect(env.said.map((said) => said.text)).toEqual([
			`copied the record's JSON (${Buffer.byteLength(env.copied[0]!)} bytes) to the clipboard`,
			`copied the message (${Buffer.byteLength(env.copied[1]!)} bytes) to the clipboard`,
		]);
	});

	it('copies the record the detail view has open', () => {
		const store = storeWith(['first', 'second']);
		const view = {
			...initialViewState(),
			overlay: {kind: 'detail' as const, seq: store.seqAt(0)!, scroll: 0, field: 0},
		};
		const env = testEnv(store, view);
		runCommand(DETAIL_HANDLERS, env, {command: 'copyMessage'});
		expect(env.copied).toEqual(['first']);
	});

	it('says why when there is nothing to copy: no line, or a mark', () => {
		const empty = testEnv(createLogStore());
		runCommand(LOG_HANDLERS, empty, {command: 'copyRecord'});
		expect(empty.said).toEqual([{text: 'nothing selected to copy', tone: 'warn'}]);

		const store = storeWith(['first']);
		store.addMark();
		const marked = testEnv(store);
		runCommand(LOG_HANDLERS, marked, {command: 'copyMessage'});
		expect(marked.copied).toEqual([]);
		expect(marked.said).toEqual([{text: 'a mark holds no record to copy', tone: 'warn'}]);
	});
});
