import {PassThrough} from 'node:stream';
import {describe, expect, it} from 'vitest';
import {ConfigError} from '../../../source/settings/config-error.js';
import {canPrompt, createPasswordPrompt} from '../../../source/settings/password-prompt.js';

/** A stand-in for a TTY stdin that records raw-mode switches. */
function fakeTty() {
	const input = new PassThrough() as PassThrough & {isTTY: boolean; setRawMode: (mode: boolean) => void};
	const rawModes: boolean[] = [];
	input.isTTY = true;
	input.setRawMode = (mode: boolean) => {
		rawModes.push(mode);
	};
	const output = new PassThrough();
	let written = '';
	output.on('data', (chunk) => {
		written += chunk.toString();
	});
	return {input, output, rawModes, written: () => written};
}

describe('password prompt', () => {
	it('reads a line in raw mode without echoing it, honouring backspace', async () => {
		const tty = fakeTty();
		const answer = createPasswordPrompt(tty.input, tty.output)('Password for alice: ');
		tty.input.write('hunter');
		tty.input.write('3\u007f2\u001b[A');
		tty.input.write('!\r');
		expect(await answer).toBe('hunter2!');
		expect(tty.written()).toBe('Password for alice: \n');
		expect(tty.rawModes).toEqual([true, false]);
	});

	it('gives up on Ctrl-C with a ConfigError and leaves raw mode', async () => {
		const tty = fakeTty();
		const answer = createPasswordPrompt(tty.input, tty.output)('Password: ');
		tty.input.write('abc\u0003');
		await expect(answer).rejects.toThrow(new ConfigError('Password prompt cancelled'));
		expect(tty.rawModes).toEqual([true, false]);
	});

	it('refuses to prompt when stdin is not a terminal', async () => {
		const input = new PassThrough();
		expect(canPrompt(input)).toBe(false);
		await expect(createPasswordPrompt(input, new PassThrough())('Password: ')).rejects.toThrow(
			'Cannot ask for the password: stdin is not a terminal',
		);
	});
});
