/**
 * logfmt (`level=warn msg="disk almost full" service=api`), the plain-text log
 * shape of Go's logrus/slog text handler, Heroku and many others.
 */

/** A line that starts like logfmt: `key=`. */
const LOGFMT_START = /^[A-Za-z_@][\w.@/-]*=/;

/** True when `text` starts like a logfmt line (a `key=` first). */
export function looksLikeLogfmt(text: string): boolean {
	return LOGFMT_START.test(text);
}

function isSpace(code: number): boolean {
	return code === 0x20 || code === 0x09;
}

/**
 * Parse one logfmt line into its pairs. Values are bare (up to the next space)
 * or double-quoted with backslash escapes (`\"`, `\\`, `\n`, `\t`). A key with
 * no `=` gets the value `true`; a later duplicate key wins. Never throws: an
 * unterminated quote runs to the end of the line. Stops at the first line break.
 * The result has no prototype, so keys like `__proto__` are plain keys.
 */
export function parseLogfmt(text: string): Record<string, string> {
	const pairs = Object.create(null) as Record<string, string>;
	const length = text.length;
	let index = 0;
	while (index < length) {
		while (index < length && isSpace(text.charCodeAt(index))) {
			index++;
		}

		if (index >= length || text.charCodeAt(index) === 0x0a || text.charCodeAt(index) === 0x0d) {
			break;
		}

		const keyStart = index;
		while (index < length) {
			const code = text.charCodeAt(index);
			if (code === 0x3d || isSpace(code) || code === 0x0a || code === 0x0d) {
				break;
			}

			index++;
		}

		const key = text.slice(keyStart, index);
		if (text.charCodeAt(index) !== 0x3d) {
			pairs[key] = 'true';
			continue;
		}

		index++;
		if (text.charCodeAt(index) === 0x22) {
			index++;
			let value = '';
			let chunkStart = index;
			while (index < length && text.charCodeAt(index) !== 0x22) {
				if (text.charCodeAt(index) === 0x5c && index + 1 < length) {
					value += text.slice(chunkStart, index);
					const escaped = text[index + 1]!;
					value += escaped === 'n' ? '\n' : escaped === 't' ? '\t' : escaped === 'r' ? '\r' : escaped;
					index += 2;
					chunkStart = index;
					continue;
				}

				index++;
			}

			value += text.slice(chunkStart, index);
			pairs[key] = value;
			index++;
			continue;
		}

		const valueStart = index;
		while (index < length) {
			const code = text.charCodeAt(index);
			if (isSpace(code) || code === 0x0a || code === 0x0d) {
				break;
			}

			index++;
		}

		pairs[key] = text.slice(valueStart, index);
	}

	return pairs;
}
