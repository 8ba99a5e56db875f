/**
 * A terminal screen captured with its colours (`tmux capture-pane -e -p`: text with SGR
 * sequences) turned into cells, and cells into an SVG image. Used by `npm run screenshot`
 * (scripts/screenshot.ts) for docs/screenshot.png. Pure: strings in, strings out.
 *
 * Only what a captured screen holds is understood: printable text, newlines and SGR (`ESC [ … m`:
 * 16, 256 and 24-bit colours, bold, dim, italic, underline, inverse). Other escapes are skipped.
 * tools/terminal/virtual-terminal.ts models cursor movement but drops colours, which are the point here.
 */
import stringWidth from 'string-width';

/** A colour as the terminal was told it: a palette index (0-255) or `#rrggbb`. */
export type TerminalColour = number | string;

/** How a cell is drawn. `undefined` colours are the terminal's defaults. */
export type CellStyle = {
	fg?: TerminalColour;
	bg?: TerminalColour;
	bold?: boolean;
	dim?: boolean;
	italic?: boolean;
	underline?: boolean;
	inverse?: boolean;
};

/**
 * One terminal cell. A wide character (CJK, some emoji) takes its cell and the next, which
 * holds `''` so columns stay aligned.
 */
export type Cell = {text: string; style: CellStyle};

export type ScreenSize = {columns: number; rows: number};

/** SGR parameters to a new style. Unknown codes leave the style as it was, like a terminal. */
export function applySgr(style: CellStyle, parameters: string): CellStyle {
	// `38:2::r:g:b` (colon sub-parameters) and `38;2;r;g;b` both occur; read them the same way.
	const codes = parameters === '' ? [0] : parameters.split(/[;:]/).map((part) => Number(part) || 0);
	const next: CellStyle = {...style};
	for (let index = 0; index < codes.length; index++) {
		const code = codes[index]!;
		if (code === 0) {
			for (const key of Object.keys(next) as (keyof CellStyle)[]) delete next[key];
		} else if (code === 1) next.bold = true;
		else if (code === 2) next.dim = true;
		else if (code === 3) next.italic = true;
		else if (code === 4) next.underline = true;
		else if (code === 7) next.inverse = true;
		else if (code === 21 || code === 22) {
			delete next.bold;
			delete next.dim;
		} else if (code === 23) delete next.italic;
		else if (code === 24) delete next.underline;
		else if (code === 27) delete next.inverse;
		else if (code >= 30 && code <= 37) next.fg = code - 30;
		else if (code >= 90 && code <= 97) next.fg = code - 90 + 8;
		else if (code >= 40 && code <= 47) next.bg = code - 40;
		else if (code >= 100 && code <= 107) next.bg = code - 100 + 8;
		else if (code === 39) delete next.fg;
		else if (code === 49) delete next.bg;
		else if (code === 38 || code === 48) {
			const [colour, used] = extendedColour(codes, index + 1, parameters.includes(':'));
			if (colour !== undefined) next[code === 38 ? 'fg' : 'bg'] = colour;
			index += used;
		}
	}
	return next;
}

/** `5;n` or `2;r;g;b` after a 38/48; returns the colour and how many codes it took. */
function extendedColour(
	codes: readonly number[],
	at: number,
	colons: boolean,
): [TerminalColour | undefined, number] {
	const mode = codes[at];
	if (mode === 5) return [clampByte(codes[at + 1] ?? 0), 2];
	if (mode === 2) {
		// The colon form may carry a colour-space id first (`38:2::r:g:b`, 6 codes); `38:2:r:g:b` has none.
		const skip = colons && codes.length - at >= 5 ? 1 : 0;
		const [r, g, b] = [codes[at + 1 + skip], codes[at + 2 + skip], codes[at + 3 + skip]].map((v) =>
			clampByte(v ?? 0),
		);
		return [`#${[r!, g!, b!].map((v) => v.toString(16).padStart(2, '0')).join('')}`, 4 + skip];
	}
	return [undefined, 0];
}

const clampByte = (value: number) => Math.min(255, Math.max(0, Math.trunc(value)));

/** An escape sequence: CSI (`ESC [ … final`), OSC (`ESC ] … BEL|ST`) or a two-byte escape. */
const ESCAPE = /\u001B(?:\[([0-9;:?]*)([@-~])|\][^\u0007\u001B]*(?:\u0007|\u001B\\)?|[^[\]])/y;

