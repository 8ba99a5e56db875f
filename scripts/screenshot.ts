/**
 * `npm run screenshot [-- --from-ansi FILE]`: docs/screenshot.png from a real run.
 *
 * 1. Starts a local Kafka broker with the harness (port 9092 when free, else a free one;
 *    temporary data; stopped at the end).
 * 2. Creates the topic `logs` (3 partitions) and starts the demo producer (`node dist/cli.js demo`).
 * 3. Runs the real TUI (`node dist/cli.js`) in tmux at 120x36, waits until every demo service
 *    has records on screen, presses `d` (a burst of demo records) and waits for the rates to have
 *    some history, then opens the partitions panel (`p`).
 * 4. Captures the screen with its colours (`tmux capture-pane -e -p`, kept in
 *    .kafka/screenshot.ansi), quits the TUI with `q` and stops the producer and the broker.
 * 5. Renders the capture to docs/screenshot.svg (tools/terminal/ansi-svg.ts) and that to
 *    docs/screenshot.png with rsvg-convert (Debian: librsvg2-bin).
 *
 * `--from-ansi FILE` skips 1-4 and renders a capture kept from an earlier run.
 */
import {type ChildProcess, spawn, spawnSync} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {setTimeout as sleep} from 'node:timers/promises';
import {parseArgs} from 'node:util';
import {createTopicIfMissing} from '../source/kafka.js';
import {isPortFree} from '../tools/kafka/free-port.js';
import {ensureJars, type KafkaCluster, KafkaSetupError, startKafka} from '../tools/kafka/kafka-broker.js';
import {repoRoot} from '../tools/kafka/kafka-jars.js';
import {parseAnsiScreen, renderSvg} from '../tools/terminal/ansi-svg.js';
import {shellQuote, startTmux, type TmuxTerminal} from '../tools/terminal/tmux.js';

const COLUMNS = 120;
const ROWS = 36;
const TOPIC = 'logs';
/** The SVG's title, as README.md's alt text says. */
const TITLE = 'klog-tui on live demo logs';
/** The demo's default services: each has its own message templates (source/demo-logs/demo-log-generator.ts). */
const SERVICES = ['api', 'auth', 'payments', 'worker'];
/**
 * After every service shows up: time for the rates and sparklines to fill in, with a burst of
 * demo records (the `d` key) in the middle, so the sparklines show a spike and the error rate moves.
 */
const SETTLE_BEFORE_BURST_MS = 20_000;
const SETTLE_AFTER_BURST_MS = 25_000;
/** The port of the README's examples, when it is free; else any free port. */
const PREFERRED_PORT = 9092;

const cli = path.join(repoRoot, 'dist', 'cli.js');
const docsDir = path.join(repoRoot, 'docs');
const svgPath = path.join(docsDir, 'screenshot.svg');
const pngPath = path.join(docsDir, 'screenshot.png');
const capturePath = path.join(repoRoot, '.kafka', 'screenshot.ansi');
const say = (line: string) => process.stderr.write(`screenshot: ${line}\n`);
const relative = (file: string) => path.relative(repoRoot, file);

/** Stop a child: SIGTERM, then SIGKILL if it is still there after `ms`. */
async function stopChild(child: ChildProcess | undefined, ms = 5000): Promise<void> {
	if (!child || child.exitCode !== null || child.signalCode !== null) return;
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	child.kill('SIGTERM');
	const timer = setTimeout(() => child.kill('SIGKILL'), ms);
	await exited;
	clearTimeout(timer);
}

/** The row of the services column that names `service` with a count, e.g. ` 1 ● api   42  2.0/s`. */
function showsService(screen: string, service: string): boolean {
	return new RegExp(`[●○] ${service}\\s.*?\\d+\\s+[\\d.]+k?/s`).test(screen);
}

/** What runs while capturing, for the cleanup (also on Ctrl-C). */
let cluster: KafkaCluster | undefined;
let producer: ChildProcess | undefined;
let terminal: TmuxTerminal | undefined;

async function cleanUp(): Promise<void> {
	terminal?.kill();
	await stopChild(producer);
	if (cluster) {
		say('stopping the broker...');
		await cluster.stop();
	}
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
	process.once(signal, () => {
		say(`${signal}: stopping...`);
		void cleanUp().finally(() => process.exit(130));
	});
}

