/**
 * Where a batch's bytes may stop being printable ASCII without a backslash (0x20-0x7e, not
 * 0x5c: the text the one-pass line takes, `NOT_SIMPLE` in record/flat-json.ts), found four
 * bytes at a time over the whole batch rather than by a regular expression per record: the
 * expression reads a character per step (~0.9 ns), this a word per step, and a batch of clean
 * records is one call (bench/lines-micro.ts). Bit tricks on a 32-bit word, each of which sets
 * a byte's top bit: `x` (a byte from 0x80), `x + 0x01010101` (0x7f), `x - 0x20202020` (below
 * 0x20) and `(x ^ 0x5c5c5c5c) - 0x01010101` (a backslash); a carry or borrow between bytes
 * comes only from a byte that is flagged itself, so a word is flagged exactly when it holds
 * such a byte (test/unit/plain/printable-scan.test.ts checks it against every byte value).
 */

/** A word view of the last buffer scanned (a batch is scanned a few times, in order). */
let words: Int32Array<ArrayBufferLike> = new Int32Array(0);
let wordsOf: ArrayBufferLike | undefined;

const printable = (byte: number) => byte >= 0x20 && byte <= 0x7e && byte !== 0x5c;

/**
 * The first position in `[from, to)` of `bytes` where a byte other than printable ASCII
 * without a backslash may be, or `to`: that byte or the start of the word (4 bytes) that holds
 * it. Everything before it is clean.
 */
export function nextSuspect(bytes: Uint8Array, from: number, to: number): number {
	const base = bytes.byteOffset;
	let at = from;
	for (; at < to && ((base + at) & 3) !== 0; at++) if (!printable(bytes[at]!)) return at;
	if (bytes.buffer !== wordsOf) {
		wordsOf = bytes.buffer;
		words = new Int32Array(bytes.buffer, 0, bytes.buffer.byteLength >> 2);
	}
	const view = words;
	const last = (base + to) >> 2;
	for (let word = (base + at) >> 2; word < last; word++) {
		const x = view[word]!;
		if ((((x - 0x20202020) | (x + 0x01010101) | x | ((x ^ 0x5c5c5c5c) - 0x01010101)) & 0x80808080) !== 0)
			return word * 4 - base;
	}
	for (at = Math.max(at, last * 4 - base); at < to; at++) if (!printable(bytes[at]!)) return at;
	return to;
}

/** Whether `bytes[from, to)` is all printable ASCII without a backslash (a suspect's record, exactly). */
export function printableBytes(bytes: Uint8Array, from: number, to: number): boolean {
	for (let at = from; at < to; at++) if (!printable(bytes[at]!)) return false;
	return true;
}
