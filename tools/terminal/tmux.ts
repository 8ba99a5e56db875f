import {execFileSync} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import fs from 'node:fs';
import {setTimeout as sleep} from 'node:timers/promises';

/**
 * A real terminal for end-to-end tests: a tmux server on its own socket (`-L klog-e2e-<random>`,
 * so it never touches a user's tmux), one window of a fixed size running a plain shell. Tests
 * type commands, press keys, read the screen (plain or with colours) and record the exact bytes
 * written to the pane. Always `kill()` it (afterEach/afterAll): the server outlives the test
 * process otherwise.
 */
export type TmuxTerminal = {
	/** The `-L` socket name of this server. */
	readonly socket: string;
	/** Type `command` at the shell prompt and press Enter. */
	run(command: string): void;
	/** Press keys by tmux name (`q`, `Space`, `Enter`, `Escape`, `C-c`, `1`), one at a time. */
	press(...keys: string[]): Promise<void>;
	/** Type text literally (every character as typed, nothing read as a key name). */
	type(text: string): Promise<void>;
	/** The visible screen as text, one line per row (trailing spaces trimmed by tmux). */
	screen(): string;
	/** The visible screen with colours and attributes as SGR sequences (capture-pane -e). */
	screenWithEscapes(): string;
	/** The screen's rows, exactly `rows` of them. */
	lines(): string[];
	/** Wait until the screen matches; returns that screen. Fails with the last screen on timeout. */
	waitFor(match: string | RegExp | ((screen: string) => boolean), timeoutMs?: number): Promise<string>;
	/** A tmux format of the pane, e.g. `#{pane_title}`, `#{alternate_on}`, `#{cursor_flag}`. */
	display(format: string): string;
	/** Resize the window (and so the pane and its program's terminal). */
	resize(columns: number, rows: number): void;
	/** Append every byte the pane's programs write from now on to `file` (pipe-pane -o). */
	record(file: string): void;
	/** Stop recording. */
	stopRecording(): void;
	/** The pid of the program the shell is running in the foreground, or undefined. */
	foregroundPid(): number | undefined;
	/** The pane's shell and every process below it (children, theirs...), as `ps` lists them now. */
	processes(): PaneProcess[];
	/** Stop the tmux server and everything running in it. Safe to call twice. */
	kill(): void;
};

/** A process, as `ps` shows it: its session id tells a detached child (`sid === pid`) apart. */
export type PaneProcess = {pid: number; ppid: number; sid: number; args: string};

export type TmuxOptions = {
	columns?: number;
	rows?: number;
	/** Working directory of the shell. */
	cwd?: string;
	/** Extra environment for the shell (on top of a minimal one). */
	env?: Record<string, string>;
	/**
	 * True for a screen caught while a program was still drawing it. tmux 3.3 ignores the
	 * synchronized-output mode (2026) Ink wraps each frame in, and reads a large frame from the
	 * pty in pieces: a capture between two pieces shows the frame's top rows over a cleared
	 * rest. `screen()` captures again while this holds, for up to `MID_DRAW_MS`.
	 */
	midDraw?: (screen: string) => boolean;
};

/** How long `screen()` captures again while `midDraw` holds; then it returns what it has. */
export const MID_DRAW_MS = 1000;

/** The shell's prompt; the screen starts with it, so tests can wait for it. */
export const PROMPT = 'e2e$ ';

/** Variables that change what klog-tui does or draws; removed so every run starts alike. */
const UNSET = [
	'FORCE_COLOR',
	'NO_COLOR',
	'KAFKA_BROKERS',
	'SERVICE_NAME',
	'KLOG_PROFILE',
	'KLOG_CONFIG',
	'TMUX',
];

