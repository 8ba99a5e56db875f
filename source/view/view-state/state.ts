import {type KnownLevel, LEVELS} from '../../record/log-record.js';
import type {ServiceFilter} from '../../store/filter/filter-spec.js';
import type {ServicesPanel} from '../services-panel.js';
import {INITIAL_TIMELINE, type TimelineState} from './timeline-state.js';

/** The shape of the TUI's view state, where it starts, and the type of the reducers' tables. */

/** Which panel receives the navigation keys. */
export type Focus = 'log' | 'services' | 'timeline';

/** The overlay drawn over the log pane, if any. */
export type Overlay =
	| {kind: 'none'}
	/**
	 * `scroll` is the first shown line of the help (when it does not fit); `under`, the lag panel
	 * it was opened from, which closing the help goes back to.
	 */
	| {kind: 'help'; scroll: number; under?: LagOverlay}
	/** `scroll` is the first shown line of the detail text; `field` the highlighted JSON field. */
	| {kind: 'detail'; seq: number; scroll: number; field: number}
	/** The re-seek menu; `choice` indexes `SEEK_CHOICES`. */
	| {kind: 'seek'; choice: number}
	| LagOverlay;

/** The consumer lag panel (`L`); `cursor` is the selected group (its page is shown). */
export type LagOverlay = {kind: 'lag'; cursor: number};

/**
 * A line of text the user is typing: a filter (`/`), a search (`f`), the name to save the
 * filter line under (`B`) or the saved filter to recall (`b`).
 */
export type TextInput = {kind: 'none'} | {kind: TextInputKind; text: string};
export type TextInputKind = 'filter' | 'search' | 'saveFilter' | 'recallFilter' | 'jumpTime' | 'hunt';

/** A short note in the footer, e.g. "demo sends disabled: …". */
export type FooterMessage = {id: number; text: string; tone: 'info' | 'warn' | 'error'};

export type ViewState = {
	/** True while the pane shows the newest lines and moves with the stream. */
	follow: boolean;
	/** When not following: `seq` of the bottom line of the pane. */
	anchorSeq: number | undefined;
	/** When not following: `seq` of the selected line (Enter opens it). */
	selectedSeq: number | undefined;
	focus: Focus;
	overlay: Overlay;
	input: TextInput;
	/** The text filter as typed (space-separated terms, see `splitFilterTerms`). */
	filterText: string;
	/** The search text (highlights and `n`/`N`), empty when none. */
	searchText: string;
	minLevel: KnownLevel | undefined;
	services: ServiceFilter;
	wrap: boolean;
	showOffsets: boolean;
	showPartitions: boolean;
	/** The services panel the user chose with `S`; undefined: by the terminal's width. */
	servicesPanel: ServicesPanel | undefined;
	/** Highlighted row of the services list and its first visible row. */
	serviceCursor: number;
	serviceScroll: number;
	message: FooterMessage | undefined;
	timeline: TimelineState;
};

/** Minimum levels `l` cycles through, all six; `undefined` shows everything. */
export const LEVEL_CYCLE: readonly (KnownLevel | undefined)[] = [undefined, ...LEVELS];

/**
 * What the re-seek menu offers (label shown, position meant). `tail` means what `--tail`
 * means: the last N records of the topic as a whole, spread over its partitions (see
 * `tailShares`), so the amount re-read does not grow with the partition count.
 */
export const SEEK_CHOICES = [
	{label: 'from the beginning', position: {kind: 'beginning'}},
	{label: 'last 1000 records, spread over the partitions', position: {kind: 'tail', count: 1000}},
	{label: 'last 5 minutes', position: {kind: 'since', minutes: 5}},
	{label: 'last 15 minutes', position: {kind: 'since', minutes: 15}},
	{label: 'last hour', position: {kind: 'since', minutes: 60}},
	{label: 'only new records', position: {kind: 'end'}},
] as const;

/** The state a fresh TUI starts in: following, nothing filtered. */
export function initialViewState(): ViewState {
	return {
		follow: true,
		anchorSeq: undefined,
		selectedSeq: undefined,
		focus: 'log',
		overlay: {kind: 'none'},
		input: {kind: 'none'},
		filterText: '',
		searchText: '',
		minLevel: undefined,
		services: {mode: 'exclude', services: new Set()},
		wrap: false,
		showOffsets: false,
		showPartitions: false,
		servicesPanel: undefined,
		serviceCursor: 0,
		serviceScroll: 0,
		message: undefined,
		timeline: INITIAL_TIMELINE,
	};
}

/** One reducer per action type of the group `A`: the view state after that action. */
export type Reducers<A extends {type: string}> = {
	[T in A['type']]: (state: ViewState, action: Extract<A, {type: T}>) => ViewState;
};

export function clamp(value: number, low: number, high: number): number {
	return Math.max(low, Math.min(high, value));
}
