/**
 * Bytes → text, without ever hiding a byte.
 *
 * Node's UTF-8 decoder silently turns every invalid byte into U+FFFD, so a
 * record of binary garbage would read as a row of identical question marks.
 * Here each invalid byte is shown as the four visible characters `\xNN`
 * instead. Valid text (the hot path) costs one `toString` and one scan.
 */

const REPLACEMENT_CHARACTER = '\uFFFD';

/** `\x00` … `\xff`, built once: the slow path looks them up instead of formatting. */
const BYTE_ESCAPES: readonly string[] = Array.from(
	{length: 256},
	(_, byte) => `\\x${byte.toString(16).padStart(2, '0')}`,
);

/**
 * Decode UTF-8 bytes to a string; invalid bytes become visible `\xNN`.
 *
 * @param bytes - the bytes to decode.
 * @param maxBytes - decode at most this many bytes. The cut moves back to the
 *   start of a UTF-8 sequence, so a character is never split into `\xNN` pieces.
 *   Use {@link decodedByteLength} to learn where it cut.
 */
export function decodeText(bytes: Buffer, maxBytes = Number.POSITIVE_INFINITY): string {
	const end = decodedByteLength(bytes, maxBytes);
	const text = bytes.toString('utf8', 0, end);
	// A U+FFFD in the output is either a real U+FFFD in the input (rare) or an
	// invalid byte; only then is the slow, byte-by-byte path needed.
	if (text.indexOf(REPLACEMENT_CHARACTER) === -1) {
		return text;
	}

	return decodeEscapingInvalid(bytes, end);
}

/**
 * How many bytes {@link decodeText} decodes for a given `maxBytes`: all of them
 * when they fit, else `maxBytes` moved back to the start of a UTF-8 sequence.
 */
export function decodedByteLength(bytes: Buffer, maxBytes: number): number {
	if (bytes.length <= maxBytes) {
		return bytes.length;
	}

	let end = Math.max(0, Math.floor(maxBytes));
	// Back off over up to three continuation bytes (10xxxxxx) to the lead byte.
	for (let back = 0; back < 3 && end > 0 && (bytes[end]! & 0xc0) === 0x80; back++) {
		end--;
	}

	// Not a valid sequence start after all (garbage): cut where asked.
	return (bytes[end]! & 0xc0) === 0x80 ? Math.floor(maxBytes) : end;
}

/**
 * Length of the valid UTF-8 sequence starting at `index` (1-4), or 0 when the
 * byte there does not start one. Follows RFC 3629: no overlong forms, no
 * surrogates, nothing above U+10FFFF.
 */
function validSequenceLength(bytes: Buffer, index: number, end: number): number {
	const lead = bytes[index]!;
	if (lead < 0x80) {
		return 1;
	}

	let length: number;
	let secondMin = 0x80;
	let secondMax = 0xbf;
	if (lead >= 0xc2 && lead <= 0xdf) {
		length = 2;
	} else if (lead >= 0xe0 && lead <= 0xef) {
		length = 3;
		if (lead === 0xe0) {
			secondMin = 0xa0;
		} else if (lead === 0xed) {
			secondMax = 0x9f;
		}
	} else if (lead >= 0xf0 && lead <= 0xf4) {
		length = 4;
		if (lead === 0xf0) {
			secondMin = 0x90;
		} else if (lead === 0xf4) {
			secondMax = 0x8f;
		}
	} else {
		return 0;
	}

	if (index + length > end) {
		return 0;
	}

	const second = bytes[index + 1]!;
	if (second < secondMin || second > secondMax) {
		return 0;
	}

	for (let offset = 2; offset < length; offset++) {
		if ((bytes[index + offset]! & 0xc0) !== 0x80) {
			return 0;
		}
	}

	return length;
}

/** The slow path: decode valid runs as they are, show each invalid byte as `\xNN`. */
function decodeEscapingInvalid(bytes: Buffer, end: number): string {
	const parts: string[] = [];
	let runStart = 0;
	let index = 0;
	while (index < end) {
		const length = validSequenceLength(bytes, index, end);
		if (length > 0) {
			index += length;
			continue;
		}

		if (runStart < index) {
			parts.push(bytes.toString('utf8', runStart, index));
		}

		parts.push(BYTE_ESCAPES[bytes[index]!]!);
		index++;
		runStart = index;
	}

	if (runStart < end) {
		parts.push(bytes.toString('utf8', runStart, end));
	}

	return parts.join('');
}
