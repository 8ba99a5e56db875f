import {EventEmitter} from 'node:events';
import {afterEach, describe, expect, it, vi} from 'vitest';
import {createLogStore} from '../../../source/store/log-store.js';
import type {LogStore} from '../../../source/store/log-store-types.js';
import {createStreamStatusStore} from '../../../source/store/stream-status-store.js';
import {ENTER_SCREEN, LEAVE_SCREEN, runTui} from '../../../source/tui/screen.js';
import {INFO, logRecord, recordingController, settle} from '../../support/terminal/tui-fixtures.js';

/** A terminal's output: remembers everything written, has a size. */
class FakeStdout extends EventEmitter {
	isTTY = true;
	columns = 90;
	rows = 20;
	written = '';
	write = (chunk: string) => {
		this.written += chunk;
		return true;
	};
}

/** A terminal's input in raw mode, as Ink reads it. */
class FakeStdin extends EventEmitter {
	isTTY = true;
	data: string | null = null;
	rawMode = false;
	write(data: string) {
		this.data = data;
		this.emit('readable');
	}
	read = () => {
		const {data} = this;
		this.data = null;
		return data;
	};
	setEncoding() {}
	setRawMode(mode: boolean) {
		this.rawMode = mode;
	}
	resume() {}
	pause() {}
	ref() {}
	unref() {}
}

const savedExitCode = process.exitCode;
afterEach(() => {
	process.exitCode = savedExitCode;
});

function start(store: LogStore = createLogStore({maxHz: 1000})) {
	const stdout = new FakeStdout();
	const stdin = new FakeStdin();
	const stderr = new FakeStdout();
	const controller = recordingController();
	// The quit call records how much of the output existed then: the terminal must be restored first.
	const quit = controller.quit;
	let writtenAtQuit = '';
	controller.quit = async () => {
		writtenAtQuit = stdout.written;
		await quit();
	};
	store.append([logRecord({service: 'api', message: 'hello from the store'})]);
	const done = runTui({
		store,
		status: createStreamStatusStore(),
		controller,
		info: INFO,
		stdout: stdout as unknown as NodeJS.WriteStream,
		stdin: stdin as unknown as NodeJS.ReadStream,
		stderr: stderr as unknown as NodeJS.WriteStream,
	});
	return {stdout, stdin, stderr, controller, done, writtenAtQuit: () => writtenAtQuit};
}

describe('runTui', {timeout: 30_000}, () => {
	it('enters the alternate screen, draws, and on q restores the terminal before leaving the group', async () => {
		const run = start();
		await vi.waitFor(() => expect(run.stdout.written).toContain('hello from the store'), {timeout: 10_000});
		expect(run.stdout.written.startsWith(ENTER_SCREEN)).toBe(true);
		expect(run.stdin.rawMode).toBe(true);
		run.stdin.write('q');
		await run.done;
		expect(run.stdout.written.endsWith(LEAVE_SCREEN)).toBe(true);
		expect(run.stdin.rawMode).toBe(false);
		expect(run.controller.calls).toEqual(['quit']);
		expect(run.writtenAtQuit().endsWith(LEAVE_SCREEN)).toBe(true);
		expect(run.stderr.written).toBe('');
	});

	it('Ctrl-C quits the same way', async () => {
		const run = start();
		await vi.waitFor(() => expect(run.stdout.written).toContain('hello from the store'), {timeout: 10_000});
		run.stdin.write('\x03');
		await run.done;
		expect(run.stdout.written.endsWith(LEAVE_SCREEN)).toBe(true);
		expect(run.controller.calls).toEqual(['quit']);
	});

	it('SIGTERM and SIGHUP restore the terminal, leave the group and set the exit code', async () => {
		for (const [signal, code] of [
			['SIGTERM', 143],
			['SIGHUP', 129],
		] as const) {
			process.exitCode = undefined;
			const listenersBefore = process.listenerCount(signal);
			const run = start();
			await vi.waitFor(() => expect(run.stdout.written).toContain('hello from the store'), {timeout: 10_000});
			process.emit(signal, signal);
			await run.done;
			expect(run.stdout.written.endsWith(LEAVE_SCREEN)).toBe(true);
			expect(run.writtenAtQuit().endsWith(LEAVE_SCREEN)).toBe(true);
			expect(run.controller.calls).toEqual(['quit']);
			expect(process.exitCode).toBe(code);
			// The listeners are gone: the next signal does not reach this run.
			expect(process.listenerCount(signal)).toBe(listenersBefore);
		}
	});

	it('keeps its signal handlers while it leaves the group (else signal-exit, which Ink uses, re-sends the signal and kills the process first)', async () => {
		process.exitCode = undefined;
		const listenersBefore = process.listenerCount('SIGTERM');
		const run = start();
		let release = () => {};
		const leaving = new Promise<void>((resolve) => {
			release = resolve;
		});
		const quit = run.controller.quit;
		run.controller.quit = async () => {
			await leaving;
			await quit();
		};
		await vi.waitFor(() => expect(run.stdout.written).toContain('hello from the store'), {timeout: 10_000});
		process.emit('SIGTERM', 'SIGTERM');
		await vi.waitFor(() => expect(run.stdout.written.endsWith(LEAVE_SCREEN)).toBe(true));
		// Restored, still leaving the group: its handler is still there.
		expect(process.listenerCount('SIGTERM')).toBeGreaterThan(listenersBefore);
		release();
		await run.done;
		expect(run.controller.calls).toEqual(['quit']);
		expect(process.exitCode).toBe(143);
		expect(process.listenerCount('SIGTERM')).toBe(listenersBefore);
	});

	it('a render crash restores the terminal, prints the error once, then leaves the group', async () => {
		process.exitCode = undefined;
		const store = createLogStore({maxHz: 1000});
		let calls = 0;
		store.services = () => {
			calls++;
			throw new Error('services exploded');
		};
		const run = start(store);
		await run.done;
		expect(calls).toBeGreaterThan(0);
		expect(run.stdout.written.endsWith(LEAVE_SCREEN)).toBe(true);
		expect(run.controller.calls).toEqual(['quit']);
		expect(run.stderr.written.match(/services exploded/g)?.length).toBe(1);
		expect(run.stderr.written.startsWith('klog-tui: Error: services exploded')).toBe(true);
		expect(process.exitCode).toBe(1);
		await settle(50);
	});
});
