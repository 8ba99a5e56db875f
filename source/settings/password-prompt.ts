import {ConfigError} from './config-error.js';

/**
 * Asking for a password on the terminal without echoing it. Runs before Ink starts
 * (Ink takes over stdin), reading raw keystrokes: Enter finishes, Backspace deletes,
 * Ctrl-C or Ctrl-D gives up.
 */

/** The parts of a TTY stdin the prompt needs (a `tty.ReadStream` has them all). */
export type PromptInput = NodeJS.ReadableStream & {isTTY?: boolean; setRawMode?: (mode: boolean) => unknown};

/** Asks for a password; resolves with what was typed. */
export type PasswordPrompt = (question: string) => Promise<string>;

/** True when `input` is a terminal we can switch to raw mode (so typing is not echoed). */
export function canPrompt(input: PromptInput): boolean {
	return input.isTTY === true && typeof input.setRawMode === 'function';
}

/**
 * A prompt reading from `input` (a TTY) and writing the question to `output` (stderr by
 * default, so piped stdout stays clean). Nothing typed is echoed.
 */
export function createPasswordPrompt(
	input: PromptInput = process.stdin,
	output: NodeJS.WritableStream = process.stderr,
): PasswordPrompt {
	return (question) =>
		new Promise<string>((resolve, reject) => {
			if (!canPrompt(input)) {
				reject(new ConfigError('Cannot ask for the password: stdin is not a terminal'));
				return;
			}
			let typed = '';
			const finish = (error?: Error) => {
				input.removeListener('data', onData);
				input.setRawMode?.(false);
				input.pause();
				output.write('\n');
				if (error) reject(error);
				else resolve(typed);
			};
			const onData = (chunk: Buffer | string) => {
				for (const char of chunk.toString()) {
					if (char === '\r' || char === '\n') return finish();
					if (char === '\u0003' || char === '\u0004') {
						return finish(new ConfigError('Password prompt cancelled'));
					}
					if (char === '\u007f' || char === '\b') {
						typed = [...typed].slice(0, -1).join('');
						continue;
					}
					// Arrow keys and the like arrive as one escape sequence per chunk: drop the rest.
					if (char === '\u001b') return;
					if (char < ' ') continue;
					typed += char;
				}
			};
			// Raw mode (echo off) before the question: whatever is typed after seeing it stays hidden.
			input.setRawMode?.(true);
			input.on('data', onData);
			input.resume();
			output.write(question);
		});
}
