import type {Instance} from 'ink';
import type {AppProps} from '../app.js';
import {installFastInkOutput} from '../render/fast-ink-output.js';
import {DISABLE_MOUSE, ENABLE_MOUSE} from '../terminal-text/mouse-report.js';
import {filterMouseInput} from './mouse-input.js';

/** Alternate screen on, cursor hidden, screen cleared and cursor home. */
export const ENTER_SCREEN = '\x1b[?1049h\x1b[?25l\x1b[2J\x1b[H';
/** Cursor shown, alternate screen off: the terminal as it was before. */
export const LEAVE_SCREEN = '\x1b[?25h\x1b[?1049l';

/** How long leaving the consumer group may take before we give up waiting (a dead broker). */
export const QUIT_TIMEOUT_MS = 10_000;

/**
 * Ink's `maxFps`: the soonest a frame may follow the last one is 1000 / this ms. Data-driven
 * frames are spaced by the stores (tens a second at most), so this only bounds how long a key's
 * frame can wait behind a data frame just drawn: and meanwhile, as Ink waits on a timer, a
 * slice of the stream's batches may run too. Commits of one turn are still drawn once.
 */
export const KEY_FRAME_FPS = 1000;

export type RunTuiOptions = Omit<AppProps, 'mouse'> & {
	stdout?: NodeJS.WriteStream;
	stdin?: NodeJS.ReadStream;
	/** Where a crash is reported after the terminal is restored; default process.stderr. */
	stderr?: NodeJS.WriteStream;
	/** Called after every frame Ink draws, with its render time in ms (the benchmark times frames with it). */
	onRender?: (metrics: {renderTime: number}) => void;
	/**
	 * Called once the app is on screen. Start the stream here: React and Ink load as many small
	 * modules, and loading them while a busy topic floods the thread took seconds.
	 */
	onStarted?: () => void;
	/** Mouse reporting on while the TUI runs (wheel and clicks; `--no-mouse` turns it off). */
	mouse?: boolean;
};

const SIGNAL_EXIT_CODES = {SIGINT: 130, SIGTERM: 143, SIGHUP: 129} as const;
type HandledSignal = keyof typeof SIGNAL_EXIT_CODES;

function describeError(error: unknown): string {
	if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
	return String(error);
}

function withTimeout(promise: Promise<void>, ms: number): Promise<void> {
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`did not finish within ${ms / 1000} s`)), ms);
		timer.unref?.();
		promise.then(
			() => {
				clearTimeout(timer);
				resolve();
			},
			(error: unknown) => {
				clearTimeout(timer);
				reject(error);
			},
		);
	});
}

/**
 * Run the TUI full screen until the user quits: enter the alternate screen, render the
 * App with Ink, and on EVERY way out (q, Ctrl-C, SIGTERM, SIGHUP, SIGINT, an uncaught
 * exception or rejection, a render crash) restore the terminal first, then report a
 * crash once on stderr, then call `controller.quit()` so the consumer group is left.
 * Resolves after all that; a signal or crash also sets `process.exitCode` (unless set).
 */
