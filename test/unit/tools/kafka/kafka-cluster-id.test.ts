import {describe, expect, it} from 'vitest';
import {newClusterId} from '../../../../tools/kafka/kafka-broker.js';

describe('newClusterId', () => {
	it('never starts with "-", which kafka-storage format would read as an option', () => {
		// 0xf8: the first six bits are 62, `-` in base64url.
		const draws = [Buffer.alloc(16, 0xf8), Buffer.alloc(16, 0x01)];
		expect(Buffer.alloc(16, 0xf8).toString('base64url').startsWith('-')).toBe(true);
		expect(newClusterId(() => draws.shift()!)).toBe(Buffer.alloc(16, 0x01).toString('base64url'));
		for (let index = 0; index < 2000; index++) {
			const id = newClusterId();
			expect(id).toMatch(/^[A-Za-z0-9_][A-Za-z0-9_-]{21}$/);
		}
	});
});
