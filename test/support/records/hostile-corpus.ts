import type {RawRecord} from '../../../source/record/log-record.js';
import {seededRandom} from '../../../source/shared/seeded-random.js';

/**
 * Hostile Kafka record values, shared by the unit, integration and end-to-end
 * tests: every family of terminal escape, broken and binary bytes, huge and
 * deeply nested values, fields of the wrong type, wide and combining text,
 * bidi tricks. Plus `assertTerminalSafe`, the one check every output path uses.
 */

/** One hostile input. `value` is the record value (null: a tombstone). */
export type HostileCase = {
	name: string;
	value: Buffer | null;
	/** What the case attacks, for reports. */
	family:
		| 'csi'
		| 'osc'
		| 'dcs'
		| 'string-sequence'
		| 'c0'
		| 'c1'
		| 'invalid-utf8'
		| 'binary'
		| 'empty'
		| 'huge'
		| 'nested'
		| 'wrong-types'
		| 'unicode'
		| 'bidi'
		| 'json-escaped';
};

const ESC = '\u001b';
const BEL = '\u0007';
const ST = `${ESC}\\`;

/** `length` random bytes from a seeded PRNG. */
export function randomBytes(length: number, seed: number): Buffer {
	const random = seededRandom(seed);
	const bytes = Buffer.alloc(length);
	for (let index = 0; index < length; index++) {
		bytes[index] = Math.floor(random() * 256);
	}

	return bytes;
}

function text(value: string): Buffer {
	return Buffer.from(value, 'utf8');
}

/** A JSON log line in the original format, with `message` as given (JSON-escaped by stringify). */
function jsonLog(message: unknown, extra: Record<string, unknown> = {}): Buffer {
	return text(
		JSON.stringify({
			message,
			timestamp: '2024-05-01T12:00:00.000Z',
			service: 'hostile',
			level: 'info',
			...extra,
		}),
	);
}

