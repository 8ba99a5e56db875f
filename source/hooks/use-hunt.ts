import {useEffect, useRef, useState} from 'react';
import type {LogRecord} from '../record/log-record.js';
import type {FilterSpec} from '../store/filter/filter-spec.js';
import type {HuntEnd, HuntProgress} from '../stream/hunt-progress.js';
import type {HuntControls} from '../view/hunt/hunt-controls.js';
import {HUNT_PROMPT_HINT, parseHuntRequest} from '../view/hunt/hunt-request.js';
import type {HuntRunner} from '../view/hunt/hunt-runner.js';
import type {FooterMessage, TextInput, ViewAction} from '../view/view-state.js';

/** The hunt's screen: what it looks for, how far it got, the matches, the context open. */
export type HuntScreen = {
	line: string;
	startLabel: string;
	progress: HuntProgress | undefined;
	matches: readonly LogRecord[];
	cursor: number;
	/** Undefined while running. */
	outcome: HuntEnd | undefined;
	/** `C`'s records around a match; `cursor` is the row chosen in them (the match when they arrive). */
	context:
		| {match: LogRecord; records: readonly LogRecord[] | undefined; error?: string; cursor: number}
		| undefined;
};

export type Hunt = HuntControls & {
	/** Undefined when no hunt is on screen. */
	screen: HuntScreen | undefined;
	/** Enter in the hunt prompt: start it (or keep the prompt open with why not). False for other prompts. */
	commit(input: TextInput): boolean;
	hint(input: TextInput): string | undefined;
};

type Say = (text: string, tone?: FooterMessage['tone']) => void;

const EMPTY: readonly LogRecord[] = [];

/**
 * Matches in time order, as the log pane shows records (they arrive partition by partition);
 * a record without a time goes last; ties by where it is. The list grows by appends, which
 * the sort (TimSort) takes in about one pass.
 */
function byTime(a: LogRecord, b: LogRecord): number {
	const timeA = Number.isFinite(a.time) ? a.time : Number.POSITIVE_INFINITY;
	const timeB = Number.isFinite(b.time) ? b.time : Number.POSITIVE_INFINITY;
	if (timeA !== timeB) return timeA < timeB ? -1 : 1;
	if (a.topic !== b.topic) return a.topic < b.topic ? -1 : 1;
	return a.partition - b.partition || a.offset - b.offset || (a.logIndex ?? 0) - (b.logIndex ?? 0);
}

/** Where the match is among the records read around it (the first row if it is not there). */
const matchIndex = (records: readonly LogRecord[], match: LogRecord) =>
	Math.max(
		0,
		records.findIndex((record) => record.offset === match.offset),
	);

export function useHunt(
	runner: HuntRunner | undefined,
	view: Pick<FilterSpec, 'services' | 'minLevel'>,
	say: Say,
	dispatch: (action: ViewAction) => void,
	now: () => number = Date.now,
): Hunt {
	const [screen, setScreen] = useState<HuntScreen | undefined>(undefined);
	const running = useRef<{cancel(): Promise<void>} | undefined>(undefined);
	// A hunt still running when the app goes away is stopped with it.
	useEffect(() => () => void running.current?.cancel(), []);

	const update = (change: (screen: HuntScreen) => Partial<HuntScreen>) =>
		setScreen((current) => (current ? {...current, ...change(current)} : current));

	const begin = (text: string) => {
		const request = parseHuntRequest(text, view, now());
		if (!runner || !request.ok) return;
		void running.current?.cancel();
		setScreen({
			line: request.line,
			startLabel: request.startLabel,
			progress: undefined,
			matches: EMPTY,
			cursor: 0,
			outcome: undefined,
			context: undefined,
		});
		running.current = runner.start(request, {
			onMatches: (matches) => update(() => ({matches: [...matches].sort(byTime)})),
			onProgress: (progress) => update(() => ({progress})),
			onEnd: (outcome, progress) => {
				running.current = undefined;
				update(() => ({outcome, progress}));
				if (outcome.kind === 'failed') say(`hunt failed: ${outcome.reason}`, 'error');
				if (outcome.kind === 'tooMany') say('hunt stopped: too many matches, narrow the filter line', 'warn');
			},
		});
	};

	return {
		screen,
		prompt() {
			if (!runner) say('hunting needs a Kafka topic (not in the demo)', 'warn');
			else dispatch({type: 'startInput', kind: 'hunt'});
		},
		commit(input) {
			if (input.kind !== 'hunt') return false;
			// A line that cannot be read keeps the prompt open; its hint says why.
			if (!parseHuntRequest(input.text, view, now()).ok) return true;
			dispatch({type: 'inputCommit'});
			begin(input.text);
			return true;
		},
		hint(input) {
			if (input.kind !== 'hunt') return undefined;
			if (input.text.trim() === '') return HUNT_PROMPT_HINT;
			const request = parseHuntRequest(input.text, view, now());
			return request.ok ? `Enter hunts ${request.startLabel}` : request.error;
		},
		close() {
			if (screen?.context) update(() => ({context: undefined}));
			else if (running.current) void running.current.cancel();
			else setScreen(undefined);
		},
		move(delta) {
			if (!screen) return;
			if (screen.context) {
				const most = Math.max(0, (screen.context.records?.length ?? 0) - 1);
				update((current) => ({
					context: current.context && {
						...current.context,
						cursor: Math.min(most, Math.max(0, current.context.cursor + delta)),
					},
				}));
				return;
			}
			update((current) => ({
				cursor: Math.min(Math.max(0, current.matches.length - 1), Math.max(0, current.cursor + delta)),
			}));
		},
		openContext() {
			const match = screen?.matches[screen.cursor];
			if (!runner || !match || screen?.context) return;
			update(() => ({context: {match, records: undefined, cursor: 0}}));
			runner.context(match).then(
				(records) =>
					update((current) =>
						current.context?.match === match
							? {context: {...current.context, records, cursor: matchIndex(records, match)}}
							: {},
					),
				(error: unknown) =>
					update((current) =>
						current.context?.match === match
							? {context: {...current.context, records: [], error: (error as Error).message}}
							: {},
					),
			);
		},
	};
}