export function runTui(options: RunTuiOptions): Promise<void> {
	const {
		stdout = process.stdout,
		stdin = process.stdin,
		stderr = process.stderr,
		onRender,
		onStarted,
		mouse = false,
		...appProps
	} = options;
	const {controller} = appProps;

	return new Promise<void>((resolve) => {
		let restored = false;
		let finishing = false;
		let instance: Instance | undefined;
		// Ink reads the input through this filter, which takes the mouse reports out for the app.
		const mouseInput = mouse ? filterMouseInput(stdin) : undefined;
		let mouseOn = false;

		const restore = () => {
			if (restored) return;
			restored = true;
			// Mouse reporting off first, as the alternate screen: nothing but our app asks for it.
			if (mouseOn) stdout.write(DISABLE_MOUSE);
			mouseOn = false;
			mouseInput?.dispose();
			try {
				// Unmount first: Ink stops drawing and gives the terminal its normal input mode back.
				instance?.unmount();
			} catch {
				// Already unmounted (the app exited by itself): nothing left to stop.
			}
			stdout.write(LEAVE_SCREEN);
		};

		const finish = async (error?: unknown, exitCode?: number) => {
			if (finishing) return;
			finishing = true;
			restore();
			if (error !== undefined) stderr.write(`klog-tui: ${describeError(error)}\n`);
			if (exitCode !== undefined && process.exitCode === undefined) process.exitCode = exitCode;
			try {
				await withTimeout(controller.quit(), QUIT_TIMEOUT_MS);
			} catch (quitError) {
				stderr.write(`klog-tui: could not leave the consumer group cleanly: ${describeError(quitError)}\n`);
			}
			// Only now: Ink's signal-exit also listens to SIGINT, SIGTERM and SIGHUP, and when it
			// finds itself the only listener it re-sends the signal, which then kills the process
			// before the group is left. Another signal meanwhile lands in finish(), which is running.
			removeListeners();
			resolve();
		};

		const onSignal = (signal: HandledSignal) => {
			void finish(undefined, SIGNAL_EXIT_CODES[signal]);
		};
		const onCrash = (error: unknown) => {
			void finish(error, 1);
		};
		const signals = Object.keys(SIGNAL_EXIT_CODES) as HandledSignal[];
		for (const signal of signals) process.on(signal, onSignal);
		process.on('uncaughtException', onCrash);
		process.on('unhandledRejection', onCrash);
		function removeListeners() {
			for (const signal of signals) process.off(signal, onSignal);
			process.off('uncaughtException', onCrash);
			process.off('unhandledRejection', onCrash);
		}

		stdout.write(ENTER_SCREEN);
		// React picks its development or production build by NODE_ENV when it is first loaded,
		// so React and Ink are loaded only now (a static import chain would load them before any
		// code here runs). Unset means development, whose per-element checks and render timing
		// cost about a quarter of the CPU while ingesting (profiled: bench/tui-pipeline.ts); a
		// value set on purpose (`development`, vitest's `test`) is left alone.
		process.env.NODE_ENV ??= 'production';
		Promise.all([import('./render-app.js'), installFastInkOutput()]).then(
			([{renderApp}]) => {
				// A signal or crash while loading: the terminal is already restored.
				if (finishing) return;
				try {
					instance = renderApp(mouseInput ? {...appProps, mouse: mouseInput.mouse} : appProps, {
						stdout,
						stdin: mouseInput?.stdin ?? stdin,
						stderr,
						exitOnCtrlC: false,
						patchConsole: false,
						// The stores already space data-driven frames (about 20 a second, fewer when a
						// frame is slow); Ink's own limit only decides how soon a key's frame may follow
						// the last one. At 60 a key pressed just after a data frame waited up to 17 ms
						// for Ink's throttle (a third of the keys under a live stream); at 1000, 1 ms.
						maxFps: KEY_FRAME_FPS,
						// Every frame is as tall as the terminal, which Ink 6.8 always repaints whole (one
						// synchronized write); its incremental mode never applies to such frames, and for a
						// shorter frame it wrote each line one row too low in tmux, so it stays off.
						incrementalRendering: false,
						...(onRender ? {onRender} : {}),
					});
				} catch (error) {
					void finish(error, 1);
					return;
				}
				// Only once Ink has the input in raw mode: else the tty would echo a report.
				if (mouseInput) {
					stdout.write(ENABLE_MOUSE);
					mouseOn = true;
				}
				onStarted?.();
				// Resolves when the app exits (q, Ctrl-C); rejects when rendering threw.
				instance.waitUntilExit().then(
					() => finish(),
					(error: unknown) => finish(error, 1),
				);
			},
			(error: unknown) => finish(error, 1),
		);
	});
}
