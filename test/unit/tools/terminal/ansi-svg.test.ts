import {describe, expect, it} from 'vitest';
import {
	applySgr,
	type Cell,
	colourHex,
	DARK_THEME,
	escapeXml,
	parseAnsiScreen,
	renderSvg,
} from '../../../../tools/terminal/ansi-svg.js';

const ESC = '\u001B';

describe('applySgr', () => {
	it('reads 16, 256 and 24-bit colours and the attributes', () => {
		expect(applySgr({}, '1;31;44')).toEqual({bold: true, fg: 1, bg: 4});
		expect(applySgr({}, '92;103')).toEqual({fg: 10, bg: 11});
		expect(applySgr({}, '38;5;75;48;2;30;40;50')).toEqual({fg: 75, bg: '#1e2832'});
		expect(applySgr({}, '38:2::255:0:128')).toEqual({fg: '#ff0080'});
		expect(applySgr({}, '2;3;4;7')).toEqual({dim: true, italic: true, underline: true, inverse: true});
	});

	it('turns attributes and colours off again', () => {
		const styled = applySgr({}, '1;2;7;31;42');
		expect(applySgr(styled, '22;27;39')).toEqual({bg: 2});
		expect(applySgr(styled, '0')).toEqual({});
		expect(applySgr(styled, '')).toEqual({});
	});
});

describe('parseAnsiScreen', () => {
	it('gives every cell its text and style, style carrying over newlines', () => {
		const screen = parseAnsiScreen(`${ESC}[31mab${ESC}[1m\nc${ESC}[0md`, {columns: 3, rows: 2});
		expect(screen.map((row) => row.map((cell) => cell.text).join(''))).toEqual(['ab ', 'cd ']);
		expect(screen[0]![0]!.style).toEqual({fg: 1});
		expect(screen[1]![0]!.style).toEqual({fg: 1, bold: true});
		expect(screen[1]![1]!.style).toEqual({});
		expect(screen[1]![2]).toEqual({text: ' ', style: {}});
	});

	it('gives a wide character two cells and drops what does not fit', () => {
		const screen = parseAnsiScreen('中x\nabcdef\n3rd row', {columns: 4, rows: 2});
		expect(screen[0]!.map((cell) => cell.text)).toEqual(['中', '', 'x', ' ']);
		expect(screen[1]!.map((cell) => cell.text)).toEqual(['a', 'b', 'c', 'd']);
		expect(screen).toHaveLength(2);
	});

	it('skips escapes other than SGR', () => {
		const screen = parseAnsiScreen(`${ESC}]8;;https://x${ESC}\\a${ESC}[?25lb`, {columns: 2, rows: 1});
		expect(screen[0]!.map((cell) => cell.text)).toEqual(['a', 'b']);
	});
});

describe('colourHex', () => {
	it('maps the 16 colours to the theme, 16-255 to the xterm cube and greys', () => {
		expect(colourHex(1)).toBe(DARK_THEME.ansi[1]);
		expect(colourHex(75)).toBe('#5fafff');
		expect(colourHex(231)).toBe('#ffffff');
		expect(colourHex(232)).toBe('#080808');
		expect(colourHex('#123456')).toBe('#123456');
	});
});

describe('renderSvg', () => {
	const cell = (text: string, style: Cell['style'] = {}): Cell => ({text, style});

	it('draws one tspan per run of one style, at its column', () => {
		const svg = renderSvg([
			[
				cell('a', {fg: 75}),
				cell('p', {fg: 75}),
				cell('i', {fg: 75}),
				cell(' '),
				cell('ok', {bold: true}),
				cell(''),
			],
		]);
		const x = (column: number) =>
			Math.round((DARK_THEME.padding + column * DARK_THEME.cellWidth) * 100) / 100;
		expect(svg).toContain(`<tspan x="${x(0)}" fill="#5fafff">api</tspan>`);
		expect(svg).toContain(`<tspan x="${x(4)}" font-weight="bold">ok</tspan>`);
		// The blank cell between them is not drawn.
		expect(svg.match(/<tspan/g)).toHaveLength(2);
		expect(svg).toContain('font-family="&apos;DejaVu Sans Mono&apos;, Menlo, Consolas, monospace"');
		expect(svg).toContain('xml:space="preserve"');
	});

	it('paints backgrounds as rectangles, swaps colours for inverse, dims with opacity', () => {
		const svg = renderSvg([
			[cell('x', {bg: 4}), cell('y', {bg: 4}), cell('z', {inverse: true}), cell('d', {dim: true})],
		]);
		expect(svg).toContain(
			`width="${Math.round(2 * DARK_THEME.cellWidth * 100) / 100}" height="17" fill="${DARK_THEME.ansi[4]}"/>`,
		);
		// Inverse of the defaults: foreground colour behind, background colour for the letter.
		expect(svg).toContain(`fill="${DARK_THEME.foreground}"/>`);
		expect(svg).toContain(`fill="${DARK_THEME.background}">z</tspan>`);
		expect(svg).toContain('fill-opacity="0.55">d</tspan>');
	});

	it('has a title for its alternative text', () => {
		expect(renderSvg([[cell('x')]])).toContain('<title>A terminal screen</title>');
		expect(renderSvg([[cell('x')]], {title: 'klog-tui & logs'})).toContain(
			'<title>klog-tui &amp; logs</title>',
		);
	});

	it('escapes text for XML', () => {
		expect(renderSvg([[cell('<'), cell('&'), cell('>')]])).toContain('>&lt;&amp;&gt;</tspan>');
		expect(escapeXml(`"'`)).toBe('&quot;&apos;');
	});

	it('is as large as the screen plus the padding', () => {
		const svg = renderSvg(parseAnsiScreen('', {columns: 120, rows: 36}));
		const width = Math.round((120 * DARK_THEME.cellWidth + 2 * DARK_THEME.padding) * 100) / 100;
		expect(svg).toContain(`width="${width}" height="${36 * 17 + 2 * DARK_THEME.padding}"`);
		expect(svg).not.toContain('<text');
	});
});
