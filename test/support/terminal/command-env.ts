import {createLogStore} from '../../../source/store/log-store.js';
import type {DisposableLogStore} from '../../../source/store/log-store-types.js';
import {clipboardCopy} from '../../../source/terminal-text/osc52.js';
import type {CommandEnv} from '../../../source/view/commands/command-env.js';
import {computeLayout} from '../../../source/view/layout.js';
import {
	initialViewState,
	panePosition,
	type ViewAction,
	type ViewState,
} from '../../../source/view/view-state.js';
import {type RecordingController, recordingController} from './tui-fixtures.js';

/** A command env over a real store, that records what the handlers dispatched and said. */
export type TestEnv = CommandEnv & {
	store: DisposableLogStore;
	controller: RecordingController;
	dispatched: ViewAction[];
	said: {text: string; tone: string}[];
	exits: number;
	/** What the copy keys put on the clipboard. */
	copied: string[];
};

/** The env of a 100x30 terminal over `store`, in view state `view`; `overrides` win. */
export function testEnv(
	store: DisposableLogStore = createLogStore(),
	view: ViewState = initialViewState(),
	overrides: Partial<CommandEnv> = {},
): TestEnv {
	const dispatched: ViewAction[] = [];
	const said: {text: string; tone: string}[] = [];
	const index = {length: store.viewLength, seqAt: (at: number) => store.seqAt(at)};
	const env: TestEnv = {
		view,
		index,
		position: panePosition(view, index),
		pageSize: 10,
		columns: 100,
		layout: computeLayout(100, 30, view, 1),
		services: store.services(),
		servicePageSize: 5,
		searchTest: undefined,
		detail: undefined,
		detailPage: 8,
		detailMaxScroll: () => 0,
		store,
		controller: recordingController(),
		dispatch: (action) => dispatched.push(action),
		say: (text, tone = 'info') => said.push({text, tone}),
		exit: () => {
			env.exits += 1;
		},
		startSavedFilterPrompt: (kind) => dispatched.push({type: 'startInput', kind}),
		exportView: async () => undefined,
		copyToClipboard: (text) => {
			const copied = clipboardCopy(text);
			env.copied.push(copied.text);
			return copied;
		},
		now: () => Date.UTC(2024, 0, 31, 12, 0, 0),
		lag: undefined,
		dispatched,
		said,
		exits: 0,
		copied: [] as string[],
		...overrides,
	} as TestEnv;
	return env;
}