const segmenter = new Intl.Segmenter(undefined, {granularity: 'grapheme'});

/**
 * Cells of a captured screen: `rows` rows of `columns` cells, blank cells in the default style.
 * Style carries over newlines (tmux writes only the changes from the cell before, across rows).
 * Text past the last column or row is dropped.
 */
export function parseAnsiScreen(text: string, size: ScreenSize): Cell[][] {
	const blank = (): Cell => ({text: ' ', style: {}});
	const screen: Cell[][] = Array.from({length: size.rows}, () => Array.from({length: size.columns}, blank));
	let style: CellStyle = {};
	let row = 0;
	let column = 0;
	const put = (plain: string) => {
		for (const {segment} of segmenter.segment(plain)) {
			const width = stringWidth(segment);
			if (width === 0) continue;
			if (row < size.rows && column + width <= size.columns) {
				const line = screen[row]!;
				line[column] = {text: segment, style};
				for (let extra = 1; extra < width; extra++) line[column + extra] = {text: '', style};
			}
			column += width;
		}
	};
	let index = 0;
	let plainStart = 0;
	while (index < text.length) {
		const code = text.charCodeAt(index);
		if (code === 0x1b || code === 0x0a || code === 0x0d) {
			put(text.slice(plainStart, index));
			if (code === 0x1b) {
				ESCAPE.lastIndex = index;
				const match = ESCAPE.exec(text);
				if (match?.[2] === 'm') style = applySgr(style, match[1] ?? '');
				index = match ? ESCAPE.lastIndex : index + 1;
			} else {
				if (code === 0x0a) row += 1;
				column = 0;
				index += 1;
			}
			plainStart = index;
		} else index += 1;
	}
	put(text.slice(plainStart));
	return screen;
}

/** Colours and font of the image. */
export type SvgTheme = {
	background: string;
	foreground: string;
	/** The 16 ANSI colours: black, red, green, yellow, blue, magenta, cyan, white, then the bright ones. */
	ansi: readonly string[];
	fontFamily: string;
	/** px. */
	fontSize: number;
	/** Width of one cell, px: the font's advance (DejaVu Sans Mono: 1233/2048 em). */
	cellWidth: number;
	/** Height of one row, px. */
	lineHeight: number;
	/** Space around the screen, px. */
	padding: number;
};

/** A dark theme (VS Code's terminal colours) with DejaVu Sans Mono, which has box-drawing and block glyphs. */
export const DARK_THEME: SvgTheme = {
	background: '#1e1e1e',
	foreground: '#cccccc',
	ansi: [
		'#000000',
		'#cd3131',
		'#0dbc79',
		'#e5e510',
		'#2472c8',
		'#bc3fbc',
		'#11a8cd',
		'#e5e5e5',
		'#666666',
		'#f14c4c',
		'#23d18b',
		'#f5f543',
		'#3b8eea',
		'#d670d6',
		'#29b8db',
		'#ffffff',
	],
	fontFamily: "'DejaVu Sans Mono', Menlo, Consolas, monospace",
	fontSize: 14,
	cellWidth: (14 * 1233) / 2048,
	lineHeight: 17,
	padding: 14,
};

/** A palette index or `#rrggbb` as `#rrggbb`: the theme's 16 colours, then xterm's cube and greys. */
export function colourHex(colour: TerminalColour, theme: SvgTheme = DARK_THEME): string {
	if (typeof colour === 'string') return colour;
	if (colour < 16) return theme.ansi[colour] ?? theme.foreground;
	const hex = (value: number) => value.toString(16).padStart(2, '0');
	if (colour >= 232) {
		const grey = 8 + 10 * (colour - 232);
		return `#${hex(grey)}${hex(grey)}${hex(grey)}`;
	}
	const levels = [0, 95, 135, 175, 215, 255];
	const cube = colour - 16;
	return `#${hex(levels[Math.floor(cube / 36)]!)}${hex(levels[Math.floor(cube / 6) % 6]!)}${hex(levels[cube % 6]!)}`;
}

/** The colours a cell is painted with, inverse applied. */
function paint(style: CellStyle, theme: SvgTheme): {fg: string; bg: string | undefined} {
	const fg = style.fg === undefined ? theme.foreground : colourHex(style.fg, theme);
	const bg = style.bg === undefined ? undefined : colourHex(style.bg, theme);
	return style.inverse ? {fg: bg ?? theme.background, bg: fg} : {fg, bg};
}