/** Start a tmux server on a fresh socket with one window of `columns` x `rows` running bash. */
export async function startTmux(options: TmuxOptions = {}): Promise<TmuxTerminal> {
	const columns = options.columns ?? 120;
	const rows = options.rows ?? 40;
	const socket = `klog-e2e-${randomBytes(6).toString('hex')}`;
	const target = 'e2e:0.0';
	let killed = false;

	const tmux = (...args: string[]): string =>
		execFileSync('tmux', ['-L', socket, '-f', '/dev/null', ...args], {encoding: 'utf8', stdio: 'pipe'});

	// --noediting: no readline, so the shell writes no bracketed-paste or other escapes of its own.
	const env: Record<string, string> = {PS1: PROMPT, ...options.env};
	const shell = [
		'env',
		...UNSET.flatMap((name) => ['-u', name]),
		...Object.entries(env).map(([name, value]) => `${name}=${value}`),
		'bash',
		'--norc',
		'--noprofile',
		'--noediting',
		'-i',
	]
		.map(shellQuote)
		.join(' ');
	tmux(
		'new-session',
		'-d',
		'-s',
		'e2e',
		'-x',
		String(columns),
		'-y',
		String(rows),
		...(options.cwd ? ['-c', options.cwd] : []),
		shell,
	);
	// Keep the pane after its program ends (a crash stays readable), no status line taking a row.
	tmux('set-option', '-t', 'e2e', 'status', 'off');
	tmux('set-option', '-t', 'e2e', 'remain-on-exit', 'on');

	const capture = () => tmux('capture-pane', '-p', '-t', target);
	const screen = () => {
		let text = capture();
		// Each capture is a round trip to the server, which reads the rest of the frame between them.
		const until = Date.now() + MID_DRAW_MS;
		while (options.midDraw?.(text) && Date.now() < until) text = capture();
		return text;
	};
	const terminal: TmuxTerminal = {
		socket,
		run(command) {
			tmux('send-keys', '-t', target, '-l', command);
			tmux('send-keys', '-t', target, 'Enter');
		},
		async press(...keys) {
			for (const key of keys) {
				tmux('send-keys', '-t', target, key);
				// One key per read: Ink hands a burst of bytes to the app as one input string.
				await sleep(150);
			}
		},
		async type(text) {
			for (const character of text) {
				tmux('send-keys', '-t', target, '-l', character);
				await sleep(40);
			}
		},
		screen,
		screenWithEscapes: () => tmux('capture-pane', '-p', '-e', '-t', target),
		lines() {
			const all = screen().replace(/\n$/, '').split('\n');
			while (all.length < rows) all.push('');
			return all;
		},
		async waitFor(match, timeoutMs = 20_000) {
			const test =
				typeof match === 'function'
					? match
					: typeof match === 'string'
						? (text: string) => text.includes(match)
						: (text: string) => match.test(text);
			const deadline = Date.now() + timeoutMs;
			let last = '';
			for (;;) {
				last = screen();
				if (test(last)) return last;
				if (Date.now() > deadline) {
					throw new Error(`timed out after ${timeoutMs} ms waiting for ${String(match)}; screen:\n${last}`);
				}
				await sleep(100);
			}
		},
		display: (format) => tmux('display-message', '-p', '-t', target, format).replace(/\n$/, ''),
		resize(newColumns, newRows) {
			tmux('resize-window', '-t', 'e2e', '-x', String(newColumns), '-y', String(newRows));
		},
		record(file) {
			fs.writeFileSync(file, '');
			tmux('pipe-pane', '-o', '-t', target, `cat >> ${shellQuote(file)}`);
		},
		stopRecording() {
			tmux('pipe-pane', '-t', target);
		},
		foregroundPid() {
			const shellPid = terminal.display('#{pane_pid}');
			try {
				const children = execFileSync('pgrep', ['-P', shellPid], {encoding: 'utf8'}).trim().split('\n');
				const pid = Number(children[0]);
				return Number.isInteger(pid) && pid > 0 ? pid : undefined;
			} catch {
				return undefined;
			}
		},
		processes() {
			const shellPid = Number(terminal.display('#{pane_pid}'));
			const all = execFileSync('ps', ['-e', '-o', 'pid=,ppid=,sid=,args='], {encoding: 'utf8'})
				.split('\n')
				.map((line) => /^\s*(\d+)\s+(\d+)\s+(\d+)\s(.*)$/.exec(line))
				.filter((match) => match !== null)
				.map((match) => ({
					pid: Number(match[1]),
					ppid: Number(match[2]),
					sid: Number(match[3]),
					args: match[4]!,
				}));
			const inPane = new Set([shellPid]);
			for (let grew = true; grew; ) {
				grew = false;
				for (const process of all) {
					if (!inPane.has(process.pid) && inPane.has(process.ppid)) {
						inPane.add(process.pid);
						grew = true;
					}
				}
			}
			return all.filter((process) => inPane.has(process.pid));
		},
		kill() {
			if (killed) return;
			killed = true;
			try {
				tmux('kill-server');
			} catch {
				// Already gone (its last session ended): nothing left to stop.
			}
		},
	};
	try {
		await terminal.waitFor((text) => text.includes(PROMPT.trim()), 10_000);
	} catch (error) {
		terminal.kill();
		throw error;
	}
	return terminal;
}

/** Quote for a POSIX shell (tmux runs the window's command and pipe-pane's through sh). */
export function shellQuote(value: string): string {
	return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replaceAll("'", `'\\''`)}'`;
}
