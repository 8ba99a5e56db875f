/** The timeline panel's part of the view state (`T`), apart so the state and its actions share it. */
export type TimelineState = {
	open: boolean;
	/** Index into `BUCKET_SIZES_MS` (1 s, 10 s, 1 min, 10 min). */
	zoom: number;
	/**
	 * The chosen bucket, as a time inside it (ms), so it survives a zoom; undefined: the newest
	 * bucket, following the live edge as new buckets appear.
	 */
	cursor: number | undefined;
};

/** Closed, at 10 s buckets, on the live edge. */
export const INITIAL_TIMELINE: TimelineState = {open: false, zoom: 1, cursor: undefined};
