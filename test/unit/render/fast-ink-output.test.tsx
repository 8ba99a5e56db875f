/**
 * The fast frame composition (source/render/) must draw exactly what Ink draws. Every frame
 * Ink renders here is composed both ways from the same Output, and the two screens are compared
 * cell by cell (character and style): real App frames in many states, hostile records, wide
 * and combining characters, and hand-made writes that overlap or are clipped.
 */
import fs from 'node:fs';
import {createRequire} from 'node:module';
import {render} from 'ink-testing-library';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {App} from '../../../source/app.js';
import {composePlainRow, placeLines, plainCells} from '../../../source/render/compose-rows.js';
import {
	type Frame,
	fastFrame,
	loadInkOutput,
	type OutputClass,
	type OutputInstance,
	SUPPORTED_INK,
} from '../../../source/render/fast-ink-output.js';
import {createLogStore} from '../../../source/store/log-store.js';
import type {DisposableLogStore} from '../../../source/store/log-store-types.js';
import {createStreamStatusStore} from '../../../source/store/stream-status-store.js';
import {parseAnsiScreen} from '../../../tools/terminal/ansi-svg.js';
import {HOSTILE_CASES} from '../../support/records/hostile-corpus.js';
import {INFO, logRecord, recordingController, settle} from '../../support/terminal/tui-fixtures.js';

let Output: OutputClass;
let inkGet: (this: OutputInstance) => Frame;
/** Frames composed both ways: [Ink's, the fast one, width]. */
const pairs: Array<[string, string, number]> = [];
const stores: DisposableLogStore[] = [];

beforeAll(async () => {
	const loaded = await loadInkOutput();
	if (!loaded) throw new Error('the installed Ink is not one source/render/fast-ink-output.ts supports');
	Output = loaded;
	inkGet = Output.prototype.get;
	// Every frame any App renders below is composed both ways; Ink's is what it draws.
	Output.prototype.get = function (this: OutputInstance) {
		const ink = inkGet.call(this);
		const fast = fastFrame.call(this, Output, inkGet);
		pairs.push([ink.output, fast.output, this.width]);
		return ink;
	};
});

afterAll(() => {
	Output.prototype.get = inkGet;
	for (const store of stores) store.dispose();
});

/** The screen as cells (character and style), blank cells at the end of a row dropped. */
function screenOf(frame: string, width: number): string[][] {
	const rows = frame.split('\n').length;
	return parseAnsiScreen(frame, {columns: width + 8, rows}).map((row) => {
		// Styles compared by value, not by the order the codes came in.
		const cells = row.map((cell) => `${cell.text}${JSON.stringify(Object.entries(cell.style).sort())}`);
		while (cells.length > 0 && cells.at(-1) === ' []') cells.pop();
		return cells;
	});
}

/** Where two frames first differ, in words (so a failure says which cell). */
function firstDifference(fast: string, ink: string, width: number): string | undefined {
	const [a, b] = [screenOf(fast, width), screenOf(ink, width)];
	for (let row = 0; row < Math.max(a.length, b.length); row++) {
		const [x, y] = [a[row] ?? [], b[row] ?? []];
		for (let column = 0; column < Math.max(x.length, y.length); column++) {
			if (x[column] !== y[column]) {
				const text = (cells: string[]) =>
					cells.map((cell) => cell.slice(0, cell.indexOf('{')) || ' ').join('');
				return `row ${row} column ${column}: fast ${x[column]} / Ink ${y[column]}\nfast: ${text(x)}\nInk:  ${text(y)}`;
			}
		}
	}
	return undefined;
}

function expectSameScreens(): number {
	const compared = pairs.splice(0);
	for (const [ink, fast, width] of compared) expect(firstDifference(fast, ink, width)).toBeUndefined();
	return compared.length;
}

async function renderApp(records: Parameters<typeof logRecord>[0][], width = 120, height = 30) {
	const store = createLogStore({maxHz: 1000});
	stores.push(store);
	const status = createStreamStatusStore({maxHz: 1000});
	status.setConnection({kind: 'reconnecting', reason: 'connection refused', attempt: 3});
	status.setPartitions([
		{topic: 'logs', partition: 0, offset: 41, highWatermark: 50, lag: 8, rate: 3, assigned: true},
	]);
	store.append(records.map((fields, index) => logRecord(fields, {offset: index, key: `k${index}`})));
	const app = render(
		<App
			store={store}
			status={status}
			controller={recordingController()}
			info={INFO}
			width={width}
			height={height}
		/>,
	);
	await settle();
	return {app, store};
}

