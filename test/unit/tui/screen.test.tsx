import {EventEmitter} from 'node:events';
import {afterEach, describe, expect, it, vi} from 'vitest';
import {createLogStore} from '../../../source/store/log-store.js';
import type {LogStore} from '../../../source/store/log-store-types.js';
import {createStreamStatusStore} from '../../../source/store/stream-status-store.js';
import {DISABLE_MOUSE, ENABLE_MOUSE} from '../../../source/terminal-text/mouse-report.js';
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

function start(store: LogStore = createLogStore({maxHz: 1000}), mouse = false) {
	const stdout = new FakeStdout();
	const stdin = new FakeStdin();
	// Whether the input was in raw mode when mouse reporting went on (else the tty echoes reports).
	let rawAtMouseOn: boolean | undefined;
	const write = stdout.write;
	stdout.write = (chunk: string) => {
		if (chunk.includes(ENABLE_MOUSE)) rawAtMouseOn = stdin.rawMode;
		return write(chunk);
	};
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
		mouse,
	});
	return {
		stdout,
		stdin,
		stderr,
		controller,
		done,
		writtenAtQuit: () => writtenAtQuit,
		rawAtMouseOn: () => rawAtMouseOn,
	};
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

	it('without mouse: no mouse reporting asked for', async () => {
		const run = start();
		await vi.waitFor(() => expect(run.stdout.written).toContain('hello from the store'), {timeout: 10_000});
		run.stdin.write('q');
		await run.done;
		expect(run.stdout.written).not.toContain('\x1b[?1000');
		expect(run.stdout.written).not.toContain('\x1b[?1006');
	});

	/** Mouse on: reporting is turned on in raw mode, and off before the alternate screen is left. */
	function expectMouseRestored(run: ReturnType<typeof start>): void {
		const {written} = run.stdout;
		expect(run.rawAtMouseOn()).toBe(true);
		expect(written.split(ENABLE_MOUSE)).toHaveLength(2);
		expect(written.split(DISABLE_MOUSE)).toHaveLength(2);
		expect(written.indexOf(DISABLE_MOUSE)).toBeGreaterThan(written.indexOf(ENABLE_MOUSE));
		expect(written.endsWith(LEAVE_SCREEN)).toBe(true);
		expect(run.writtenAtQuit()).toContain(DISABLE_MOUSE);
	}

	it('with mouse: reports are not keys (a malformed one ending in q does not quit), q turns it off', async () => {
		const run = start(undefined, true);
		await vi.waitFor(() => expect(run.stdout.written).toContain(ENABLE_MOUSE), {timeout: 10_000});
		// A CSI ending in `q` would be a key press without the filter; none of these quits.
		run.stdin.write('\x1b[<0;1;99999q');
		run.stdin.write('\x1b[<0;5;');
		run.stdin.write('3q');
		run.stdin.write('\x1b[<64;5;5M');
		await settle(100);
		expect(run.controller.calls).toEqual([]);
		expect(run.stdout.written).not.toContain('[<');
		run.stdin.write('q');
		await run.done;
		expectMouseRestored(run);
	});

	it('with mouse: Escape held at the end of a read still arrives (after the short wait)', async () => {
		const run = start(undefined, true);
		await vi.waitFor(() => expect(run.stdout.written).toContain(ENABLE_MOUSE), {timeout: 10_000});
		run.stdin.write('?');
		await vi.waitFor(() => expect(run.stdout.written).toContain('Keys'), {timeout: 5_000});
		const before = run.stdout.written.length;
		run.stdin.write('\x1b');
		await vi.waitFor(() => expect(run.stdout.written.slice(before)).toContain('hello from the store'), {
			timeout: 5_000,
		});
		run.stdin.write('q');
		await run.done;
		expectMouseRestored(run);
	});

	it('with mouse: SIGTERM and a render crash turn it off too', async () => {
		process.exitCode = undefined;
		const run = start(undefined, true);
		await vi.waitFor(() => expect(run.stdout.written).toContain(ENABLE_MOUSE), {timeout: 10_000});
		process.emit('SIGTERM', 'SIGTERM');
		await run.done;
		expectMouseRestored(run);
		expect(process.exitCode).toBe(143);
		process.exitCode = undefined;

		const store = createLogStore({maxHz: 1000});
		let calls = 0;
		const services = store.services.bind(store);
		store.services = () => {
			// The first frame draws; the next one (after the report's scroll) throws.
			if (++calls > 1) throw new Error('services exploded');
			return services();
		};
		const crash = start(store, true);
		await vi.waitFor(() => expect(crash.stdout.written).toContain(ENABLE_MOUSE), {timeout: 10_000});
		store.append([logRecord({service: 'api', message: 'another'})]);
		await crash.done;
		expect(crash.stderr.written).toContain('services exploded');
		expectMouseRestored(crash);
		expect(process.exitCode).toBe(1);
		await settle(50);
	});
});
