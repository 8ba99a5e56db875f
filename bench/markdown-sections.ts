/** Replace the section whose `##` title starts with `titlePrefix` (or add it before "## Notes") in a RESULTS.md text. */
export function spliceSection(markdown: string, titlePrefix: string, section: readonly string[]): string {
	const lines = markdown.split('\n');
	const start = lines.findIndex((line) => line.startsWith(titlePrefix));
	const notes = lines.findIndex((line) => line.startsWith('## Notes'));
	if (start >= 0) {
		const end = lines.findIndex((line, index) => index > start && line.startsWith('## '));
		lines.splice(start, (end < 0 ? lines.length : end) - start, ...section, '');
	} else {
		lines.splice(notes < 0 ? lines.length : notes, 0, ...section, '');
	}
	return lines.join('\n');
}
