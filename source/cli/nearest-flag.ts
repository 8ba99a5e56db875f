/**
 * The "did you mean" hint for a mistyped flag: the known name closest to what
 * was typed, by edit distance where swapping two neighbouring letters counts
 * as one edit (`--form-beginning` is one edit from `--from-beginning`).
 */

/** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps. */
export function editDistance(a: string, b: string): number {
	const rows = a.length + 1;
	const cols = b.length + 1;
	const d: number[][] = Array.from({length: rows}, () => new Array<number>(cols).fill(0));
	for (let i = 0; i < rows; i++) d[i]![0] = i;
	for (let j = 0; j < cols; j++) d[0]![j] = j;
	for (let i = 1; i < rows; i++) {
		for (let j = 1; j < cols; j++) {
			const cost = a[i - 1] === b[j - 1] ? 0 : 1;
			let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
			if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
				best = Math.min(best, d[i - 2]![j - 2]! + 1);
			}
			d[i]![j] = best;
		}
	}
	return d[a.length]![b.length]!;
}

/**
 * The candidate nearest to `typed`, or undefined when none is close enough to be a
 * plausible typo (at most a third of the longer name's letters wrong, and at least
 * 1 allowed). A candidate that starts with what was typed (`--from` → `--from-beginning`)
 * also counts as near.
 */
export function nearestName(typed: string, candidates: readonly string[]): string | undefined {
	let best: string | undefined;
	let bestDistance = Number.POSITIVE_INFINITY;
	for (const candidate of candidates) {
		const distance = editDistance(typed, candidate);
		if (distance < bestDistance) {
			best = candidate;
			bestDistance = distance;
		}
	}
	if (best !== undefined) {
		const allowed = Math.max(1, Math.floor(Math.max(typed.length, best.length) / 3));
		if (bestDistance <= allowed) return best;
	}
	if (typed.length >= 3) {
		const prefixed = candidates.filter((candidate) => candidate.startsWith(typed));
		if (prefixed.length === 1) return prefixed[0];
	}
	return undefined;
}
