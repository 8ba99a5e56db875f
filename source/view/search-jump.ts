import type {LogStore, ViewLine} from '../store/log-store-types.js';

/** The part of the store a search jump reads. */
export type SearchableView = Pick<LogStore, 'find' | 'viewLength'>;

/** Where `n`/`N` lands: a view position (-1 when nothing matches) and whether it went round the end. */
export type SearchJump = {index: number; wrapped: boolean};

/**
 * The next (`direction` 1) or previous (-1) line from view position `from` that `test` accepts,
 * going round the end of the view as `less` and vim do: `n` on the newest line finds the oldest
 * match instead of "no more matches".
 */
export function findWrapping(
	view: SearchableView,
	from: number,
	direction: 1 | -1,
	test: (line: ViewLine) => boolean,
): SearchJump {
	const found = view.find(from, direction, test);
	if (found >= 0) return {index: found, wrapped: false};
	const index = view.find(direction === 1 ? -1 : view.viewLength, direction, test);
	return {index, wrapped: index >= 0};
}

/** Which match (1-based, oldest first) the line at view position `index` is. O(index). */
export function matchOrdinal(view: SearchableView, index: number, test: (line: ViewLine) => boolean): number {
	let ordinal = 0;
	for (let at = view.find(-1, 1, test); at >= 0 && at <= index; at = view.find(at, 1, test)) ordinal++;
	return ordinal;
}
