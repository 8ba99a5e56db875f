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

describe('App mouse: overlays, wrap, a small terminal', {timeout: 30_000}, () => {
	it('the wheel scrolls the detail view and the help; a click there does nothing', async () => {
		const mouse = testMouse();
		const {app} = setup({mouse, height: 12});
		await see(app, (text) => expect(selectedNumber(text)).toBe(39));
		await step(app, '\r', (text) => expect(text).toContain('message number 39'));
		const top = plain(app.lastFrame());
		mouse.send('wheelDown', 50, 5);
		await see(app, (text) => expect(text).not.toBe(top));
		const scrolled = plain(app.lastFrame());
		mouse.send('left', 50, 5);
		await press(app, '');
		expect(plain(app.lastFrame())).toBe(scrolled);
		mouse.send('wheelUp', 50, 5);
		await see(app, (text) => expect(text).toBe(top));

		await step(app, '\x1b', (text) => expect(text).toContain('Logs'));
		await step(app, '?', (text) => expect(text).not.toContain('Logs'));
		const helpTop = plain(app.lastFrame());
		mouse.send('wheelDown', 50, 5);
		await see(app, (text) => expect(text).not.toBe(helpTop));
		mouse.send('wheelUp', 50, 5);
		await see(app, (text) => expect(text).toBe(helpTop));
		app.unmount();
	});

	it('with wrap, a click on any row of a wrapped line selects that line', async () => {
		const mouse = testMouse();
		// 60 columns: each line wraps onto four rows (`messag`, `e`, `number`, `37`).
		const {app} = setup({mouse, width: 60});
		await see(app, (text) => expect(text).toContain('Logs 40 lines'));
		await step(app, 'w', (text) => expect(text).toContain('· wrap'));
		const start = rowOf(app.lastFrame(), 'billing WARN');
		expect(frameLines(plain(app.lastFrame()))[start + 3]?.trim()).toBe('37');
		mouse.send('left', 40, start + 3);
		await see(app, (text) => expect(frameLines(text)[start]).toMatch(/▌\S+ \S+ billing WARN/));
		// The top row shows only the end of line 35: a click there selects 35, drawn whole from the top.
		expect(frameLines(plain(app.lastFrame()))[3]).toMatch(/ {20}e$/);
		mouse.send('left', 40, 3);
		await see(app, (text) => expect(frameLines(text)[3]).toMatch(/▌\S+ \S+ db +DEBUG/));
		app.unmount();
	});

	it('a terminal too small for the layout ignores the mouse', async () => {
		const mouse = testMouse();
		const {app} = setup({mouse, width: 50});
		await see(app, (text) => expect(text).toContain('Terminal too small'));
		const before = plain(app.lastFrame());
		mouse.send('left', 20, 3);
		mouse.send('wheelUp', 20, 3);
		await press(app, '');
		expect(plain(app.lastFrame())).toBe(before);
		app.unmount();
	});
});
