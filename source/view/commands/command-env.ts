import type {LogStore, ServiceCount, ViewLine} from '../../store/log-store-types.js';
import type {StreamController} from '../../stream/stream-controller.js';
import type {ClipboardCopy} from '../../terminal-text/osc52.js';
import type {DetailRow} from '../detail-rows.js';
import type {HuntControls} from '../hunt/hunt-controls.js';
import type {Command, ResolvedKey} from '../keys/key-types.js';
import type {Layout} from '../layout.js';
import type {FooterMessage, PanePosition, ViewAction, ViewIndex, ViewState} from '../view-state.js';

/**
 * What a command handler reads and may do, and how a command runs. The app builds a
 * `CommandEnv` each frame from its state and hands a key's command to the handler map of
 * the context the key was pressed in (`context-handlers.ts`), as lazygit's controllers and
 * bubbles' key maps do: the handlers are plain functions over this, testable without React.
 */
export type CommandEnv = {
	view: ViewState;
	/** The filtered view, where the pane is in it (`selected` is where jumps start) and its page. */
	index: ViewIndex;
	position: PanePosition;
	pageSize: number;
	/** The terminal's width and this frame's panels. */
	columns: number;
	layout: Layout;
	/** The services seen so far, in list order, and the rows the services list shows. */
	services: readonly ServiceCount[];
	servicePageSize: number;
	/** The search in force (`f`), if any. */
	searchTest: ((line: ViewLine) => boolean) | undefined;
	/** The record open in the detail view (undefined when none, or it left the buffer). */
	detail: readonly DetailRow[] | undefined;
	/** The detail view's rows per page, and how far it scrolls (worked out only when asked). */
	detailPage: number;
	detailMaxScroll(): number;
	store: Pick<
		LogStore,
		| 'seqAt'
		| 'find'
		| 'viewLength'
		| 'searchMatches'
		| 'clear'
		| 'addMark'
		| 'slice'
		| 'indexOfSeq'
		| 'timeline'
	>;
	controller: StreamController;
	dispatch(action: ViewAction): void;
	/** A footer message. */
	say(text: string, tone?: FooterMessage['tone']): void;
	exit(): void;
	/** Open the prompt that saves the filter line under a name (`B`) or recalls one (`b`). */
	startSavedFilterPrompt(kind: 'saveFilter' | 'recallFilter'): void;
	/** Write the view to a file (`x`): where, and how many lines; undefined when the view is empty. */
	exportView(): Promise<{path: string; lines: number} | undefined>;
	/** Put `text` on the system clipboard (OSC 52, sanitised first): what was copied. */
	copyToClipboard(text: string): ClipboardCopy;
	/** The hunt (`H`) and the context around a match (`C`). */
	hunt: HuntControls;
	now(): number;
	/** The lag panel's groups and rows per page; undefined where no cluster is read (`L` is off). */
	lag: {groups: number; pageRows: number} | undefined;
};

/** Why a command cannot act now, said as a warning (lazygit's disabled reason); undefined: it can. */
export type Guard = (env: CommandEnv, argument: number | undefined) => string | undefined;

/** What a command does: one fixed view action (data), or code that reads the frame and acts. */
export type CommandHandler = {disabledReason?: Guard} & (
	| {action: ViewAction}
	| {run(env: CommandEnv, argument: number | undefined): void}
);

/** The commands a context handles, each with what it does. */
export type HandlerMap = Partial<Record<Command, CommandHandler>>;

/** The handlers every context has: Ctrl-C quits from anywhere. */
export const GLOBAL_HANDLERS: HandlerMap = {
	quit: {run: (env) => env.exit()},
};

/** Run a resolved key's command with this context's handlers; false when the context has none for it. */
export function runCommand(handlers: HandlerMap, env: CommandEnv, {command, argument}: ResolvedKey): boolean {
	const handler = handlers[command];
	if (!handler) return false;
	const reason = handler.disabledReason?.(env, argument);
	if (reason !== undefined) env.say(reason, 'warn');
	else if ('action' in handler) env.dispatch(handler.action);
	else handler.run(env, argument);
	return true;
}
