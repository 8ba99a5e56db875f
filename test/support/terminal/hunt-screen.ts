import stringWidth from 'string-width';
import {expect} from 'vitest';

/** The rows of the hunt screen between the header (2 rows) and the footer (2 rows). */
export function huntRows(screen: string, rows = 40): string[] {
	const all = screen.replace(/\n$/, '').split('\n');
	while (all.length < rows) all.push('');
	return all.slice(2, rows - 2);
}

/** Every row fits the terminal and keeps the one-cell left margin of the other views. */
export function expectHuntLayout(screen: string, columns: number): void {
	for (const row of huntRows(screen)) {
		expect(stringWidth(row), `row wider than ${columns}: ${row}`).toBeLessThanOrEqual(columns);
		if (row !== '') expect(row, `no left margin:\n${screen}`).toMatch(/^[ ▌]/);
	}
}
