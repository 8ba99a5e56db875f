import {describe, expect, it} from 'vitest';
import {LEVELS} from '../../../source/record/log-record.js';
import {DEFAULT_DEMO_SERVICES} from '../../../source/settings/run-settings.js';
import {
	hashName,
	levelColour,
	SERVICE_PALETTE,
	serviceColour,
} from '../../../source/terminal-text/service-colour.js';
import {benchServices} from '../../../tools/load/log-lines.js';

/** The linear-light red, green and blue of `#rrggbb` (sRGB decoded), 0 to 1. */
function linearRgb(hex: string): [number, number, number] {
	return [1, 3, 5].map((at) => {
		const channel = Number.parseInt(hex.slice(at, at + 2), 16) / 255;
		return channel <= 0.04045 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
	}) as [number, number, number];
}

/** WCAG relative luminance of `#rrggbb`. */
function luminance(hex: string): number {
	const [r, g, b] = linearRgb(hex);
	return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** OKLab coordinates of `#rrggbb` (a perceptual space: distance ≈ how different two colours look). */
function oklab(hex: string): [number, number, number] {
	const [r, g, b] = linearRgb(hex);
	const l = Math.cbrt(0.4122214708 * r + 0.5363325363 * g + 0.0514459929 * b);
	const m = Math.cbrt(0.2119034982 * r + 0.6806995451 * g + 0.1073969566 * b);
	const s = Math.cbrt(0.0883024619 * r + 0.2817188376 * g + 0.6299787005 * b);
	return [
		0.2104542553 * l + 0.793617785 * m - 0.0040720468 * s,
		1.9779984951 * l - 2.428592205 * m + 0.4505937099 * s,
		0.0259040371 * l + 0.7827717662 * m - 0.808675766 * s,
	];
}

function distance(a: string, b: string): number {
	const [x, y] = [oklab(a), oklab(b)];
	return Math.hypot(x[0] - y[0], x[1] - y[1], x[2] - y[2]);
}

describe('serviceColour', () => {
	it('is stable: the same name always gets the same palette colour', () => {
		expect(hashName('api')).toBe(hashName('api'));
		expect(serviceColour('api')).toBe(SERVICE_PALETTE[hashName('api') % SERVICE_PALETTE.length]);
		expect(serviceColour('api')).toBe(serviceColour('api'));
	});

	it('spreads services over the whole palette', () => {
		const used = new Set(Array.from({length: 200}, (_, index) => serviceColour(`service-${index}`)));
		expect(used.size).toBe(SERVICE_PALETTE.length);
	});

	it("gives the default demo services and the benchmark's 8 services each their own colour", () => {
		for (const names of [DEFAULT_DEMO_SERVICES, benchServices]) {
			const colours = names.map((name) => serviceColour(name));
			expect(new Set(colours).size, JSON.stringify(colours)).toBe(names.length);
		}
	});

	it('depends only on the name: the same colours in every run, whatever came first', () => {
		// Pinned: a change here recolours every user's services, so it must be deliberate.
		expect(DEFAULT_DEMO_SERVICES.map((name) => serviceColour(name))).toEqual([
			'#8787d7',
			'#008700',
			'#d7005f',
			'#5f87ff',
		]);
		const names = Array.from({length: 50}, (_, index) => `svc-${index}`);
		const forwards = names.map((name) => serviceColour(name));
		const backwards = [...names].reverse().map((name) => serviceColour(name));
		expect(backwards.reverse()).toEqual(forwards);
	});

	it('takes overrides from a map or an object', () => {
		expect(serviceColour('api', new Map([['api', '#123456']]))).toBe('#123456');
		expect(serviceColour('api', {api: '#abcdef'})).toBe('#abcdef');
		expect(serviceColour('constructor', {})).toBe(
			SERVICE_PALETTE[hashName('constructor') % SERVICE_PALETTE.length],
		);
	});

	it('has 24 distinct cube colours, readable on black and on white, apart from grey and the error reds', () => {
		const cube = new Set(['00', '5f', '87', 'af', 'd7', 'ff']);
		expect(SERVICE_PALETTE).toHaveLength(24);
		expect(new Set(SERVICE_PALETTE).size).toBe(24);
		for (const colour of SERVICE_PALETTE) {
			expect(colour).toMatch(/^#[0-9a-f]{6}$/);
			for (const at of [1, 3, 5]) expect(cube.has(colour.slice(at, at + 2)), colour).toBe(true);
			const light = luminance(colour);
			expect((light + 0.05) / 0.05, `${colour} on black`).toBeGreaterThanOrEqual(4);
			expect(1.05 / (light + 0.05), `${colour} on white`).toBeGreaterThanOrEqual(3);
			for (const level of ['error', 'fatal', 'unknown', 'trace'] as const) {
				expect(distance(colour, levelColour(level)), `${colour} ~ ${level}`).toBeGreaterThan(0.09);
			}
		}
		for (const [index, colour] of SERVICE_PALETTE.entries()) {
			for (const other of SERVICE_PALETTE.slice(index + 1)) {
				expect(distance(colour, other), `${colour} ~ ${other}`).toBeGreaterThan(0.05);
			}
		}
	});

	it('gives every level a hex colour, error and warn distinct', () => {
		for (const level of [...LEVELS, 'unknown' as const]) expect(levelColour(level)).toMatch(/^#[0-9a-f]{6}$/);
		expect(levelColour('error')).not.toBe(levelColour('warn'));
	});
});
