/**
 * The key map's vocabulary: where a key applies, how a key press is written, the commands
 * keys ask for and the shape of a row of the table (`../key-map.ts`). Pure: no React, no Ink
 * (the key shape mirrors Ink's `Key` so the hook can pass Ink's object straight in).
 */

/** Where a key applies. Text input (filter/search being typed) is handled apart: it takes every key. */
export type KeyContext = 'log' | 'services' | 'detail' | 'help' | 'seek' | 'lag' | 'timeline' | 'hunt';

/**
 * The main view's contexts: the log pane, the services list, and the timeline when it has the
 * keys. Its keys (and the keys that open a panel from it) work in all three.
 */
export const MAIN_CONTEXTS: readonly KeyContext[] = ['log', 'services', 'timeline'];

/** The special keys a binding can name (Ink's `Key` flags). */
export type SpecialKey =
	| 'upArrow'
	| 'downArrow'
	| 'leftArrow'
	| 'rightArrow'
	| 'pageUp'
	| 'pageDown'
	| 'home'
	| 'end'
	| 'return'
	| 'escape'
	| 'tab'
	| 'backspace';

/** A key press: either a printable `input` or a special key, optionally with Ctrl. */
export type KeySpec = {input: string; ctrl?: boolean} | {special: SpecialKey; ctrl?: boolean};

/** The subset of Ink's `Key` that the key map reads. */
export type KeyPress = {ctrl: boolean} & {[K in SpecialKey]: boolean};

/** What a key asks for; the app turns commands into view actions and store/controller calls. */
export type Command =
	| 'quit'
	| 'toggleHelp'
	| 'togglePause'
	| 'scrollUp'
	| 'scrollDown'
	| 'pageUp'
	| 'pageDown'
	| 'top'
	| 'follow'
	| 'openDetail'
	| 'startFilter'
	| 'startSearch'
	| 'saveFilter'
	| 'recallFilter'
	| 'nextMatch'
	| 'previousMatch'
	| 'cycleLevel'
	| 'nextError'
	| 'previousError'
	| 'toggleServiceNumber'
	| 'toggleFocus'
	| 'showAllServices'
	| 'invertServices'
	| 'serviceUp'
	| 'serviceDown'
	| 'toggleCursorService'
	| 'soloCursorService'
	| 'demoBurst'
	| 'clearView'
	| 'toggleWrap'
	| 'toggleOffsets'
	| 'togglePartitions'
	| 'addMark'
	| 'nextMark'
	| 'previousMark'
	| 'exportView'
	| 'copyRecord'
	| 'copyMessage'
	| 'openSeek'
	| 'clearFilters'
	| 'clearTextFilter'
	| 'closeOverlay'
	| 'detailUp'
	| 'detailDown'
	| 'detailPageUp'
	| 'detailPageDown'
	| 'filterOnField'
	| 'seekUp'
	| 'seekDown'
	| 'seekChoose'
	| 'cycleServicesPanel'
	| 'helpUp'
	| 'helpDown'
	| 'helpPageUp'
	| 'helpPageDown'
	| 'toggleLag'
	| 'lagUp'
	| 'lagDown'
	| 'lagPageUp'
	| 'lagPageDown'
	| 'lagTop'
	| 'lagBottom'
	| 'toggleTimeline'
	| 'startTimeJump'
	| 'timelineLeft'
	| 'timelineRight'
	| 'timelinePageLeft'
	| 'timelinePageRight'
	| 'timelineOldest'
	| 'timelineNewest'
	| 'timelinePick'
	| 'timelineZoomIn'
	| 'timelineZoomOut'
	| 'timelineFocusLog'
	| 'closeTimeline'
	| HuntCommand;

/** The hunt's commands (`hunt-keys.ts`). */
export type HuntCommand = 'openHunt' | 'huntUp' | 'huntDown' | 'huntContext' | 'huntClose';

/** Help overlay sections, in the order they are shown. */
export const HELP_SECTIONS = [
	'Move',
	'Stream',
	'Filter & search',
	'Services',
	'View',
	'Timeline',
	'Detail view',
	'Consumer lag',
] as const;
export type HelpSection = (typeof HELP_SECTIONS)[number];

export type KeyBinding = {
	keys: readonly KeySpec[];
	contexts: readonly KeyContext[];
	command: Command;
	/** Extra argument, e.g. the 0-based service number for `1`-`9`. */
	argument?: number;
	/** How the key is written in help and footer, e.g. `j/↓`. Absent: not listed (a sibling row documents it). */
	label?: string;
	help?: string;
	section?: HelpSection;
	/** Short word for the footer; only bindings with one appear there. */
	footer?: string;
	/** The footer's word while the stream is paused, where it differs (Space: resume). */
	footerPaused?: string;
	/**
	 * How much the footer hint matters when the row is short of room: the lowest go first.
	 * Default 1; 3 never goes (quit, help), 2 for the keys of a focus and of finding one.
	 */
	footerPriority?: number;
	/**
	 * The key offered in words on the footer's first row: when it has nothing else to say
	 * (`idle`: `/ to filter`), or after the filters in force (`filtered`: `F clears`). Shown only
	 * where the key acts, as the footer's hints.
	 */
	prompt?: {when: FooterPromptWhen; text: string};
};

/** When the footer's first row offers a key in words (`KeyBinding.prompt`). */
export type FooterPromptWhen = 'idle' | 'filtered';

/** A resolved key press: the command and its argument. */
export type ResolvedKey = {command: Command; argument?: number};
