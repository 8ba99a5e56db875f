/**
 * Writes plain output to stdout a batch at a time, with the three things a good
 * Unix filter needs: backpressure (a slow reader holds the fetching instead of
 * ballooning memory), a flush that waits for the last byte before exit, and a quiet
 * end when the reader goes away (EPIPE, e.g. piped into `head`).
 */

/** The part of a writable stream the writer uses (process.stdout in production). */
export type OutputStream = {
	write(chunk: string | Uint8Array, callback?: (error?: Error | null) => void): boolean;
	once(event: 'drain', listener: () => void): unknown;
	on(event: 'error', listener: (error: NodeJS.ErrnoException) => void): unknown;
	readonly writableLength: number;
};

export type LineWriterOptions = {
	/** The reader cannot keep up: hold the fetching. */
	onFull: () => void;
	/** The reader caught up (`drain`): fetch again. */
	onDrain: () => void;
	/** The reader is gone (EPIPE) or the stream failed: the run should end. */
	onClosed: (error: NodeJS.ErrnoException) => void;
};

export type LineWriter = {
	/** Add one line (without its newline) to the chunk being built. */
	writeLine(line: string): void;
	/**
	 * Add lines that are already bytes (each ending in `\n`) to the chunk being built. The bytes
	 * may be written as they are, later: they must not change (a packed batch is never reused).
	 */
	writeBytes(bytes: Uint8Array): void;
	/** Hand the chunk built so far to the output (one write per batch of records). */
	commit(): void;
	/** Resolves once everything committed so far has left the process (or the reader is gone). */
	flush(): Promise<void>;
	/** True once the reader went away; further writes are dropped. */
	readonly closed: boolean;
};

/** Size of the chunk lines are encoded into; a longer line grows it. */
const CHUNK_BYTES = 256 * 1024;
/**
 * Bytes at least this long (a run of a batch's lines, plain `--output json`) are written as
 * they are, after what the chunk holds, not copied into it: a merge of partitions by time lets
 * runs of hundreds of lines out at a time, and each byte was copied twice on its way to
 * stdout, into the chunk and out of it (bench/lines-micro.ts). Shorter ones are gathered, so
 * short runs do not become as many writes.
 */
const DIRECT_BYTES = 16 * 1024;

export function createLineWriter(output: OutputStream, options: LineWriterOptions): LineWriter {
	let closed = false;
	let full = false;
	output.on('error', (error) => {
		if (closed) return;
		closed = true;
		options.onClosed(error);
	});
	// Lines are encoded straight into one reused buffer and each commit writes a copy of the
	// filled part: joining a batch's lines into one string and encoding that cost three times
	// as much as formatting them (bench/plain-micro.ts).
	let chunk = Buffer.allocUnsafe(CHUNK_BYTES);
	let used = 0;
	/**
	 * Bytes given to an empty chunk, kept as they are: a batch's lines that are all printed go
	 * out without a copy (the two copies of every byte took ~120 of the main thread's ~670 ms
	 * CPU in a profile of 300k records, start included).
	 */
	let held: Uint8Array | undefined;

	const append = (bytes: Uint8Array) => {
		if (used + bytes.length > chunk.length) {
			commit();
			if (bytes.length > chunk.length) chunk = Buffer.allocUnsafe(bytes.length);
		}
		chunk.set(bytes, used);
		used += bytes.length;
	};
	const release = () => {
		const bytes = held;
		held = undefined;
		if (bytes !== undefined) append(bytes);
	};

	const commit = () => {
		if (held !== undefined && used === 0) {
			const bytes = held;
			held = undefined;
			if (!closed) send(bytes);
			return;
		}
		release();
		if (used === 0) return;
		// A chunk filled by half or more goes out itself, and a new one takes its place; a
		// smaller part is copied (a live stream's few lines should not hold 256 KB each).
		let bytes: Uint8Array;
		if (used * 2 >= chunk.length) {
			bytes = chunk.subarray(0, used);
			chunk = Buffer.allocUnsafe(CHUNK_BYTES);
		} else bytes = Buffer.from(chunk.subarray(0, used));
		used = 0;
		if (!closed) send(bytes);
	};
	const send = (bytes: Uint8Array) => {
		const ok = output.write(bytes);
		if (!ok && !full) {
			full = true;
			options.onFull();
			output.once('drain', () => {
				full = false;
				if (!closed) options.onDrain();
			});
		}
	};

	return {
		writeLine(line) {
			if (closed) return;
			release();
			// A UTF-16 code unit never takes more than 3 bytes in UTF-8 (a pair takes 4 for 2).
			const room = line.length * 3 + 1;
			if (used + room > chunk.length) {
				commit();
				if (room > chunk.length) chunk = Buffer.allocUnsafe(room);
			}
			used += chunk.write(line, used);
			chunk[used++] = 0x0a;
		},
		writeBytes(bytes) {
			if (closed) return;
			if (bytes.length >= DIRECT_BYTES) {
				commit();
				send(bytes);
				return;
			}
			if (used === 0 && held === undefined) {
				held = bytes;
				return;
			}
			release();
			append(bytes);
		},
		commit,
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
