import type {LogRecord} from '../../record/log-record.js';
import {isMark, type ViewLine} from '../../store/log-store-types.js';
import {formatJsonLine} from '../../terminal-text/format-json-line.js';
import type {CommandEnv, CommandHandler, HandlerMap} from './command-env.js';

/**
 * `y` and `Y`: the selected record's JSON (as `--output json` writes it) or its message, to the
 * system clipboard with OSC 52, which works over SSH and in tmux with `set-clipboard on`. In the
 * detail view the record is the one open; in the log pane, the selected line.
 */

/** The line the copy keys act on, if any. */
function selectedLine({view, position, store}: CommandEnv): ViewLine | undefined {
	const at = view.overlay.kind === 'detail' ? store.indexOfSeq(view.overlay.seq) : position.selected;
	return at >= 0 ? store.slice(at, at + 1)[0] : undefined;
}

function copyGuard(env: CommandEnv): string | undefined {
	const line = selectedLine(env);
	if (!line) return 'nothing selected to copy';
	return isMark(line) ? 'a mark holds no record to copy' : undefined;
}

function copy(what: string, text: (record: LogRecord) => string): CommandHandler {
	return {
		disabledReason: copyGuard,
		run(env) {
			const line = selectedLine(env);
			if (!line || isMark(line)) return;
			const copied = env.copyToClipboard(text(line));
			const size = Buffer.byteLength(copied.text);
			env.say(
				copied.truncated
					? `copied the ${what}, cut to ${size} bytes, to the clipboard`
					: `copied the ${what} (${size} bytes) to the clipboard`,
			);
		},
	};
}

export const COPY_HANDLERS: HandlerMap = {
	copyRecord: copy("record's JSON", formatJsonLine),
	copyMessage: copy('message', (record) => record.message),
};
