/**
 * Micro-benchmark of one TUI frame, without Kafka: the real store and Ink app on a virtual
 * 200x50 terminal, 50 000 records buffered, a text filter, then batches appended at a given
 * rate while Ink draws. Prints Ink's render time per frame (p50/p99) and the time from a
 * store change to the frame that shows it. For profiling: `node --cpu-prof --import tsx ...`.
 *
 *   npx tsx bench/frame-micro.ts [--seconds 8] [--rate 20000] [--filter timeout] [--keys T]
 *
 * `--keys` are pressed before measuring, one by one (`T`: with the timeline open).
 */
// First: Ink must load as in a terminal, CI or not.
import '../tools/terminal/virtual-terminal-env.js';
import {parseArgs} from 'node:util';
import type {RawRecord} from '../source/record/log-record.js';
import {createLogStore} from '../source/store/log-store.js';
import {createStreamStatusStore} from '../source/store/stream-status-store.js';
import {createLogLineGenerator} from '../tools/load/log-lines.js';
import {percentile} from '../tools/load/measure.js';
import {createVirtualKeyboard, createVirtualTerminal} from '../tools/terminal/virtual-terminal.js';
import {startMicroApp} from './micro-app.js';

const {values: args} = parseArgs({
	options: {
		seconds: {type: 'string', default: '8'},
		rate: {type: 'string', default: '20000'},
		filter: {type: 'string', default: 'timeout'},
		columns: {type: 'string', default: '200'},
		rows: {type: 'string', default: '50'},
		keys: {type: 'string', default: ''},
	},
});
const seconds = Number(args.seconds);
const rate = Number(args.rate);
const next = createLogLineGenerator(200);
let offset = 0;
const makeRecords = (count: number): RawRecord[] =>
	Array.from({length: count}, () => {
		const at = offset++;
		return {
			topic: 'logs',
			partition: at % 6,
			offset: Math.floor(at / 6),
			timestamp: Date.now(),
			key: null,
			value: Buffer.from(next()),
			headers: {},
		};
	});

const store = createLogStore();
const status = createStreamStatusStore();
status.setConnection({kind: 'live'});
status.setPartitions(
	Array.from({length: 6}, (_, partition) => ({
		topic: 'logs',
		partition,
		offset: 0,
		highWatermark: 0,
		lag: 0,
		rate: 0,
		assigned: true,
	})),
);
for (let sent = 0; sent < 50_000; sent += 1000) store.append(makeRecords(1000));
store.setFilter({
	services: {mode: 'exclude', services: new Set()},
	minLevel: undefined,
	terms: [args.filter],
});

const terminal = createVirtualTerminal({
	columns: Number(args.columns),
	rows: Number(args.rows),
	trackScreen: false,
});
const keyboard = createVirtualKeyboard();
const {app, renderTimes} = await startMicroApp(store, status, terminal, keyboard, args.keys);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
renderTimes.length = 0;
const batch = Math.max(1, Math.round(rate / 50));
const started = performance.now();
let appendMs = 0;
while (performance.now() - started < seconds * 1000) {
	const records = makeRecords(batch);
	const before = performance.now();
	store.append(records);
	appendMs += performance.now() - before;
	await sleep(20);
}
const elapsed = (performance.now() - started) / 1000;
keyboard.press('q');
await Promise.race([app, sleep(3000)]);
const frames = [...renderTimes];
process.stdout.write(
	`${args.columns}x${args.rows}, filter ${JSON.stringify(args.filter)}, keys ${JSON.stringify(args.keys)}, ${rate} records/s for ${elapsed.toFixed(1)} s: ` +
		`${frames.length} frames (${(frames.length / elapsed).toFixed(1)}/s), render p50 ${percentile(frames, 50).toFixed(1)} ms, ` +
		`p99 ${percentile(frames, 99).toFixed(1)} ms, max ${Math.max(...frames).toFixed(1)} ms; append and draw ${((appendMs / 1000 / elapsed) * 100).toFixed(0)}% of the time\n`,
);
process.exit(0);
