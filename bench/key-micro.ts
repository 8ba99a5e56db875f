/**
 * Micro-benchmark of a key's frame, without Kafka: the real store and Ink app on a virtual
 * 200x50 terminal, 50 000 records buffered, a text filter, the panels of `--keys` open, then
 * the live phase's keys (`?`, `?`, `/`, Enter) pressed at a human pace while batches are
 * appended at `--rate` (0: none). Prints the time from each key to the frame showing it
 * (p50/p99), Ink's render time per frame and how long each append took (the slice a key can
 * wait behind). On one process it is far less noisy than the live bench (no broker, no
 * producer); for profiling: `node --cpu-prof --import tsx bench/key-micro.ts`.
 *
 *   npx tsx bench/key-micro.ts [--seconds 8] [--rate 20000] [--batch 1000] [--keys T]
 */
// First: Ink must load as in a terminal, CI or not.
import '../tools/terminal/virtual-terminal-env.js';
import {parseArgs} from 'node:util';
import type {LogRecord, RawRecord} from '../source/record/log-record.js';
import {parseRecordRows} from '../source/record/parse-record.js';
import {createLogStore} from '../source/store/log-store.js';
import {createStreamStatusStore} from '../source/store/stream-status-store.js';
import {createLogLineGenerator} from '../tools/load/log-lines.js';
import {percentile} from '../tools/load/measure.js';
import {parseKeyList} from '../tools/terminal/key-list.js';
import {
	createVirtualKeyboard,
	createVirtualTerminal,
	untilScreen,
} from '../tools/terminal/virtual-terminal.js';
import {startMicroApp} from './micro-app.js';

const {values: args} = parseArgs({
	options: {
		seconds: {type: 'string', default: '8'},
		rate: {type: 'string', default: '20000'},
		/** Records per append: a batch from the worker as the time order lets it out. */
		batch: {type: 'string', default: '1000'},
		filter: {type: 'string', default: 'timeout'},
		keys: {type: 'string', default: ''},
	},
});
const seconds = Number(args.seconds);
const rate = Number(args.rate);
const batchSize = Number(args.batch);
const next = createLogLineGenerator(200);
let offset = 0;
/** Parsed beforehand, as the worker hands them over: the main thread only stores them. */
const makeRecords = (count: number): LogRecord[] => {
	const rows: LogRecord[] = [];
	for (let i = 0; i < count; i++) {
		const at = offset++;
		const raw: RawRecord = {
			topic: 'logs',
			partition: at % 6,
			offset: Math.floor(at / 6),
			timestamp: Date.now(),
			key: null,
			value: Buffer.from(next()),
			headers: {},
		};
		parseRecordRows(raw, rows);
	}
	return rows;
};

const store = createLogStore();
const status = createStreamStatusStore();
status.setConnection({kind: 'live'});
for (let sent = 0; sent < 50_000; sent += 1000) store.appendParsed(makeRecords(1000));
store.setFilter({
	services: {mode: 'exclude', services: new Set()},
	minLevel: undefined,
	terms: [args.filter],
});

const terminal = createVirtualTerminal({columns: 200, rows: 50, trackScreen: true});
const keyboard = createVirtualKeyboard();
const {app, renderTimes} = await startMicroApp(store, status, terminal, keyboard, parseKeyList(args.keys));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// Batches at the rate, each as one task (as the time order lets a batch out on its timer).
const appendTimes: number[] = [];
let appending = rate > 0;
const prepared = Array.from({length: 20}, () => makeRecords(batchSize));
let round = 0;
const feed = async () => {
	const interval = (batchSize / rate) * 1000;
	let due = performance.now();
	while (appending) {
		// Fresh offsets on the prepared records, so the store takes them as new.
		const records = prepared[round++ % prepared.length]!.map((record) => ({...record, offset: offset++}));
		const before = performance.now();
		store.appendParsed(records);
		appendTimes.push(performance.now() - before);
		due += interval;
		await sleep(Math.max(0, due - performance.now()));
	}
};
const feeding = feed();
await sleep(500);
renderTimes.length = 0;

const helpOpen = (screen: string) => screen.includes('Esc or ? closes');
const inputOpen = (screen: string) => screen.includes('Enter keep');
const steps: Array<[string, (screen: string) => boolean]> = [
	['?', helpOpen],
	['?', (screen) => !helpOpen(screen)],
	['/', inputOpen],
	['\r', (screen) => !inputOpen(screen)],
];
const keyTimes: number[] = [];
let missed = 0;
const started = performance.now();
for (let step = 0; performance.now() - started < seconds * 1000; step++) {
	const [key, test] = steps[step % steps.length]!;
	const waiting = untilScreen(terminal, test, 2000);
	keyboard.press(key);
	const ms = await waiting;
	if (ms === undefined) missed++;
	else keyTimes.push(ms);
	await sleep(80 + Math.random() * 120);
}
appending = false;
await feeding;
keyboard.press('q');
await Promise.race([app, sleep(3000)]);
const f = (value: number) => value.toFixed(1);
process.stdout.write(
	`keys ${JSON.stringify(args.keys)}, ${rate} records/s in batches of ${batchSize}: ` +
		`key p50 ${f(percentile(keyTimes, 50))} p99 ${f(percentile(keyTimes, 99))} max ${f(Math.max(...keyTimes))} ms (${keyTimes.length} keys, ${missed} missed); ` +
		`frame p50 ${f(percentile(renderTimes, 50))} p99 ${f(percentile(renderTimes, 99))} ms (${renderTimes.length}); ` +
		`append p50 ${f(percentile(appendTimes, 50))} p99 ${f(percentile(appendTimes, 99))} ms\n`,
);
process.exit(0);
