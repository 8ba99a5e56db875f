/**
 * Any JSON value → one short line of JSON, for showing a field that is not a
 * string (an object message, a record without a message field).
 *
 * `JSON.stringify` is unsuitable for hostile input: it recurses, so a value
 * nested 10 000 levels deep overflows the stack, and it writes the whole value
 * however large. This writes at most `maxLength` characters (then `…`) and at
 * most `MAX_DEPTH` levels deep (deeper values show as `{…}` / `[…]`).
 */

/** Nesting shown before `{…}`/`[…]`; deeper than any sensible log shape. */
const MAX_DEPTH = 32;

/** Collects output parts until `maxLength` characters are used up. */
class BoundedWriter {
	readonly parts: string[] = [];
	private remaining: number;

	constructor(maxLength: number) {
		this.remaining = maxLength;
	}

	get full(): boolean {
		return this.remaining <= 0;
	}

	write(text: string): void {
		if (this.remaining <= 0) {
			return;
		}

		if (text.length > this.remaining) {
			this.parts.push(text.slice(0, this.remaining), '…');
			this.remaining = 0;
			return;
		}

		this.parts.push(text);
		this.remaining -= text.length;
	}
}

function writeValue(writer: BoundedWriter, value: unknown, depth: number): void {
	if (writer.full) {
		return;
	}

	if (value === null || value === undefined) {
		writer.write('null');
		return;
	}

	switch (typeof value) {
		case 'string': {
			// Only the part that can be shown is escaped: a 1 MB string costs no more than a short one.
			writer.write(JSON.stringify(value.length > 4096 ? value.slice(0, 4096) : value));
			return;
		}

		case 'number':
		case 'boolean': {
			writer.write(String(value));
			return;
		}

		case 'object': {
			const isArray = Array.isArray(value);
			if (depth >= MAX_DEPTH) {
				writer.write(isArray ? '[…]' : '{…}');
				return;
			}

			writer.write(isArray ? '[' : '{');
			let first = true;
			if (isArray) {
				for (const item of value as unknown[]) {
					if (writer.full) {
						return;
					}

					writer.write(first ? '' : ',');
					first = false;
					writeValue(writer, item, depth + 1);
				}
			} else {
				for (const key in value as Record<string, unknown>) {
					if (writer.full) {
						return;
					}

					if (!Object.hasOwn(value, key)) {
						continue;
					}

					writer.write(first ? '' : ',');
					first = false;
					writer.write(JSON.stringify(key));
					writer.write(':');
					writeValue(writer, (value as Record<string, unknown>)[key], depth + 1);
				}
			}

			writer.write(isArray ? ']' : '}');
			return;
		}

		default: {
			writer.write('null');
		}
	}
}

/** One line of JSON for `value`, at most `maxLength` characters plus a final `…` when cut. */
export function compactJson(value: unknown, maxLength: number): string {
	const writer = new BoundedWriter(maxLength);
	writeValue(writer, value, 0);
	return writer.parts.join('');
}