describe('fast Ink frames', {timeout: 30_000}, () => {
	it('knows the installed Ink version (an upgrade must be checked with these tests)', () => {
		const inkPackage = createRequire(import.meta.url)
			.resolve('ink')
			.replace(/build\/index\.js$/, 'package.json');
		const {version} = JSON.parse(fs.readFileSync(inkPackage, 'utf8')) as {version: string};
		expect(SUPPORTED_INK).toContain(version);
	});

	it('draws the App exactly as Ink does, in every view', async () => {
		const services = ['api', 'billing', 'db', 'search'];
		const records = Array.from({length: 80}, (_, index) => ({
			service: services[index % 4],
			level: ['info', 'warn', 'error', 'debug', 'fatal'][index % 5],
			message: `request ${index} took ${index * 7} ms — timeout ${index % 3 === 0 ? 'yes' : 'no'} · ok`,
			userId: index,
		}));
		const {app} = await renderApp(records);
		for (const keys of [
			'?',
			'?',
			'T',
			'\u001b[D',
			'z',
			'\r',
			'\u001b',
			'p',
			'o',
			'w',
			'k',
			'k',
			'\r',
			'j',
			'j',
			'\u001b',
			'/',
			't',
			'i',
			'm',
			'\r',
			'f',
			'o',
		]) {
			app.stdin.write(keys);
			await settle(15);
		}
		app.unmount();
		expect(expectSameScreens()).toBeGreaterThan(10);
	});

	it('draws wide, combining and hostile text exactly as Ink does', async () => {
		const records = [
			...HOSTILE_CASES.filter((entry) => entry.value !== null).map((entry, index) => ({
				service: `svc-${index % 5}`,
				message: entry.value!.toString('utf8').slice(0, 300),
			})),
			{service: '日本語サービス', message: '全角の文字とカタカナ、emoji 🚀🔥 and 👩‍💻 joined'},
			{service: 'cafe\u0301', message: 'combining e\u0301 and a\u0308 and Hangul 한국어'},
			{service: 'api', message: 'box ─│┼ blocks ▁▂▃█ arrows ← → and math ∑ ∞'},
		];
		const {app} = await renderApp(records, 90, 40);
		for (const keys of ['k', '\r', 'j', '\u001b', 'o', 'w']) {
			app.stdin.write(keys);
			await settle(15);
		}
		app.unmount();
		expect(expectSameScreens()).toBeGreaterThan(3);
	});

	it('composes overlapping, clipped and multi-line writes exactly as Ink does', () => {
		const cases: Array<(output: InstanceType<OutputClass>) => void> = [
			// Later writes cover earlier ones where they overlap.
			(output) => {
				output.write(0, 0, 'hello world', {transformers: []});
				output.write(6, 0, '\u001b[31mthere\u001b[39m', {transformers: []});
			},
			// A wide character covered half by a later write.
			(output) => {
				output.write(0, 1, 'ab日本cd', {transformers: []});
				output.write(3, 1, 'X', {transformers: []});
			},
			// Multi-line text, transformers given each line's index, a vertical clip.
			(output) => {
				output.clip({y1: 1, y2: 3});
				const numbered = (line: string, index: number) => `${index}:${line}`;
				output.write(2, 0, 'zero\none\ntwo\nthree', {transformers: [numbered] as never});
				output.unclip();
			},
			// Gaps between writes, styled padding, text past the width.
			(output) => {
				output.write(3, 2, '\u001b[44m  \u001b[49m', {transformers: []});
				output.write(10, 2, 'right', {transformers: []});
				output.write(18, 3, 'past the width of the frame', {transformers: []});
			},
			// A horizontal clip: the whole frame goes to Ink.
			(output) => {
				output.clip({x1: 2, x2: 6, y1: 0, y2: 4});
				output.write(0, 0, '\u001b[1mclipped text\u001b[22m', {transformers: []});
				output.unclip();
			},
		];
		for (const draw of cases) {
			const output = new Output({width: 20, height: 4});
			draw(output);
			const ink = inkGet.call(output).output;
			const fast = fastFrame.call(output, Output, inkGet).output;
			expect(firstDifference(fast, ink, 20)).toBeUndefined();
		}
	});
});

describe('compose-rows', () => {
	it('counts plain cells, and refuses what Ink must compose', () => {
		expect(plainCells('\u001b[31mabc\u001b[39m def')).toBe(7);
		expect(plainCells('─│▁█ ·…—')).toBe(8);
		expect(plainCells('█▓▒ ▲┴─ ab')).toBe(10);
		expect(plainCells('█\u0301▓')).toBeUndefined();
		expect(plainCells('日本')).toBeUndefined();
		expect(plainCells('e\u0301')).toBeUndefined();
		expect(plainCells('🚀')).toBeUndefined();
		expect(plainCells('tab\there')).toBeUndefined();
		expect(plainCells('\u001b]0;title\u0007')).toBeUndefined();
		expect(plainCells('\u001b[31')).toBeUndefined();
	});

	it('counts a narrow character one cell only when no neighbour can join it', () => {
		expect(plainCells(' ● live · 5 ≥ ©')).toBe(15);
		// A spacing mark that is a letter (Thai sara am), a half-width voiced mark, a prepended sign.
		expect(plainCells('\u0e01\u0e33')).toBeUndefined();
		expect(plainCells('\uff76\uff9e')).toBeUndefined();
		expect(plainCells('\u0d4ea')).toBeUndefined();
		// Regional indicators pair up into one flag.
		expect(plainCells('\u{1f1e9}\u{1f1ea}')).toBeUndefined();
	});

	it('joins non-overlapping plain lines in column order, and leaves overlaps to Ink', () => {
		expect(
			composePlainRow([
				{x: 4, text: 'b'},
				{x: 0, text: 'a'},
			]),
		).toBe('a   b');
		expect(
			composePlainRow([
				{x: 0, text: 'abc'},
				{x: 2, text: 'X'},
			]),
		).toBeUndefined();
		expect(composePlainRow([{x: 0, text: '\u001b[1mbold\u001b[22m'}])).toBe(
			'\u001b[1mbold\u001b[22m\u001b[0m',
		);
		expect(composePlainRow([{x: 0, text: 'pad   '}])).toBe('pad');
		expect(
			placeLines(2, [
				{type: 'clip', clip: {x1: 0, x2: 3}},
				{type: 'write', x: 0, y: 0, text: 'a', transformers: []},
			]),
		).toBeUndefined();
	});
});
