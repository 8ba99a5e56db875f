import {createMouseInputFilter, type MouseReport, type MouseSource} from '../terminal-text/mouse-report.js';

/** How long a trailing `ESC` or `ESC [` waits for the rest of a report before it counts as a key. */
export const KEY_WAIT_MS = 30;

export type MouseInput = {
	/** The terminal's input without the mouse reports: give this to Ink instead of stdin. */
	stdin: NodeJS.ReadStream;
	/** The reports taken out, for the app. */
	mouse: MouseSource;
	/** Stop the pending timer (the TUI is leaving). */
	dispose(): void;
};

/**
 * Take the mouse reports out of the terminal's input before Ink reads it. Ink 6 reads stdin
 * only through `read()` in its `readable` handler, so a view of stdin whose `read` filters
 * (terminal-text/mouse-report.ts) is all it takes: every other property is stdin's own, so
 * raw mode, ref/unref and the listeners work as before. The reports never reach `useInput`,
 * so none is taken for a key or typed into a prompt.
 */
export function filterMouseInput(stdin: NodeJS.ReadStream, keyWaitMs = KEY_WAIT_MS): MouseInput {
	const filter = createMouseInputFilter();
	const listeners = new Set<(report: MouseReport) => void>();
	// Text given back by a flush, handed out by the next read.
	let ready = '';
	let timer: NodeJS.Timeout | undefined;

	const flushLater = () => {
		clearTimeout(timer);
		timer = undefined;
		if (!filter.holdsKey()) return;
		timer = setTimeout(() => {
			timer = undefined;
			ready += filter.flush();
			// Ink reads on `readable`; the key waits in `ready` for that read.
			if (ready) stdin.emit('readable');
		}, keyWaitMs);
	};

	const read = (size?: number): string | Buffer | null => {
		if (ready) {
			const text = ready;
			ready = '';
			return text;
		}
		const chunk: unknown = stdin.read(size);
		// Ink sets the encoding to utf8: a chunk is a string. Anything else passes as it came.
		if (typeof chunk !== 'string') return chunk as Buffer | null;
		const {text, reports} = filter.push(chunk);
		flushLater();
		for (const report of reports) for (const listener of listeners) listener(report);
		return text;
	};

	const view = new Proxy(stdin, {
		get(target, key) {
			if (key === 'read') return read;
			const value: unknown = Reflect.get(target, key, target);
			return typeof value === 'function' ? value.bind(target) : value;
		},
	});
	return {
		stdin: view,
		mouse: {
			subscribe(listener) {
				listeners.add(listener);
				return () => listeners.delete(listener);
			},
		},
		dispose() {
			clearTimeout(timer);
			timer = undefined;
		},
	};
}
