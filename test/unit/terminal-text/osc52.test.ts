import {describe, expect, it} from 'vitest';
import {clipboardCopy} from '../../../source/terminal-text/osc52.js';
import {findTerminalUnsafe, HOSTILE_CASES, hostileRawRecords} from '../../support/records/hostile-corpus.js';

const payload = (sequence: string) =>
	Buffer.from(sequence.slice('\u001b]52;c;'.length, -1), 'base64').toString('utf8');

describe('copy to the clipboard with OSC 52', () => {
	it('writes the text as base64 between ESC ] 52 ; c ; and BEL', () => {
		const copy = clipboardCopy('disk 91% full ✓');
		expect(copy.sequence).toBe(`\u001b]52;c;${Buffer.from('disk 91% full ✓').toString('base64')}\u0007`);
		expect(copy.truncated).toBe(false);
		expect(payload(copy.sequence)).toBe('disk 91% full ✓');
	});

	it('copies what the screen shows: no control byte of a record reaches the clipboard or the terminal', () => {
		for (const [index, raw] of hostileRawRecords().entries()) {
			const text = raw.value === null ? '' : Buffer.from(raw.value).toString('utf8');
			const copy = clipboardCopy(text);
			const name = HOSTILE_CASES[index]!.name;
			expect(/^\u001b\]52;c;[A-Za-z0-9+/=]*\u0007$/.test(copy.sequence), name).toBe(true);
			expect(findTerminalUnsafe(payload(copy.sequence).replaceAll('\n', ' ')), name).toBeUndefined();
		}
	});

	it('cuts a long text on a character boundary and says so', () => {
		const copy = clipboardCopy('é'.repeat(100), 51);
		expect(copy.truncated).toBe(true);
		expect(copy.text).toBe('é'.repeat(25));
		expect(payload(copy.sequence)).toBe(copy.text);
	});
});