/** Escape for XML text and attribute values. */
export function escapeXml(text: string): string {
	return text.replace(
		/[&<>"']/g,
		(character) => ({'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;'})[character]!,
	);
}

const round = (value: number) => Math.round(value * 100) / 100;

/** The tspan attributes of a style (fill, weight, opacity...), as one string: equal strings mean one run. */
function textAttributes(style: CellStyle, theme: SvgTheme): string {
	const {fg} = paint(style, theme);
	return [
		fg === theme.foreground ? '' : ` fill="${fg}"`,
		style.bold ? ' font-weight="bold"' : '',
		style.italic ? ' font-style="italic"' : '',
		style.underline ? ' text-decoration="underline"' : '',
		// Dim text is the colour at half strength, as most terminals draw it.
		style.dim ? ' fill-opacity="0.55"' : '',
	].join('');
}

export type SvgOptions = {
	theme?: SvgTheme;
	/** The image's `<title>`: its alternative text (and Biome's lint asks for one). */
	title?: string;
};

/**
 * The screen as an SVG: a rounded background, one rectangle per run of cells with the same
 * background colour, and per row one `<text>` holding a `<tspan>` per run of the same style,
 * placed at its column (a wide character gets a run of its own, so a fallback font's glyph
 * width cannot push the rest of the row off the grid). Blank default-style runs are left out.
 */
export function renderSvg(screen: readonly (readonly Cell[])[], options: SvgOptions = {}): string {
	const theme = options.theme ?? DARK_THEME;
	const columns = Math.max(0, ...screen.map((row) => row.length));
	const width = round(columns * theme.cellWidth + 2 * theme.padding);
	const height = round(screen.length * theme.lineHeight + 2 * theme.padding);
	const x = (column: number) => round(theme.padding + column * theme.cellWidth);
	const top = (row: number) => round(theme.padding + row * theme.lineHeight);
	// Centre the font's ascent + descent (about 1.16 em for DejaVu Sans Mono) in the row.
	const baseline = round((theme.lineHeight - 1.164 * theme.fontSize) / 2 + 0.928 * theme.fontSize);

	const rects: string[] = [];
	const texts: string[] = [];
	for (const [rowIndex, row] of screen.entries()) {
		// Backgrounds: runs of one colour.
		let runStart = 0;
		for (let column = 1; column <= row.length; column++) {
			const colour = paint(row[runStart]!.style, theme).bg;
			const next = column < row.length ? paint(row[column]!.style, theme).bg : Symbol('end');
			if (next === colour) continue;
			if (colour !== undefined) {
				rects.push(
					`<rect x="${x(runStart)}" y="${top(rowIndex)}" width="${round((column - runStart) * theme.cellWidth)}" height="${theme.lineHeight}" fill="${colour}"/>`,
				);
			}
			runStart = column;
		}
		// Text: runs of one style; a wide character alone.
		const spans: string[] = [];
		let column = 0;
		while (column < row.length) {
			const cell = row[column]!;
			const attributes = textAttributes(cell.style, theme);
			let end = column + 1;
			let text = cell.text;
			const wide = row[end]?.text === '';
			if (wide) {
				while (row[end]?.text === '') end += 1;
			} else {
				while (
					end < row.length &&
					row[end]!.text !== '' &&
					row[end + 1]?.text !== '' &&
					textAttributes(row[end]!.style, theme) === attributes
				) {
					text += row[end]!.text;
					end += 1;
				}
			}
			// Trailing blanks draw nothing, unless they are underlined.
			const drawn = cell.style.underline ? text : text.trimEnd();
			if (drawn !== '') spans.push(`<tspan x="${x(column)}"${attributes}>${escapeXml(drawn)}</tspan>`);
			column = end;
		}
		if (spans.length > 0) texts.push(`<text y="${round(top(rowIndex) + baseline)}">${spans.join('')}</text>`);
	}
	return [
		`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" xml:space="preserve">`,
		`<title>${escapeXml(options.title ?? 'A terminal screen')}</title>`,
		`<rect width="100%" height="100%" rx="8" fill="${theme.background}"/>`,
		...rects,
		`<g font-family="${escapeXml(theme.fontFamily)}" font-size="${theme.fontSize}" fill="${theme.foreground}">`,
		...texts,
		'</g>',
		'</svg>',
		'',
	].join('\n');
}
