/**
 * The last index in `0..length-1` whose value is at most `value`, or -1 when every value is
 * greater (or `length` is 0). The values must not decrease along the indices (seqs along a
 * view); `valueAt` may return undefined for an index that has none, read as +infinity.
 */
export function lastAtOrBefore(
	length: number,
	valueAt: (index: number) => number | undefined,
	value: number,
): number {
	let low = 0;
	let high = length - 1;
	let found = -1;
	while (low <= high) {
		const middle = (low + high) >>> 1;
		const atMiddle = valueAt(middle) ?? Number.POSITIVE_INFINITY;
		if (atMiddle <= value) {
			found = middle;
			low = middle + 1;
		} else {
			high = middle - 1;
		}
	}
	return found;
}
