/**
 * Field paths of the record-shape table and the config file's `fields`, compiled once into
 * readers. A path is a dotted string (`kubernetes.labels.app`) or, for keys that hold dots
 * themselves and sit above other keys, an explicit list of keys
 * (`['logging.googleapis.com/labels', 'traceId']`). At every level of a dotted path the rest of
 * the path is first tried as one key, so `log.level` finds both `{"log.level": …}` (ECS, dotted)
 * and `{"log": {"level": …}}`, and `kubernetes.labels.app.kubernetes.io/name` finds the label
 * `app.kubernetes.io/name`. A number reads an array element (`Scopes.0.TraceId`). Two paths
 * joined by `+` read a time in two fields, seconds and nanoseconds (`timestampSeconds+timestampNanos`).
 */

export type FieldPath = string | readonly string[];

/** Reads one field of a parsed JSON object; undefined when it is not there. */
export type FieldReader = (object: Record<string, unknown>) => unknown;

function nestedReader(segments: readonly string[], dotted: boolean): FieldReader {
	if (segments.length === 1) {
		const key = segments[0]!;
		return (object) => object[key];
	}

	// rests[i]: the path from segment i on, as one key (tried before going down a level).
	const rests = segments.map((_, index) => segments.slice(index).join('.'));
	return (object) => {
		let current: unknown = object;
		for (let index = 0; index < segments.length; index++) {
			if (typeof current !== 'object' || current === null) return undefined;
			const container = current as Record<string, unknown>;
			if (dotted && index < segments.length - 1) {
				const literal = container[rests[index]!];
				if (literal !== undefined) return literal;
			}

			current = container[segments[index]!];
		}

		return current;
	};
}

/** The seconds and nanoseconds of a two-field time, as one value for `parseBodyTime`. */
export type SplitTime = {seconds: unknown; nanos: unknown};

/** Compile a path into a reader (see the module comment for the syntax). */
export function compilePath(path: FieldPath): FieldReader {
	if (typeof path !== 'string') return nestedReader(path, false);
	const plus = path.indexOf('+');
	if (plus > 0) {
		const seconds = compilePath(path.slice(0, plus));
		const nanos = compilePath(path.slice(plus + 1));
		return (object) => {
			const value = seconds(object);
			return value === undefined ? undefined : ({seconds: value, nanos: nanos(object)} satisfies SplitTime);
		};
	}

	return nestedReader(path.split('.'), true);
}

/** A path as the README and messages spell it. */
export function pathLabel(path: FieldPath): string {
	return typeof path === 'string' ? path : path.join(' › ');
}
