/**
 * The real `App` on a store fed with fixed records, a live stream status and a recording
 * controller, at a fixed size, plus the helpers the key tests share: press keys, wait for
 * the screen, read the selected line.
 */
import {render} from 'ink-testing-library';
import stringWidth from 'string-width';
import {afterEach, expect, vi} from 'vitest';
import {App} from '../../../source/app.js';
import type {SavedFilterStore} from '../../../source/store/filter/saved-filters.js';
import {createLogStore} from '../../../source/store/log-store.js';
import type {DisposableLogStore} from '../../../source/store/log-store-types.js';
import {createStreamStatusStore} from '../../../source/store/stream-status-store.js';
import type {LagSource} from '../../../source/stream/lag-source.js';
import type {MouseSource} from '../../../source/terminal-text/mouse-report.js';
import type {HuntRunner} from '../../../source/view/hunt/hunt-runner.js';
import {
	frameLines,
	INFO,
	logRecord,
	plain,
	type RecordingController,
	recordingController,
	settle,
} from './tui-fixtures.js';

export const WIDTH = 100;
export const HEIGHT = 24;
export const ESC = '\x1b';

/** Escape sequences terminals send for keys that have no character. */
export const KEYS = {
	up: `${ESC}[A`,
	down: `${ESC}[B`,
	pageUp: `${ESC}[5~`,
	pageDown: `${ESC}[6~`,
	ctrlB: '\x02',
	ctrlF: '\x06',
	enter: '\r',
} as const;

const stores: DisposableLogStore[] = [];
const apps: Rendered[] = [];
// A test that fails before its own unmount leaves an app mounted, and it disturbed the next
// test's keys: every app rendered here is unmounted (again: that is harmless) after each test.
afterEach(() => {
	for (const app of apps.splice(0)) app.unmount();
	for (const store of stores.splice(0)) store.dispose();
});

export const SERVICES = ['api', 'billing', 'db'] as const;
export const LEVELS = ['info', 'warn', 'error', 'debug'] as const;

/**
 * Record `index` of the fixed set: service `SERVICES[index % 3]`, level `LEVELS[index % 4]`
 * (so every fourth record from 2 on is an error), message `message number <index>`.
 */
export function fixedRecord(index: number) {
	return logRecord(
		{
			service: SERVICES[index % 3],
			level: LEVELS[index % 4],
			message: `message number ${index}`,
			userId: index,
			time: Date.UTC(2024, 0, 31, 12, 0, index),
		},
		{partition: index % 2, offset: 1000 + index, key: `k${index}`},
	);
}

export type SetupOptions = {
	width?: number;
	height?: number;
	controller?: RecordingController;
	/** How many fixed records the store starts with (default 40). */
	records?: number;
	/** Where `x` writes its export. */
	exportDirectory?: string;
	/** Where `B` saves and `b` recalls filter lines. */
	savedFilters?: SavedFilterStore;
	/** The lag panel's source (`L`); none: `L` is off. */
	lag?: LagSource;
	/** What runs `H`'s hunts and `C`'s context reads. */
	hunter?: HuntRunner;
	/** The terminal's mouse reports. */
	mouse?: MouseSource;
};

/** Render the App on a fresh store holding `records` fixed records. */
export function setup(options: SetupOptions = {}) {
	const store = createLogStore({maxHz: 1000});
	stores.push(store);
	const status = createStreamStatusStore({maxHz: 1000});
	status.setConnection({kind: 'live'});
	status.setPartitions([
		{topic: 'logs', partition: 0, offset: 41, highWatermark: 50, lag: 8, rate: 3, assigned: true},
		{topic: 'logs', partition: 1, offset: 12, highWatermark: 12, lag: 0, rate: 1, assigned: true},
	]);
	store.append(Array.from({length: options.records ?? 40}, (_, index) => fixedRecord(index)));
	const controller = options.controller ?? recordingController();
	const width = options.width ?? WIDTH;
	const height = options.height ?? HEIGHT;
	const app = render(
		<App
			store={store}
			status={status}
			controller={controller}
			info={INFO}
			width={width}
			height={height}
			exportDirectory={options.exportDirectory}
			savedFilters={options.savedFilters}
			lag={options.lag}
			hunter={options.hunter}
			mouse={options.mouse}
		/>,
	);
	apps.push(app);
	return {app, store, status, controller, width, height};
}

export type Rendered = ReturnType<typeof render>;

/** Type keys into the app and give it a moment. */
export async function press(app: Rendered, keys: string): Promise<void> {
	app.stdin.write(keys);
	await settle(10);
}

/**
 * Retry `check` on the latest frame until it passes: on a loaded 2-core machine a key can
 * take hundreds of milliseconds to reach the screen.
 */
export async function see(app: Rendered, check: (text: string, frame: string) => void): Promise<void> {
	await vi.waitFor(() => check(plain(app.lastFrame()), app.lastFrame() ?? ''), {timeout: 5000, interval: 20});
}

/**
 * Press keys, then wait until the screen shows their effect. Keys pressed before the app
 * has drawn the previous one can be read against the old screen (a key typed right after
 * Enter may still go to the text input), so tests wait for each step as a user's eye would.
 */
export async function step(
	app: Rendered,
	keys: string,
	check: (text: string, frame: string) => void,
): Promise<void> {
	await press(app, keys);
	await see(app, check);
}

/** Every frame line fits the width and the frame fits the height. */
export function expectFits(frame: string | undefined, width: number, height: number): void {
	const lines = frameLines(frame);
	expect(lines.length).toBeLessThanOrEqual(height);
	for (const line of lines) expect(stringWidth(line), JSON.stringify(plain(line))).toBeLessThanOrEqual(width);
}

/** The selected log line of a plain frame (the one marked `▌`), from the marker on. */
export function selectedLine(text: string): string | undefined {
	const line = text.split('\n').find((row) => row.includes('▌'));
	return line?.slice(line.indexOf('▌'));
}

/** The `message number <n>` of the selected line, or undefined when it is not such a line. */
export function selectedNumber(text: string): number | undefined {
	const found = /message number (\d+)/.exec(selectedLine(text) ?? '');
	return found ? Number(found[1]) : undefined;
}

/** The `message number <n>` of every log line on screen, top to bottom. */
export function visibleNumbers(text: string): number[] {
	return [...text.matchAll(/message number (\d+)/g)].map((match) => Number(match[1]));
}

/** The footer's first row (messages and filters): the frame's last line but one. */
export function footerLine(text: string): string {
	return text.split('\n').at(-2) ?? '';
}
