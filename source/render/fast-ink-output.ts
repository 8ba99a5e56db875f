import {composePlainRow, type OutputOperation, placeLines} from './compose-rows.js';
import {loadInkOutputModule} from './ink-output-module.js';

/**
 * A faster last step for Ink's frames. Ink 6.8's `Output.get` turns every frame into a grid of
 * cell objects and tokenizes every written line character by character: at 200x50 that was
 * about 9 of the 12 ms a frame took, and a fifth of the CPU went to collecting those objects
 * (profiled with bench/frame-micro.ts). Our rows are already cut to width and never overlap,
 * so most rows can be joined as strings: `composePlainRow`. A row that is not that simple (wide
 * or combining characters, overlapping writes) is composed by Ink's own code, on its own; a
 * frame with a horizontal clip goes to Ink whole. What the terminal shows is the same.
 *
 * It patches `Output.prototype.get` of the Ink version it was written and tested against
 * (`SUPPORTED_INK`), found by ink-output-module.ts; any other
 * version is left alone, so an Ink upgrade can only make frames slower, not wrong.
 */

/** The Ink versions whose `Output` this module knows (checked by test/unit/render/fast-ink-output.test.tsx). */
export const SUPPORTED_INK = ['6.8.0'];

/** A `<Transform>` function, as Ink's `Output.write` takes them. */
type Transformer = (line: string, index: number) => string;
/** What `Output.get` returns. */
export type Frame = {output: string; height: number};
/** The part of an Ink `Output` instance the fast path reads. */
export type OutputInstance = {width: number; height: number; operations: OutputOperation[]};
/** Ink's `Output` class, as far as this module uses it. */
export type OutputClass = {
	new (options: {
		width: number;
		height: number;
	}): OutputInstance & {
		write(x: number, y: number, text: string, options: {transformers: readonly Transformer[]}): void;
		clip(clip: {x1?: number; x2?: number; y1?: number; y2?: number}): void;
		unclip(): void;
		get(): Frame;
	};
	prototype: {get(this: OutputInstance): Frame};
};

let original: ((this: OutputInstance) => Frame) | undefined;
let installed: OutputClass | undefined;

/** Ink's `Output` class, or undefined when this Ink is not one we know. */
export async function loadInkOutput(): Promise<OutputClass | undefined> {
	const {version, Output} = (await loadInkOutputModule()) as {version: string; Output?: OutputClass};
	if (!SUPPORTED_INK.includes(version)) return undefined;
	return typeof Output?.prototype?.get === 'function' ? Output : undefined;
}

/** A frame composed row by row, each row the fast way when it can be, Ink's way when not. */
export function fastFrame(
	this: OutputInstance,
	Output: OutputClass,
	inkGet: (this: OutputInstance) => Frame,
): Frame {
	const rows = placeLines(this.height, this.operations);
	if (!rows) return inkGet.call(this);
	const output: string[] = [];
	for (const lines of rows) {
		const fast = composePlainRow(lines);
		if (fast !== undefined) {
			output.push(fast);
			continue;
		}
		// Ink composes this row alone: the same lines, already transformed, at row 0.
		const single = new Output({width: this.width, height: 1});
		for (const {x, text} of lines) single.write(x, 0, text, {transformers: []});
		output.push(inkGet.call(single).output);
	}
	return {output: output.join('\n'), height: rows.length};
}

/**
 * Make Ink compose frames the fast way (idempotent). Resolves true when installed, false when
 * this Ink version is not one we know (then Ink draws as it always does).
 */
export async function installFastInkOutput(): Promise<boolean> {
	if (installed) return true;
	const Output = await loadInkOutput().catch(() => undefined);
	if (!Output) return false;
	const inkGet = Output.prototype.get;
	original = inkGet;
	Output.prototype.get = function (this: OutputInstance) {
		return fastFrame.call(this, Output, inkGet);
	};
	installed = Output;
	return true;
}

/** Give Ink its own `Output.get` back (tests compare both). */
export function uninstallFastInkOutput(): void {
	if (installed && original) installed.prototype.get = original;
	installed = undefined;
	original = undefined;
}
