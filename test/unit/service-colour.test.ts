import {describe, expect, it} from 'vitest';
import {LEVELS} from '../../source/core/log-record.js';
import {hashName, levelColour, SERVICE_PALETTE, serviceColour} from '../../source/core/service-colour.js';

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

	it('takes overrides from a map or an object', () => {
		expect(serviceColour('api', new Map([['api', '#123456']]))).toBe('#123456');
		expect(serviceColour('api', {api: '#abcdef'})).toBe('#abcdef');
		expect(serviceColour('constructor', {})).toBe(
			SERVICE_PALETTE[hashName('constructor') % SERVICE_PALETTE.length],
		);
	});

	it('gives every level a hex colour, error and warn distinct', () => {
		for (const level of [...LEVELS, 'unknown' as const]) expect(levelColour(level)).toMatch(/^#[0-9a-f]{6}$/);
		expect(levelColour('error')).not.toBe(levelColour('warn'));
	});
});
