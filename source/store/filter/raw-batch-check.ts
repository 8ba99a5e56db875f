/**
 * `raw-value-check.ts`'s check, for a whole batch of raw values at once. kafkajs hands the
 * values of a fetch as views into one buffer, back to back (the fetch response, or a batch's
 * decompressed records), so a needle is looked for once over the span they cover instead of
 * once per value, and the bytes are walked at memchr speed with no call per record.
 * A hit maps to the value whose bytes hold it whole; a hit across two values or in the bytes
 * between them (lengths, keys, headers) belongs to none, as with one search per value.
 */
import {OPEN_BRACE, OTLP_KEY} from './raw-value-check.js';

/** What a batch check reads of each record: its value bytes (null: a tombstone). */
export type RawValueHolder = {readonly value: Buffer | null};

/** Where a batch's values sit: runs of values back to back, in order, in one buffer. */
type Layout = {
	/** Each value's first and past-the-end byte in its buffer (-1 for a tombstone). */
	starts: Float64Array;
	ends: Float64Array;
	/** Each run: its first value's index; the run ends where the next begins (or at the end). */
	runs: number[];
	/** 1 where the value starts as a JSON object's text (`{`): only those can be skipped. */
	objects: Uint8Array;
};

/**
 * The check for `needles` (from `rawValueNeedles`) over a batch: entry i is 1 when record i may
 * pass the filter, 0 when it cannot (its parse can be skipped); undefined when nothing can be
 * checked. The same answer as `rawValueCheck` gives each value alone.
 */
export function rawBatchCheck(
	needles: readonly string[][],
): ((batch: readonly RawValueHolder[]) => Uint8Array) | undefined {
	if (needles.length === 0) return undefined;
	const lists = needles.map((list) => list.map((needle) => Buffer.from(needle)));
	return (batch) => {
		const count = batch.length;
		const layout = layoutOf(batch);
		// How many of the lists each value holds a needle of.
		const held = new Uint8Array(count);
		const found = new Uint8Array(count);
		for (const list of lists) {
			found.fill(0);
			for (const needle of list) markHolders(batch, layout, needle, found);
			for (let index = 0; index < count; index++) held[index]! += found[index]!;
		}
		found.fill(0);
		markHolders(batch, layout, OTLP_KEY, found);
		const {objects} = layout;
		for (let index = 0; index < count; index++) {
			// Every list held; or not a JSON object's text (a tombstone too); or an OTLP request.
			held[index] = held[index] === lists.length || objects[index] === 0 || found[index] === 1 ? 1 : 0;
		}
		return held;
	};
}

function layoutOf(batch: readonly RawValueHolder[]): Layout {
	const count = batch.length;
	const starts = new Float64Array(count);
	const ends = new Float64Array(count);
	const runs: number[] = [];
	const objects = new Uint8Array(count);
	let buffer: ArrayBufferLike | undefined;
	let reach = 0;
	for (let index = 0; index < count; index++) {
		const value = batch[index]!.value;
		if (value === null) {
			starts[index] = -1;
			ends[index] = -1;
			buffer = undefined;
			continue;
		}
		objects[index] = value[0] === OPEN_BRACE ? 1 : 0;
		const start = value.byteOffset;
		if (value.buffer !== buffer || start < reach) {
			runs.push(index);
			buffer = value.buffer;
		}
		starts[index] = start;
		reach = start + value.length;
		ends[index] = reach;
	}
	return {starts, ends, runs, objects};
}

/** Sets `found[i]` to 1 for every value of `batch` that holds `needle`: one search per run. */
function markHolders(
	batch: readonly RawValueHolder[],
	{starts, ends, runs}: Layout,
	needle: Buffer,
	found: Uint8Array,
): void {
	for (let run = 0; run < runs.length; run++) {
		const first = runs[run]!;
		let end = runs[run + 1] ?? batch.length;
		// A tombstone ends a run: the run's values are those before it.
		while (starts[end - 1] === -1) end--;
		const base = starts[first]!;
		const head = batch[first]!.value!;
		const span = Buffer.from(head.buffer, base, ends[end - 1]! - base);
		let record = first;
		let from = 0;
		while (record < end) {
			const hit = span.indexOf(needle, from);
			if (hit < 0) break;
			const hitStart = base + hit;
			// Values that end before this hit does cannot hold it, nor any later one.
			while (record < end && ends[record]! < hitStart + needle.length) record++;
			if (record === end) break;
			if (starts[record]! <= hitStart) {
				found[record] = 1;
				from = ends[record]! - base;
				record++;
			} else {
				// The hit starts before this value: look again from where it starts.
				from = starts[record]! - base;
			}
		}
	}
}