/** Runs broker, producer and TUI; returns the captured screen (SGR colours included). */
async function captureLiveScreen(): Promise<string> {
	try {
		say('starting a local Kafka broker...');
		await ensureJars({onDownload: say});
		const port = (await isPortFree(PREFERRED_PORT)) ? PREFERRED_PORT : undefined;
		cluster = await startKafka({quickStart: true, ...(port === undefined ? {} : {port})});
		const bootstrap = cluster.bootstrap;
		say(`Kafka ${cluster.version} is ready at ${bootstrap}`);
		await createTopicIfMissing({brokers: [bootstrap]}, TOPIC, {partitions: 3});

		const producerLog = path.join(repoRoot, '.kafka', 'screenshot-producer.log');
		fs.mkdirSync(path.dirname(producerLog), {recursive: true});
		const logFd = fs.openSync(producerLog, 'w');
		producer = spawn(
			process.execPath,
			[
				cli,
				'demo',
				'--brokers',
				bootstrap,
				'--topic',
				TOPIC,
				'--rate',
				'3',
				'--services',
				SERVICES.join(','),
			],
			{stdio: ['ignore', logFd, logFd]},
		);
		fs.closeSync(logFd);
		// A few seconds of backlog, so the TUI opens on a full log pane (it starts with the last 200).
		await sleep(5000);
		if (producer.exitCode !== null) throw new Error(`the demo producer exited; see ${relative(producerLog)}`);

		// 256 colours, as in most terminals: the service palette is made of xterm cube values.
		terminal = await startTmux({columns: COLUMNS, rows: ROWS, cwd: repoRoot, env: {TERM: 'xterm-256color'}});
		terminal.run(
			`clear; exec node ${[cli, '--brokers', bootstrap, '--topic', TOPIC].map(shellQuote).join(' ')}`,
		);
		say('TUI started; waiting for every service to show up...');
		await terminal.waitFor(
			(screen) => screen.includes('● live') && SERVICES.every((service) => showsService(screen, service)),
			60_000,
		);
		await sleep(SETTLE_BEFORE_BURST_MS);
		await terminal.press('d');
		await sleep(SETTLE_AFTER_BURST_MS);
		// The partitions panel (offsets and lag per partition) is off by default: show it too.
		await terminal.press('p');
		await terminal.waitFor(/Partitions \d/, 10_000);
		await sleep(1500);
		const capture = terminal.screenWithEscapes();
		await terminal.press('q');
		await sleep(1500);
		return capture;
	} finally {
		await cleanUp();
	}
}

/** Whether DejaVu Sans Mono (the SVG's first font, with box-drawing and block glyphs) is installed. */
function hasDejaVuMono(): boolean {
	const list = spawnSync('fc-list', [':family=DejaVu Sans Mono'], {encoding: 'utf8'});
	return !list.error && list.stdout.trim() !== '';
}

async function main(): Promise<number> {
	const {values} = parseArgs({
		options: {'from-ansi': {type: 'string'}, scale: {type: 'string', default: '2'}},
		strict: true,
	});
	let capture: string;
	if (values['from-ansi']) {
		capture = fs.readFileSync(values['from-ansi'], 'utf8');
	} else {
		if (!fs.existsSync(cli)) {
			say('dist/cli.js is missing: run `npm run build` first (npm run screenshot does).');
			return 1;
		}
		capture = await captureLiveScreen();
		fs.mkdirSync(path.dirname(capturePath), {recursive: true});
		fs.writeFileSync(capturePath, capture);
		say(`captured the screen (kept in ${relative(capturePath)}; re-render with --from-ansi)`);
	}

	fs.mkdirSync(docsDir, {recursive: true});
	fs.writeFileSync(
		svgPath,
		renderSvg(parseAnsiScreen(capture, {columns: COLUMNS, rows: ROWS}), {title: TITLE}),
	);
	say(`wrote ${relative(svgPath)}`);
	if (!hasDejaVuMono()) {
		say(
			'DejaVu Sans Mono is not installed, so another font draws the PNG (apt-get install fonts-dejavu-core).',
		);
	}
	// --zoom 2: sharp on high-density screens; GitHub scales it down to the page's width.
	const convert = spawnSync('rsvg-convert', ['--zoom', values.scale!, '--output', pngPath, svgPath], {
		encoding: 'utf8',
	});
	if (convert.error) {
		say(
			`rsvg-convert is missing, so no PNG (the SVG is kept): install it with ` +
				'`apt-get install -y --no-install-recommends librsvg2-bin` (Debian/Ubuntu) or `brew install librsvg`.',
		);
		return 1;
	}
	if (convert.status !== 0) {
		say(`rsvg-convert failed: ${convert.stderr.trim()}`);
		return 1;
	}
	say(`wrote ${relative(pngPath)}`);
	return 0;
}

main().then(
	(code) => process.exit(code),
	(error: unknown) => {
		const message =
			error instanceof KafkaSetupError || error instanceof Error ? error.message : String(error);
		say(message.split('\n')[0]!);
		process.exit(1);
	},
);
