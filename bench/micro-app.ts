import type {LogStore} from '../source/store/log-store-types.js';
import type {StreamController} from '../source/stream/stream-controller.js';
import type {StreamStatusStore} from '../source/stream/stream-status.js';
import {runTui} from '../source/tui/screen.js';
import type {createVirtualKeyboard, VirtualTerminal} from '../tools/terminal/virtual-terminal.js';

/** A controller for the micro-benchmarks' app: no Kafka behind it, every call does nothing. */
export const idleController: StreamController = {
	pause() {},
	resume() {},
	paused: false,
	async seek() {},
	producePermission: {allowed: false, reason: 'bench'},
	async sendDemoBurst() {
		return 0;
	},
	async quit() {},
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The real app over `store` on a virtual terminal, as the frame and key micro-benchmarks run it:
 * on screen after a second, then `keys` pressed one by one (the panels to have open). Ink's
 * render time of every frame goes to `renderTimes`.
 */
export async function startMicroApp(
	store: LogStore,
	status: StreamStatusStore,
	terminal: VirtualTerminal,
	keyboard: ReturnType<typeof createVirtualKeyboard>,
	keys: Iterable<string>,
): Promise<{app: Promise<void>; renderTimes: number[]}> {
	const renderTimes: number[] = [];
	const app = runTui({
		store,
		status,
		controller: idleController,
		info: {topics: ['logs'], brokers: ['127.0.0.1:9092'], groupId: 'bench'},
		stdout: terminal.stdout,
		stdin: keyboard.stdin,
		onRender: ({renderTime}) => renderTimes.push(renderTime),
	});
	await sleep(1000);
	for (const key of keys) {
		keyboard.press(key);
		await sleep(200);
	}
	return {app, renderTimes};
}