/** `{"a":{"a":…1…}}`, `depth` levels deep. */
export function deeplyNestedJson(depth: number): string {
	return `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

/** The hostile corpus. Built once; the Buffers must not be mutated. */
export const HOSTILE_CASES: readonly HostileCase[] = [
	// CSI: clear screen and scrollback, cursor moves, SGR that hides or recolours text, full reset.
	{family: 'csi', name: 'CSI clear screen', value: text(`before${ESC}[2Jafter`)},
	{family: 'csi', name: 'CSI clear scrollback + home', value: text(`${ESC}[3J${ESC}[H${ESC}[2Jwiped`)},
	{
		family: 'csi',
		name: 'CSI cursor moves',
		value: text(`a${ESC}[10;20Hb${ESC}[5Ac${ESC}[3Dd${ESC}7e${ESC}8`),
	},
	{family: 'csi', name: 'SGR conceal hides text', value: text(`shown ${ESC}[8mhidden secret${ESC}[0m`)},
	{family: 'csi', name: 'SGR colours', value: text(`${ESC}[31;1;5mred blinking${ESC}[0m`)},
	{family: 'csi', name: 'RIS full reset', value: text(`${ESC}creset`)},
	{family: 'csi', name: 'alternate screen and erase line', value: text(`${ESC}[?1049h${ESC}[2K${ESC}[?25l`)},
	{family: 'csi', name: 'device status report (answerback)', value: text(`${ESC}[6n${ESC}[c${ESC}[>c`)},
	// OSC: window title (BEL and ST terminated), hyperlink, clipboard write, colours.
	{family: 'osc', name: 'OSC 0 title (BEL)', value: text(`${ESC}]0;pwned title${BEL}text`)},
	{family: 'osc', name: 'OSC 2 title (ST)', value: text(`${ESC}]2;pwned title${ST}text`)},
	{
		family: 'osc',
		name: 'OSC 8 hyperlink',
		value: text(`${ESC}]8;;https://evil.example/${ST}click me${ESC}]8;;${ST}`),
	},
	{family: 'osc', name: 'OSC 52 clipboard write', value: text(`${ESC}]52;c;cm0gLXJmIH4vKgo=${BEL}`)},
	{family: 'osc', name: 'OSC 4 palette change', value: text(`${ESC}]4;1;rgb:00/00/00${BEL}`)},
	// DCS and the other string sequences (APC, PM, SOS).
	{family: 'dcs', name: 'DCS XTGETTCAP', value: text(`${ESC}P+q544e${ST}`)},
	{family: 'dcs', name: 'DCS DECRQSS', value: text(`${ESC}P$qm${ST}`)},
	{family: 'dcs', name: 'DCS sixel', value: text(`${ESC}Pq#0;2;0;0;0#0~~@@vv@@~~${ST}`)},
	{family: 'string-sequence', name: 'APC', value: text(`${ESC}_Gf=100;payload${ST}`)},
	{family: 'string-sequence', name: 'PM', value: text(`${ESC}^privacy message${ST}`)},
	{family: 'string-sequence', name: 'SOS', value: text(`${ESC}Xstart of string${ST}`)},
	// C0: bell, backspace, carriage return overwrite, NUL, VT, FF, DEL, all of C0.
	{family: 'c0', name: 'BEL', value: text(`ding${BEL}${BEL}${BEL}`)},
	{family: 'c0', name: 'BS overwrite', value: text('rm -rf /tmp\b\b\b\b\b\b\b\b\b\b\bls        ')},
	{family: 'c0', name: 'CR overwrite', value: text('ERROR real problem\rINFO  all good      ')},
	{family: 'c0', name: 'NUL VT FF DEL', value: text('a\u0000b\u000bc\u000cd\u007fe')},
	{
		family: 'c0',
		name: 'every C0 control',
		value: text(Array.from({length: 32}, (_, code) => String.fromCharCode(code)).join('')),
	},
	{
		family: 'c0',
		name: 'multi-line stack trace',
		value: text('Error: boom\n    at f (a.js:1:1)\r\n\tat g (b.js:2:2)\n'),
	},
	// C1: raw bytes (invalid UTF-8) and properly encoded C1 characters (8-bit CSI, OSC, ST, NEL).
	{
		family: 'c1',
		name: 'raw 0x9b CSI byte',
		value: Buffer.from([0x9b, 0x32, 0x4a, 0x41, 0x9d, 0x30, 0x3b, 0x74, 0x9c]),
	},
	{family: 'c1', name: 'UTF-8 encoded 8-bit CSI', value: text('\u009b2Jcleared')},
	{family: 'c1', name: 'UTF-8 encoded 8-bit OSC title', value: text('\u009d0;title\u009cafter')},
	{
		family: 'c1',
		name: 'every C1 control',
		value: text(Array.from({length: 32}, (_, index) => String.fromCharCode(0x80 + index)).join('')),
	},
	// Invalid UTF-8: overlong, surrogate, truncated, out of range, lone continuation.
	{family: 'invalid-utf8', name: 'overlong slash', value: Buffer.from([0x2f, 0xc0, 0xaf, 0xe0, 0x80, 0xaf])},
	{family: 'invalid-utf8', name: 'encoded surrogate', value: Buffer.from([0x61, 0xed, 0xa0, 0x80, 0x62])},
	{family: 'invalid-utf8', name: 'truncated sequence', value: Buffer.from([0x61, 0xe2, 0x82])},
	{
		family: 'invalid-utf8',
		name: 'beyond U+10FFFF',
		value: Buffer.from([0xf4, 0x90, 0x80, 0x80, 0xf8, 0x88, 0x80, 0x80, 0x80]),
	},
	{family: 'invalid-utf8', name: 'lone continuation bytes', value: Buffer.from([0x80, 0xbf, 0x41])},
	{family: 'invalid-utf8', name: 'latin-1 text', value: Buffer.from('caf\u00e9 \u00fcber', 'latin1')},
	{
		family: 'invalid-utf8',
		name: 'JSON with a raw 0xff in a string',
		value: Buffer.concat([text('{"message":"a'), Buffer.from([0xff, 0x1b]), text('b","service":"x"}')]),
	},
	// Binary.
	{family: 'binary', name: 'random binary 4 KiB', value: randomBytes(4096, 0xc0ffee)},
	{
		family: 'binary',
		name: 'random binary starting with {',
		value: Buffer.concat([text('{'), randomBytes(512, 7)]),
	},
	{
		family: 'binary',
		name: 'all 256 byte values',
		value: Buffer.from(Array.from({length: 256}, (_, byte) => byte)),
	},
	// Null and empty.
	{family: 'empty', name: 'null value (tombstone)', value: null},
	{family: 'empty', name: 'empty value', value: Buffer.alloc(0)},
	{family: 'empty', name: 'whitespace only', value: text(' \n\t\r\n ')},
	// Huge.
	{family: 'huge', name: '1 MB JSON message', value: jsonLog('x'.repeat(1_048_576))},
	{
		family: 'huge',
		name: '1 MB plain text with escapes',
		value: text(`${ESC}[2J${'y'.repeat(1_048_576)}${ESC}]0;t${BEL}`),
	},
	{
		family: 'huge',
		name: '200 KB JSON with an escape at the end',
		value: jsonLog(`${'z'.repeat(200_000)}${ESC}[2J`),
	},
	{family: 'huge', name: '10 000-character line', value: text('w'.repeat(10_000))},
	{family: 'huge', name: '10 000-character JSON message', value: jsonLog('m'.repeat(10_000))},
	{family: 'huge', name: '10 000 CJK characters', value: text('漢'.repeat(10_000))},
	// Deeply nested JSON.
	{family: 'nested', name: 'JSON nested 10 000 levels', value: text(deeplyNestedJson(10_000))},
	{
		family: 'nested',
		name: 'message nested 10 000 levels',
		value: text(`{"service":"deep","message":${deeplyNestedJson(10_000)}}`),
	},
	{
		family: 'nested',
		name: 'arrays nested 10 000 levels',
		value: text(`{"message":${'['.repeat(10_000)}${']'.repeat(10_000)}}`),
	},
	// Fields with the wrong types.
	{
		family: 'wrong-types',
		name: 'numeric service',
		value: text('{"service":12345,"message":"hi","level":"info"}'),
	},
	{
		family: 'wrong-types',
		name: 'object message',
		value: text('{"service":"api","message":{"nested":{"x":[1,2,3]}},"level":"warn"}'),
	},
	{
		family: 'wrong-types',
		name: 'array level',
		value: text('{"service":"api","message":"m","level":["error","warn"]}'),
	},
	{
		family: 'wrong-types',
		name: 'object level and boolean message',
		value: text('{"service":"api","message":true,"level":{"x":1}}'),
	},
	{
		family: 'wrong-types',
		name: 'null fields',
		value: text('{"service":null,"message":null,"level":null,"timestamp":null}'),
	},
	{
		family: 'wrong-types',
		name: 'timestamp as object, huge number',
		value: text('{"message":"t","timestamp":{"a":1},"time":1e308}'),
	},
	{family: 'wrong-types', name: 'array at the top', value: text('[{"message":"inside an array"}]')},
	{
		family: 'wrong-types',
		name: 'prototype keys',
		value: text('{"__proto__":{"service":"polluted"},"constructor":"c","message":"proto"}'),
	},
	{family: 'wrong-types', name: 'truncated JSON', value: text('{"message":"never closed","service":"api"')},
	// Record shapes (issue 11): envelopes, templates and framing used as weapons.
	{
		family: 'nested',
		name: 'JSON in a string in a string, 12 deep (shipper envelopes)',
		value: text(
			Array.from({length: 12}).reduce<string>(
				(inner) => JSON.stringify({log: inner, kubernetes: {pod_name: '\u001b[2Jpod'}}),
				JSON.stringify({level: 'error', msg: `${ESC}]0;title${BEL}inner`, service: `${ESC}[2Jsvc`}),
			),
		),
	},
	{
		family: 'huge',
		name: 'Serilog template with 100 000 holes',
		value: text(
			JSON.stringify({'@t': '2024-12-06T10:00:00Z', '@mt': '{A}{B:x}'.repeat(50_000), A: `${ESC}[2J`}),
		),
	},
	{
		family: 'wrong-types',
		name: 'Schema Registry magic byte before hostile JSON',
		value: Buffer.concat([
			Buffer.from([0, 0, 0, 0, 7]),
			text(`{"message":"${'\\u001b'}]52;c;eA==${'\\u0007'}","service":{"name":["x"]},"level":{}}`),
		]),
	},
	{
		family: 'csi',
		name: 'SGR colours around other escapes in a level and a service',
		value: text(
			JSON.stringify({
				level: `${ESC}[31m${ESC}[2Jerror${ESC}[0m`,
				service: `${ESC}[1m${ESC}]0;t${BEL}api`,
				msg: 'm',
			}),
		),
	},
	// Unicode that must keep the layout: wide, emoji, ZWJ sequences, combining marks, flags.
	{family: 'unicode', name: 'CJK and emoji', value: text('日本語のログ 🚀 ошибка 오류 👍🏽 🇩🇪')},
	{family: 'unicode', name: 'ZWJ family emoji', value: text('family 👨‍👩‍👧‍👦 end')},
	{family: 'unicode', name: 'combining marks (zalgo)', value: text('Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǧ̗͚̚o̙̔ͮ̇͐̇ e\u0301')},
	{
		family: 'unicode',
		name: 'lone surrogate via JSON escape',
		value: text('{"message":"a\\ud800b\\udc00c","service":"\\udfff"}'),
	},
	{family: 'unicode', name: 'replacement character itself', value: text('already \ufffd here')},
	// Bidi and invisible characters that make text read differently from what it is.
	{family: 'bidi', name: 'RLO override', value: text('user admin\u202e\u2066 gnp.exe\u2069\u202c')},
	{family: 'bidi', name: 'isolates and marks', value: text('\u2067x\u2068y\u2069\u200e\u200f\u061c')},
	{family: 'bidi', name: 'zero-width and BOM', value: text('ad\u200bmin\ufeff\u2060\u00ad')},
	{family: 'bidi', name: 'line and paragraph separators', value: text('one\u2028two\u2029three')},
	{
		family: 'bidi',
		name: 'tag characters (ASCII smuggling)',
		value: text('ok\u{e0001}\u{e0068}\u{e0069}\u{e007f}'),
	},
	// Escapes written as JSON escapes: JSON.parse turns them into real control characters.
	{
		family: 'json-escaped',
		name: 'JSON-escaped CSI in every field',
		value: text(
			'{"message":"\\u001b[2Jm","service":"\\u001b]0;t\\u0007svc","level":"\\u001b[31merror","timestamp":"\\u001b[2J"}',
		),
	},
	{
		family: 'json-escaped',
		name: 'JSON-escaped C1 and bidi',
		value: text('{"message":"\\u009b2J \\u202e reversed \\u0085 nel","service":"\\u202eipa"}'),
	},
	{
		family: 'json-escaped',
		name: 'JSON-escaped newlines',
		value: text('{"message":"line1\\nline2\\r\\nline3\\ttab","service":"api"}'),
	},
	{
		family: 'json-escaped',
		name: 'logfmt with escapes',
		value: text(`level=error msg="${ESC}[2Jwiped" service="${ESC}]0;t${BEL}"`),
	},
];

/** Header content shared with keys: the short cases' values (huge ones are cut to 4 KiB). */
function keyBytes(value: Buffer | null): Buffer | null {
	return value === null ? null : value.subarray(0, 4096);
}

/**
 * The corpus as Kafka records: each case's value, with the same hostile bytes
 * (up to 4 KiB) as the key and as a header value and name, so keys and headers
 * are attacked the same way. Offsets count up from `firstOffset`.
 */
export function hostileRawRecords(topic = 'hostile', partition = 0, firstOffset = 0): RawRecord[] {
	return HOSTILE_CASES.map((hostile, index) => {
		const bytes = keyBytes(hostile.value);
		return {
			topic,
			partition,
			offset: firstOffset + index,
			timestamp: 1_714_564_800_000 + index,
			key: bytes,
			value: hostile.value,
			headers:
				bytes === null
					? undefined
					: {
							'x-hostile': bytes,
							[bytes.toString('utf8', 0, 64)]: 'header name is hostile',
							'x-list': [bytes, 'plain'],
						},
		};
	});
}

/** `count` records from `count` distinct services (`svc-0` … `svc-999`), original format. */
export function manyServiceValues(count = 1000): Buffer[] {
	return Array.from({length: count}, (_, index) =>
		text(
			JSON.stringify({
				message: `hello from ${index}`,
				timestamp: '2024-05-01T12:00:00Z',
				service: `svc-${index}`,
			}),
		),
	);
}

/** Options for {@link findTerminalUnsafe}. */
export type TerminalSafeOptions = {
	/** Allow LF (output made of several lines). Default false. */
	allowNewlines?: boolean;
	/**
	 * Allow SGR colour sequences of the kinds klog-tui writes itself (colours,
	 * bold, dim, reset). Concealed text, blink and every other sequence still fail.
	 */
	allowSgr?: boolean;
	/**
	 * Allow CR right before LF: a terminal's line discipline (ONLCR) writes every LF a
	 * program prints as CRLF, so the bytes a terminal receives have them. A lone CR still fails.
	 */
	allowCrLf?: boolean;
	/**
	 * Escape sequences of a full-screen renderer (cursor moves, erase, modes, its own SGR):
	 * given the whole output and the index of an ESC in it, the length of the allowed sequence
	 * starting there, or 0 when none is. Tried after `allowSgr`; any other ESC still fails.
	 */
	allowEscape?: (output: string, index: number) => number;
};

/** SGR parameters klog-tui may write: reset, bold, dim, normal intensity, foreground colours. */
function isOwnSgr(parameters: string): boolean {
	const parts = parameters === '' ? ['0'] : parameters.split(';');
	for (let index = 0; index < parts.length; index++) {
		const value = Number(parts[index]);
		if (value === 38) {
			const kind = parts[index + 1];
			index += kind === '5' ? 2 : kind === '2' ? 4 : Number.POSITIVE_INFINITY;
			if (!Number.isFinite(index) || index >= parts.length) {
				return false;
			}

			continue;
		}

		const allowed =
			value === 0 ||
			value === 1 ||
			value === 2 ||
			value === 22 ||
			value === 39 ||
			value === 49 ||
			(value >= 30 && value <= 37) ||
			(value >= 90 && value <= 97);
		if (!allowed) {
			return false;
		}
	}

	return true;
}

const OWN_SGR = /^\u001b\[([0-9;]*)m/;
/** Anything the walk below could object to; text without any is safe (the common, fast case). */
const SUSPICIOUS = /[\u0000-\u001f\u007f-\u009f\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/u;
const INVISIBLE = /[\p{Cf}\p{Zl}\p{Zp}]/u;

function describe(output: string, index: number, problem: string): string {
	const context = output.slice(Math.max(0, index - 20), index + 20);
	return `${problem} at index ${index} (context ${JSON.stringify(context)})`;
}

/**
 * The first thing in `output` that a terminal could act on, described, or
 * undefined when it is safe: a C0 control (LF only when allowed), ESC (our own
 * SGR only when allowed), DEL, a C1 control, an invisible format character
 * (bidi, zero-width, BOM, tags; ZWJ/ZWNJ excepted), U+2028/U+2029, an unpaired
 * surrogate, or (for bytes) invalid UTF-8.
 */
export function findTerminalUnsafe(
	output: string | Buffer,
	options: TerminalSafeOptions = {},
): string | undefined {
	let textOutput: string;
	if (typeof output === 'string') {
		textOutput = output;
	} else {
		try {
			textOutput = new TextDecoder('utf-8', {fatal: true}).decode(output);
		} catch {
			return 'invalid UTF-8 in the bytes written';
		}
	}

	if (!SUSPICIOUS.test(textOutput)) {
		return undefined;
	}

	for (let index = 0; index < textOutput.length; index++) {
		const code = textOutput.charCodeAt(index);
		if (code === 0x1b) {
			const sgr = options.allowSgr ? OWN_SGR.exec(textOutput.slice(index, index + 40)) : null;
			if (sgr && isOwnSgr(sgr[1]!)) {
				index += sgr[0].length - 1;
				continue;
			}

			const allowed = options.allowEscape?.(textOutput, index) ?? 0;
			if (allowed > 0) {
				index += allowed - 1;
				continue;
			}

			return describe(textOutput, index, 'raw ESC');
		}

		if (code < 0x20) {
			if (code === 0x0a && options.allowNewlines) {
				continue;
			}

			if (code === 0x0d && options.allowCrLf && textOutput.charCodeAt(index + 1) === 0x0a) {
				continue;
			}

			return describe(textOutput, index, `raw C0 control 0x${code.toString(16)}`);
		}

		if (code < 0x7f) {
			continue;
		}

		if (code <= 0x9f) {
			return describe(textOutput, index, `raw DEL/C1 control U+${code.toString(16).padStart(4, '0')}`);
		}

		if (code >= 0xd800 && code <= 0xdbff) {
			const next = textOutput.charCodeAt(index + 1);
			if (next >= 0xdc00 && next <= 0xdfff) {
				const codePoint = textOutput.codePointAt(index)!;
				if (INVISIBLE.test(String.fromCodePoint(codePoint))) {
					return describe(textOutput, index, `invisible format character U+${codePoint.toString(16)}`);
				}

				index++;
				continue;
			}

			return describe(textOutput, index, 'unpaired high surrogate');
		}

		if (code >= 0xdc00 && code <= 0xdfff) {
			return describe(textOutput, index, 'unpaired low surrogate');
		}

		if (code !== 0x200c && code !== 0x200d && INVISIBLE.test(textOutput[index]!)) {
			return describe(
				textOutput,
				index,
				`invisible format character U+${code.toString(16).padStart(4, '0')}`,
			);
		}
	}

	return undefined;
}

/** Throw when `output` holds anything a terminal could act on (see {@link findTerminalUnsafe}). */
export function assertTerminalSafe(output: string | Buffer, options?: TerminalSafeOptions): void {
	const problem = findTerminalUnsafe(output, options);
	if (problem !== undefined) {
		throw new Error(`not terminal-safe: ${problem}`);
	}
}
