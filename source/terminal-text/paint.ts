import chalk, {type ChalkInstance} from 'chalk';

const RGB = /^rgb\(\s?(\d+),\s?(\d+),\s?(\d+)\s?\)$/;
const ANSI_256 = /^ansi256\(\s?(\d+)\s?\)$/;

/**
 * Chalk for a colour as Ink's `<Text color>` reads it: a chalk name (`cyan`, `redBright`),
 * `#rrggbb`, `rgb(r, g, b)` or `ansi256(n)`; undefined for anything else (shown uncoloured).
 * `paint` is the chalk to start from (plain output picks its colour level).
 */
export function paintFor(
	color: string,
	background: boolean,
	paint: ChalkInstance = chalk,
): ChalkInstance | undefined {
	if (color in paint) {
		const name = background ? `bg${color[0]!.toUpperCase()}${color.slice(1)}` : color;
		const named = (paint as unknown as Record<string, unknown>)[name];
		return typeof named === 'function' ? (named as ChalkInstance) : undefined;
	}
	if (color.startsWith('#')) return background ? paint.bgHex(color) : paint.hex(color);
	const ansi = ANSI_256.exec(color);
	if (ansi) return background ? paint.bgAnsi256(Number(ansi[1])) : paint.ansi256(Number(ansi[1]));
	const rgb = RGB.exec(color);
	if (rgb) {
		const [red, green, blue] = [Number(rgb[1]), Number(rgb[2]), Number(rgb[3])];
		return background ? paint.bgRgb(red, green, blue) : paint.rgb(red, green, blue);
	}
	return undefined;
}
