/**
 * What the hunt prompt (`H`) takes: a filter line, then where to start after an `@`: one of
 * the re-read menu's choices (`@beginning`, `@tail`, `@5m`, `@15m`, `@1h`) or a time as the
 * filter's `time>` reads it (`@10:42`, `@-90m`, an ISO time). No `@`: the last hour.
 * Pure: the app turns the request into a hunt.
 */

import {parseTimePoint, TIME_POINT_FORMATS} from '../../shared/time-point.js';
import type {FilterSpec} from '../../store/filter/filter-spec.js';
import {compileFilter} from '../../store/filter/record-filter.js';
import type {StartPosition} from '../../stream/start-position.js';
import {splitFilterTerms} from '../view-state/filter-actions.js';
import {SEEK_CHOICES} from '../view-state/state.js';

export type HuntRequest =
	| {ok: true; spec: FilterSpec; start: StartPosition; startLabel: string; line: string}
	| {ok: false; error: string};

/** The words after `@` that name a re-read choice, and the choice each names. */
const START_WORDS: Readonly<Record<string, (typeof SEEK_CHOICES)[number]>> = {
	beginning: SEEK_CHOICES[0],
	tail: SEEK_CHOICES[1],
	'5m': SEEK_CHOICES[2],
	'15m': SEEK_CHOICES[3],
	'1h': SEEK_CHOICES[4],
};

/** The prompt's hint: what it takes. */
export const HUNT_PROMPT_HINT = `filter line, then @1h (default) @15m @5m @tail @beginning or @${TIME_POINT_FORMATS.split(',')[0]}`;

function startOf(word: string, now: number): {start: StartPosition; label: string} | {error: string} {
	const choice = START_WORDS[word.toLowerCase()];
	if (choice) {
		const {position} = choice;
		const start: StartPosition =
			position.kind === 'since' ? {kind: 'since', time: now - position.minutes * 60_000} : position;
		return {start, label: choice.label};
	}
	const point = parseTimePoint(word, now);
	if (!point.ok) return {error: `@${word}: ${point.error}`};
	return {start: {kind: 'since', time: point.time}, label: `since @${word}`};
}

/**
 * The hunt `text` asks for, with the services and level of the view (the hunt means what the
 * filter line means in the view); an error when the start or a term cannot be read.
 */
export function parseHuntRequest(
	text: string,
	view: Pick<FilterSpec, 'services' | 'minLevel'>,
	now: number,
): HuntRequest {
	const at = text.lastIndexOf(' @');
	const lone = text.trimStart().startsWith('@') && !text.trim().includes(' ');
	const [linePart, startPart] = lone
		? ['', text.trim().slice(1)]
		: at >= 0
			? [text.slice(0, at), text.slice(at + 2).trim()]
			: [text, '1h'];
	const start = startOf(startPart || '1h', now);
	if ('error' in start) return {ok: false, error: start.error};
	const line = linePart.trim();
	if (line === '') return {ok: false, error: 'type what to hunt for (a filter line), e.g. request_id=abc123'};
	const spec: FilterSpec = {services: view.services, minLevel: view.minLevel, terms: splitFilterTerms(line)};
	const compiled = compileFilter(spec, now);
	if (compiled.error) return {ok: false, error: compiled.error};
	return {ok: true, spec, start: start.start, startLabel: start.label, line};
}
