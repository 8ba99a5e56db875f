/**
 * The mouse through the real App (app-harness.tsx: 100 x 24, the wide services panel of 30
 * columns, the log pane from column 31, its lines from row 3; record n is `message number n`):
 * the wheel scrolls, a click selects the line or the service drawn where it lands.
 */
import {describe, expect, it} from 'vitest';
import type {MouseButton, MouseReport, MouseSource} from '../../../source/terminal-text/mouse-report.js';
import {press, see, selectedNumber, setup, step} from '../../support/terminal/app-harness.js';
import {mouseReport} from '../../support/terminal/mouse-reports.js';
import {frameLines, plain} from '../../support/terminal/tui-fixtures.js';

/** A mouse the test moves: each report goes to the app's listener. */
function testMouse(): MouseSource & {send(button: MouseButton, column: number, row: number): void} {
	const listeners = new Set<(report: MouseReport) => void>();
	return {
		subscribe(listener) {
			listeners.add(listener);
			return () => listeners.delete(listener);
		},
		send(button, column, row) {
			for (const listener of listeners) listener(mouseReport({button, column, row}));
		},
	};
}

/** The screen row where `text` is drawn. */
function rowOf(frame: string | undefined, text: string): number {
	return frameLines(plain(frame)).findIndex((line) => line.includes(text));
}

describe('App mouse', {timeout: 30_000}, () => {
	it('a click selects the line under it; the wheel moves the selection three lines', async () => {
		const mouse = testMouse();
		const {app} = setup({mouse});
		await see(app, (text) => expect(selectedNumber(text)).toBe(39));
		const row = rowOf(app.lastFrame(), 'message number 30');
		expect(row).toBeGreaterThan(2);
		mouse.send('left', 60, row);
		await see(app, (text) => {
			expect(selectedNumber(text)).toBe(30);
			expect(text).toContain('not following');
		});
		// The line stays where it was: a click on a line in view does not scroll.
		expect(rowOf(app.lastFrame(), 'message number 30')).toBe(row);
		mouse.send('wheelUp', 60, 10);
		await see(app, (text) => expect(selectedNumber(text)).toBe(27));
		mouse.send('wheelDown', 60, 10);
		mouse.send('wheelDown', 60, 10);
		await see(app, (text) => expect(selectedNumber(text)).toBe(33));
		// On the title, the header or the blank column between the panels: nothing.
		for (const [column, at] of [
			[60, 2],
			[60, 0],
			[30, row],
		] as const)
			mouse.send('left', column, at);
		mouse.send('right', 60, row);
		await press(app, '');
		await see(app, (text) => expect(selectedNumber(text)).toBe(33));
		app.unmount();
	});

	it('a click on a service puts the cursor there and focuses the list; the wheel moves it', async () => {
		const mouse = testMouse();
		const {app} = setup({mouse});
		await see(app, (text) => expect(text).toContain('billing'));
		const row = rowOf(app.lastFrame(), 'billing');
		mouse.send('left', 5, row);
		await see(app, (text) => expect(frameLines(text)[row]).toMatch(/^▶2 ● billing/));
		mouse.send('wheelDown', 5, row);
		await see(app, (text) => expect(frameLines(text)[row + 1]).toMatch(/^▶3 ● db/));
		mouse.send('wheelUp', 5, row);
		await see(app, (text) => expect(frameLines(text)[row - 1]).toMatch(/^▶1 ● api/));
		// Back to the log by a click on a line: the selection moves, the list loses its cursor mark.
		const line = rowOf(app.lastFrame(), 'message number 35');
		mouse.send('left', 60, line);
		await see(app, (text) => {
			expect(selectedNumber(text)).toBe(35);
			expect(text).not.toContain('▶');
		});
		app.unmount();
	});

	it('while a filter is typed the mouse does nothing and types nothing', async () => {
		const mouse = testMouse();
		const {app} = setup({mouse});
		await see(app, (text) => expect(selectedNumber(text)).toBe(39));
		await step(app, '/', (text) => expect(frameLines(text).at(-2)).toContain('Enter keep'));
		const before = plain(app.lastFrame());
		mouse.send('left', 60, rowOf(app.lastFrame(), 'message number 30'));
		mouse.send('wheelUp', 60, 10);
		mouse.send('left', 5, rowOf(app.lastFrame(), 'billing'));
		await press(app, '');
		expect(plain(app.lastFrame())).toBe(before);
		await step(app, 'x', (text) => expect(frameLines(text).at(-2)).toMatch(/filter \/ x {2}/));
		app.unmount();
	});
});
