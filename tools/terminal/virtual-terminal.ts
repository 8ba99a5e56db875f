import {PassThrough, Writable} from 'node:stream';

/**
 * A fake TTY for the benchmark: a `Writable` that looks like a terminal of a fixed size to Ink
 * (`isTTY`, `columns`, `rows`), and, when asked to, keeps a model of the screen so the bench
 * can tell when a frame shows the effect of a key press. Ink redraws incrementally (cursor
 * moves and rewritten lines), so its writes cannot be read as whole frames without this.
 */
export type VirtualTerminal = {
	/** Pass this to Ink as `stdout`. */
	readonly stdout: NodeJS.WriteStream;
	/** The screen as plain text (no colours), one string per row. Empty rows when not tracking. */
	screen(): string[];
	/** Bytes written so far. */
	readonly bytesWritten: number;
	/** Writes so far (Ink writes each frame in one call). */
	readonly writes: number;
	/** Calls `listener` after every write, once the screen model is up to date. Returns an unsubscribe. */
	onWrite(listener: () => void): () => void;
};

export type VirtualTerminalOptions = {
	columns: number;
	rows: number;
	/** Keep a screen model (costs a little CPU per write); off: writes are only counted. */
	trackScreen: boolean;
};

/** CSI sequences: ESC [ params final. OSC and other escapes are skipped. */
const escapePattern =
	/\u001B(?:\[([0-9;?]*)([A-Za-z])|\][^\u0007\u001B]*(?:\u0007|\u001B\\)|[()][A-Za-z0-9]|[=>78])/y;

/** Makes a fake terminal of `columns` x `rows`. */
export function createVirtualTerminal(options: VirtualTerminalOptions): VirtualTerminal {
	const {columns, rows} = options;
	const lines: string[] = Array.from({length: rows}, () => '');
	let row = 0;
	let column = 0;
	let bytesWritten = 0;
	let writes = 0;
	const listeners = new Set<() => void>();

	const lineFeed = () => {
		column = 0;
		if (row < rows - 1) row += 1;
		else {
			lines.shift();
			lines.push('');
		}
	};
	const put = (text: string) => {
		for (const character of text) {
			if (column >= columns) continue;
			const line = lines[row]!.padEnd(column, ' ');
			lines[row] = line.slice(0, column) + character + line.slice(column + 1);
			column += 1;
		}
	};
	const control = (params: string, final: string) => {
		const numbers = params.replace('?', '').split(';');
		const n = Math.max(1, Number(numbers[0]) || 1);
		switch (final) {
			case 'A':
				row = Math.max(0, row - n);
				break;
			case 'B':
				row = Math.min(rows - 1, row + n);
				break;
			case 'C':
				column = Math.min(columns, column + n);
				break;
			case 'D':
				column = Math.max(0, column - n);
				break;
			case 'E':
				row = Math.min(rows - 1, row + n);
				column = 0;
				break;
			case 'F':
				row = Math.max(0, row - n);
				column = 0;
				break;
			case 'G':
				column = Math.min(columns, (Number(numbers[0]) || 1) - 1);
				break;
			case 'H':
			case 'f':
				row = Math.min(rows - 1, (Number(numbers[0]) || 1) - 1);
				column = Math.min(columns, (Number(numbers[1]) || 1) - 1);
				break;
			case 'J':
				if (params === '2' || params === '3') lines.fill('');
				else if (params === '' || params === '0') {
					lines[row] = lines[row]!.slice(0, column);
					for (let r = row + 1; r < rows; r++) lines[r] = '';
				}
				break;
			case 'K':
				if (params === '2') lines[row] = '';
				else if (params === '1') lines[row] = ' '.repeat(column) + lines[row]!.slice(column);
				else lines[row] = lines[row]!.slice(0, column);
				break;
			case 'h':
			case 'l':
				// Alternate screen on/off: a fresh screen either way.
				if (params === '?1049') {
					lines.fill('');
					row = 0;
					column = 0;
				}
				break;
			default:
			// Colours (m), cursor show/hide and the rest do not move text.
		}
	};
	const apply = (data: string) => {
		let plainStart = 0;
		let index = 0;
		const flushPlain = (end: number) => {
			if (end > plainStart) put(data.slice(plainStart, end));
		};
		while (index < data.length) {
			const code = data.charCodeAt(index);
			if (code === 0x1b) {
				flushPlain(index);
				escapePattern.lastIndex = index;
				const match = escapePattern.exec(data);
				if (match) {
					if (match[2] !== undefined) control(match[1] ?? '', match[2]);
					index = escapePattern.lastIndex;
				} else index += 1;
				plainStart = index;
			} else if (code === 0x0a || code === 0x0d) {
				flushPlain(index);
				if (code === 0x0a) lineFeed();
				else column = 0;
				index += 1;
				plainStart = index;
			} else index += 1;
		}
		flushPlain(index);
	};

	const stream = new Writable({
		decodeStrings: false,
		write(chunk: string | Buffer, _encoding, callback) {
			const text = typeof chunk === 'string' ? chunk : chunk.toString('utf8');
			bytesWritten += Buffer.byteLength(text);
			writes += 1;
			if (options.trackScreen) apply(text);
			for (const listener of listeners) listener();
			callback();
		},
	});
	Object.assign(stream, {isTTY: true, columns, rows});

	return {
		stdout: stream as unknown as NodeJS.WriteStream,
		screen: () => [...lines],
		get bytesWritten() {
			return bytesWritten;
		},
		get writes() {
			return writes;
		},
		onWrite(listener) {
			listeners.add(listener);
			return () => listeners.delete(listener);
		},
	};
}

/**
 * A fake TTY stdin for Ink: raw mode is accepted and ignored, keys are what the bench writes.
 * Ink reads it through `readable` events, like a real terminal's stdin.
 */
export function createVirtualKeyboard(): {stdin: NodeJS.ReadStream; press(keys: string): void} {
	const stream = new PassThrough();
	stream.setEncoding('utf8');
	Object.assign(stream, {
		isTTY: true,
		setRawMode: () => stream,
		isRaw: true,
		ref: () => stream,
		unref: () => stream,
	});
	return {
		stdin: stream as unknown as NodeJS.ReadStream,
		press: (keys) => {
			stream.write(keys);
		},
	};
}

/** Resolves with the ms from now until a write leaves the screen satisfying `test`, or undefined after `limitMs`. */
export function untilScreen(
	terminal: VirtualTerminal,
	test: (screen: string) => boolean,
	limitMs: number,
): Promise<number | undefined> {
	const from = performance.now();
	return new Promise((resolve) => {
		let done = false;
		const finish = (value: number | undefined) => {
			if (done) return;
			done = true;
			clearTimeout(timer);
			unsubscribe();
			resolve(value);
		};
		const unsubscribe = terminal.onWrite(() => {
			if (!done && test(terminal.screen().join('\n'))) finish(performance.now() - from);
		});
		const timer = setTimeout(() => finish(undefined), limitMs);
	});
}
