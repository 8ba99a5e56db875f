import {fitSegments, type Segment, segmentsWidth} from '../terminal-text/segments.js';
import {splitAtWord, textWidth} from '../terminal-text/truncate-to-width.js';

/**
 * One item of a header or footer row (the topic, the rate, a key hint): the ways it can be
 * drawn and how much it matters. A row that is too narrow drops whole items, the least
 * important first, instead of cutting the row off in the middle of a word.
 */
export type LineItem = {
	/** Ways to draw the item, longest first (e.g. with and without its sparkline). */
	forms: readonly (readonly Segment[])[];
	/** Higher stays longer; between equals, the earlier item stays. */
	priority: number;
	/** Drawn right after the item before it, without the separator (a reason after its state). */
	glue?: boolean;
	/**
	 * When even its shortest form does not fit, take the room that is left and cut it there:
	 * for text that comes from the user or the cluster (a topic name), which must show even
	 * when it is longer than the terminal is wide.
	 */
	cut?: boolean;
};

export type FitOptions = {
	/** Drawn between two items that are not glued. */
	separator?: Segment;
};

/**
 * The items that fit in `width` cells, in their order. First every item takes its shortest
 * form, in order of priority, as long as it fits; then the items grow one form at a time,
 * again in order of priority, round after round, while the row has room. So a narrow row
 * keeps the important items whole and a wide one shows every item at its longest.
 */
export function fitItems(items: readonly LineItem[], width: number, options: FitOptions = {}): Segment[] {
	const separator = options.separator ?? {text: ''};
	const separatorWidth = segmentsWidth([separator]);
	const byPriority = items.map((_, index) => index).sort((a, b) => items[b]!.priority - items[a]!.priority);
	/** Chosen form per item (index into its forms), or -1 when left out; `cuts` holds a cut form. */
	const chosen = items.map(() => -1);
	const cuts = new Map<number, Segment[]>();
	let used = 0;
	let count = 0;
	const gap = (index: number) => (count > 0 && !items[index]!.glue ? separatorWidth : 0);
	for (const index of byPriority) {
		const item = items[index]!;
		const shortest = item.forms.length - 1;
		if (shortest < 0) continue;
		const cost = gap(index) + segmentsWidth(item.forms[shortest]!);
		if (used + cost <= width) {
			chosen[index] = shortest;
			used += cost;
			count += 1;
		} else if (item.cut && width - used - gap(index) > 1) {
			const room = width - used - gap(index);
			cuts.set(index, cutAtWord(item.forms[shortest]!, room));
			chosen[index] = shortest;
			used = width;
			count += 1;
		}
	}
	for (let grown = true; grown; ) {
		grown = false;
		for (const index of byPriority) {
			const form = chosen[index]!;
			if (form <= 0 || cuts.has(index)) continue;
			const forms = items[index]!.forms;
			const extra = segmentsWidth(forms[form - 1]!) - segmentsWidth(forms[form]!);
			if (used + extra > width) continue;
			chosen[index] = form - 1;
			used += extra;
			grown = true;
		}
	}
	const segments: Segment[] = [];
	items.forEach((item, index) => {
		const form = chosen[index]!;
		if (form < 0) return;
		if (segments.length > 0 && !item.glue) segments.push(separator);
		segments.push(...(cuts.get(index) ?? item.forms[form]!));
	});
	return segments;
}

/**
 * A form cut to `room` cells after its last whole word that fits, then ` …`; a word longer
 * than the room (a topic name without spaces) is cut inside, as `fitSegments` does.
 */
function cutAtWord(form: readonly Segment[], room: number): Segment[] {
	const kept: Segment[] = [];
	let used = 0;
	for (const segment of form) {
		const cells = textWidth(segment.text);
		if (used + cells <= room) {
			kept.push(segment);
			used += cells;
			continue;
		}
		const body = segment.text.trimStart();
		const lead = segment.text.slice(0, segment.text.length - body.length);
		const [head] = splitAtWord(body, room - used - lead.length - 2);
		// No room for ` …`: end before this segment. Whole words fit: end there with ` …`.
		if (room - used < 2 && kept.length > 0) return kept;
		if (room - used >= 2 && (head === '' || body.startsWith(`${head} `)))
			return [...kept, {...segment, text: head === '' ? ' …' : `${lead}${head} …`}];
		return fitSegments(form, room);
	}
	return kept;
}
