/**
 * Writes plain output to stdout a batch at a time, with the three things a good
 * Unix filter needs: backpressure (a slow reader pauses the stream instead of
 * ballooning memory), a flush that waits for the last byte before exit, and a quiet
 * end when the reader goes away (EPIPE, e.g. piped into `head`).
 */

/** The part of a writable stream the writer uses (process.stdout in production). */
export type OutputStream = {
	write(chunk: string, callback?: (error?: Error | null) => void): boolean;
	once(event: 'drain', listener: () => void): unknown;
	on(event: 'error', listener: (error: NodeJS.ErrnoException) => void): unknown;
	readonly writableLength: number;
};

export type LineWriterOptions = {
	/** The reader cannot keep up: stop fetching. */
	onFull: () => void;
	/** The reader caught up (`drain`): fetch again. */
	onDrain: () => void;
	/** The reader is gone (EPIPE) or the stream failed: the run should end. */
	onClosed: (error: NodeJS.ErrnoException) => void;
};

export type LineWriter = {
	/** Write lines (each without its newline) as one chunk. */
	writeLines(lines: readonly string[]): void;
	/** Resolves once everything written so far has left the process (or the reader is gone). */
	flush(): Promise<void>;
	/** True once the reader went away; further writes are dropped. */
	readonly closed: boolean;
};

export function createLineWriter(output: OutputStream, options: LineWriterOptions): LineWriter {
	let closed = false;
	let full = false;
	output.on('error', (error) => {
		if (closed) return;
		closed = true;
		options.onClosed(error);
	});
	return {
		writeLines(lines) {
			if (closed || lines.length === 0) return;
			const ok = output.write(`${lines.join('\n')}\n`);
			if (!ok && !full) {
				full = true;
				options.onFull();
				output.once('drain', () => {
					full = false;
					if (!closed) options.onDrain();
				});
			}
		},
		flush() {
			if (closed || output.writableLength === 0) return Promise.resolve();
			// An empty write's callback runs after every chunk queued before it was handled.
			return new Promise((resolve) => {
				output.write('', () => resolve());
			});
		},
		get closed() {
			return closed;
		},
	};
}
