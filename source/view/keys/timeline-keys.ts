import {type KeyBinding, type KeyContext, MAIN_CONTEXTS} from './key-types.js';

/**
 * The rows of the key table (`../key-map.ts`) for the timeline (`T`) and the jump to a time
 * (`t`). While the timeline has the keys, the main view's keys work there too; these are its own.
 */

const TIMELINE: readonly KeyContext[] = ['timeline'];

export const TIMELINE_KEYS: readonly KeyBinding[] = [
	{
		keys: [{input: 'T'}],
		contexts: MAIN_CONTEXTS,
		command: 'toggleTimeline',
		label: 'T',
		help: 'timeline of the buffer by level (again: close)',
		section: 'Timeline',
	},
	{
		keys: [{input: 't'}],
		contexts: MAIN_CONTEXTS,
		command: 'startTimeJump',
		label: 't',
		help: 'jump to a time: 10:42, 10:42:05, -5m or ISO',
		section: 'Timeline',
	},
	{
		keys: [{special: 'leftArrow'}],
		contexts: TIMELINE,
		command: 'timelineLeft',
		label: '←/→',
		help: 'previous/next bucket (the newest follows the stream)',
		section: 'Timeline',
		footer: 'bucket',
		footerPriority: 2,
	},
	{keys: [{special: 'rightArrow'}], contexts: TIMELINE, command: 'timelineRight'},
	{
		keys: [{special: 'pageUp'}, {input: 'b', ctrl: true}],
		contexts: TIMELINE,
		command: 'timelinePageLeft',
		label: 'PgUp/PgDn',
		help: 'a screen of buckets back/forward',
		section: 'Timeline',
	},
	{keys: [{special: 'pageDown'}, {input: 'f', ctrl: true}], contexts: TIMELINE, command: 'timelinePageRight'},
	{
		keys: [{input: 'g'}, {special: 'home'}],
		contexts: TIMELINE,
		command: 'timelineOldest',
		label: 'g/G',
		help: 'oldest bucket / newest, following the stream',
		section: 'Timeline',
	},
	{keys: [{input: 'G'}, {special: 'end'}], contexts: TIMELINE, command: 'timelineNewest'},
	{
		keys: [{special: 'return'}],
		contexts: TIMELINE,
		command: 'timelinePick',
		label: 'Enter',
		help: "jump the log to the bucket's first record",
		section: 'Timeline',
		footer: 'jump',
		footerPriority: 2,
	},
	{
		keys: [{input: 'z'}, {input: '+'}],
		contexts: TIMELINE,
		command: 'timelineZoomIn',
		label: 'z/Z',
		help: 'finer/coarser buckets: 1 s, 10 s, 1 min, 10 min (also +/-)',
		section: 'Timeline',
		footer: 'zoom',
		footerPriority: 2,
	},
	{keys: [{input: 'Z'}, {input: '-'}], contexts: TIMELINE, command: 'timelineZoomOut'},
	{
		keys: [{special: 'tab'}],
		contexts: TIMELINE,
		command: 'timelineFocusLog',
		label: 'Tab',
		help: 'keys to the log pane (T: back to the timeline)',
		section: 'Timeline',
		footer: 'log',
		footerPriority: 2,
	},
	{
		keys: [{special: 'escape'}],
		contexts: TIMELINE,
		command: 'closeTimeline',
		label: 'Esc',
		help: 'close the timeline',
		section: 'Timeline',
		footer: 'close',
		footerPriority: 2,
	},
];
