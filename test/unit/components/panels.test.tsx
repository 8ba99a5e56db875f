import {render} from 'ink-testing-library';
import stringWidth from 'string-width';
import {describe, expect, it, vi} from 'vitest';
import {Header} from '../../../source/components/header.js';
import {LogPane} from '../../../source/components/log-pane.js';
import {PartitionPanel} from '../../../source/components/partition-panel.js';
import {ServiceList} from '../../../source/components/service-list.js';
import {sparkline} from '../../../source/components/sparkline.js';
import {createLogStore} from '../../../source/store/log-store.js';
import type {StreamStatus} from '../../../source/stream/stream-status.js';
import {frameLines, INFO, logRecord, plain} from '../../support/terminal/tui-fixtures.js';

async function frameOf(element: React.ReactElement): Promise<string> {
	const app = render(element);
	let frame = '';
	await vi.waitFor(() => {
		frame = app.lastFrame() ?? '';
		expect(frame).not.toBe('');
	});
	app.unmount();
	return frame;
}

const live: StreamStatus = {
	connection: {kind: 'live'},
	paused: false,
	partitions: [],
	totalLag: 0,
	topicRate: 0,
};

/** The Header's frame for a status, with the same rates and counts each time. */
function headerFrame(status: StreamStatus, width = 100, info: typeof INFO & {withoutGroup?: boolean} = INFO) {
	return frameOf(
		<Header
			info={info}
			status={status}
			rate={1500}
			rateHistory={[0, 5, 10]}
			errorHistory={[0, 0, 2]}
			buffered={12000}
			total={50000}
			width={width}
		/>,
	);
}

describe('Header', () => {
	it('shows where we read from and the connection state in each form', async () => {
		const cases: [StreamStatus, string][] = [
			[live, '● live'],
			[{...live, paused: true, totalLag: 1234}, '⏸ paused backlog 1,234'],
			[{...live, paused: true, totalLag: 1234, topicRate: 42}, '42 rec/s in topic'],
			[
				{...live, connection: {kind: 'reconnecting', reason: 'ECONNREFUSED', attempt: 3}},
				'◌ reconnecting (attempt 3): ECONNREFUSED',
			],
			[{...live, connection: {kind: 'connecting'}}, '◌ connecting'],
		];
		for (const [status, expected] of cases) {
			const frame = await headerFrame(status);
			const text = plain(frame);
			expect(text).toContain(expected);
			expect(text).toContain('topic logs');
			// Paused, nothing is consumed: the header shows the rate records arrive in the topic.
			if (status.paused) expect(text).toMatch(/ \d+ rec\/s in topic/);
			else expect(text).toContain('1500 live rec/s');
			expect(text).toContain('buffered 12,000 of 50,000');
			expect(frameLines(frame)).toHaveLength(2);
		}
	});

	it('says "no group" where the group id would be when reading without a group', async () => {
		expect(plain(await headerFrame(live, 120))).toContain('group klog-tui-test');
		const text = plain(await headerFrame(live, 120, {...INFO, withoutGroup: true}));
		expect(text).toContain('no group');
		expect(text).not.toContain('klog-tui-test');
	});

	it('paused does not hide connection trouble: both are shown, the trouble in red', async () => {
		const paused = {...live, paused: true, totalLag: 1234};
		const cases: [StreamStatus, string][] = [
			[
				{...paused, connection: {kind: 'reconnecting', reason: 'ECONNREFUSED 127.0.0.1:9092', attempt: 3}},
				'⏸ paused backlog 1,234 · ◌ reconnecting (attempt 3): ECONNREFUSED 127.0.0.1:9092',
			],
			[
				{...paused, connection: {kind: 'stopped', reason: 'group coordinator not available'}},
				'⏸ paused backlog 1,234 · ■ stopped: group coordinator not available',
			],
			[
				{...paused, connection: {kind: 'connecting', attempt: 2}},
				'⏸ paused backlog 1,234 · ◌ connecting (attempt 2)',
			],
		];
		for (const [status, expected] of cases) {
			const stateRow = frameLines(await headerFrame(status, 140))[1]!;
			expect(plain(stateRow)).toContain(expected);
			// The trouble keeps its colour (red for reconnecting and stopped), not the pause's yellow.
			if (status.connection.kind !== 'connecting') expect(stateRow).toMatch(/\x1b\[(31|91)m[◌■]/);
		}
		// Paused on a live connection: just paused, no "live" beside it.
		const quiet = await headerFrame(paused, 140);
		expect(plain(frameLines(quiet)[1])).toMatch(/⏸ paused backlog 1,234 │/);
		expect(plain(quiet)).not.toContain('live');
	});

	it('sparklines scale to the largest value', () => {
		expect(sparkline([0, 1, 2, 4, 8], 10)).toBe('▁▂▃▅█');
		expect(sparkline([3, 3], 10)).toBe('██');
		expect(sparkline([0, 0], 10)).toBe('▁▁');
		expect(sparkline([1, 2, 3], 2)).toBe('▆█');
	});
});

describe('ServiceList', () => {
	it('lists services with number keys, counts and rates; hidden ones dimmed; scrolls', async () => {
		const services = Array.from({length: 30}, (_, index) => ({
			service: `svc-${String(index).padStart(2, '0')}`,
			number: index + 1,
			count: index * 100,
			rate: index,
			history: [],
			hidden: index === 1,
		}));
		const frame = await frameOf(
			<ServiceList services={services} cursor={12} scroll={5} focused width={30} height={8} />,
		);
		const lines = frameLines(frame);
		expect(lines).toHaveLength(8);
		expect(plain(lines[0])).toContain('Services 30 (1 hidden) 6-12');
		expect(plain(lines[1])).toMatch(/6 ● svc-05\s+500\s+5\/s/);
		expect(plain(lines[4])).toMatch(/9 ● svc-08/);
		expect(plain(lines[5])).toMatch(/^\s+● svc-09/);
		const top = await frameOf(
			<ServiceList services={services} cursor={0} scroll={0} focused={false} width={30} height={4} />,
		);
		const hiddenLine = frameLines(top)[2]!;
		expect(plain(hiddenLine)).toContain('2 ○ svc-01');
		expect(hiddenLine).toContain('\x1b[2m');
	});

	it('shows each service with its own number, whatever the order, and counts in one column', async () => {
		// Sorted by name, numbered in the order they first appeared.
		const services = [
			{service: 'api', number: 3, count: 7, rate: 1, history: [1, 2], hidden: false},
			{service: 'auth', number: 1, count: 12_345, rate: 2, history: [2, 1], hidden: false},
			{service: 'payments', number: 2, count: 980, rate: 3, history: [1, 1], hidden: false},
		];
		const lines = frameLines(
			await frameOf(
				<ServiceList services={services} cursor={0} scroll={0} focused={false} width={40} height={4} />,
			),
		).map((line) => plain(line));
		expect(lines[1]).toMatch(/^ 3 ● api/);
		expect(lines[2]).toMatch(/^ 1 ● auth/);
		expect(lines[3]).toMatch(/^ 2 ● payments/);
		// The sparklines end in one column, and so do the counts.
		const sparkEnds = lines.slice(1).map((line) => line.search(/[▁-█](?=[^▁-█]*$)/));
		expect(new Set(sparkEnds).size).toBe(1);
		const countEnds = lines.slice(1).map((line) => line.search(/\d\s+[\d.]+\/s$/));
		expect(new Set(countEnds).size).toBe(1);
	});
});

describe('PartitionPanel', () => {
	it('shows offset, high watermark, lag and rate per partition', async () => {
		const frame = await frameOf(
			<PartitionPanel
				partitions={[
					{
						topic: 'logs',
						partition: 0,
						offset: 1200,
						highWatermark: 1500,
						lag: 300,
						rate: 12.5,
						assigned: true,
					},
					{topic: 'logs', partition: 1, offset: -1, highWatermark: -1, lag: 0, rate: 0, assigned: false},
				]}
				width={80}
				height={5}
			/>,
		);
		const text = plain(frame);
		expect(text).toContain('Partitions 2 · lag 300');
		expect(text).toMatch(/0\s+1,200\s+1,500\s+300\s+13/);
		expect(text).toMatch(/1\s+-\s+-\s+0\s+0\s+\(not assigned\)/);
	});
});

describe('LogPane', () => {
	it('keeps a hostile record inside the width: escapes, 10 000 characters, emoji and CJK', async () => {
		const store = createLogStore();
		store.append([
			logRecord({service: 'evil', level: 'error', message: `\x1b[2J\x1b]0;pwned\x07${'x'.repeat(10_000)}`}),
			logRecord({service: '日本語サービス', message: `😀👩‍👩‍👧 漢字テキスト ${'界'.repeat(3000)}`}),
			logRecord({service: 'api', message: 'plain'}),
		]);
		for (const wrap of [false, true]) {
			for (const width of [60, 83, 100]) {
				const height = 10;
				const frame = await frameOf(
					<LogPane
						lines={store.slice(0, 3)}
						selected={1}
						layout={{width, serviceWidth: 14, offsetWidth: 12}}
						wrap={wrap}
						following={false}
						viewLength={3}
						height={height}
					/>,
				);
				const lines = frameLines(frame);
				expect(lines.length).toBeLessThanOrEqual(height);
				for (const line of lines) expect(stringWidth(line)).toBeLessThanOrEqual(width);
				// No raw escape from the record reaches the terminal: only Ink's colour codes.
				expect(frame.replaceAll(/\x1b\[[0-9;]*m/g, '')).not.toContain('\x1b');
				// Without wrap all three lines show; with wrap the selected CJK line fills the pane.
				if (!wrap) expect(plain(frame)).toContain('\\e[2J');
				expect(plain(frame)).toContain('日本語サービス');
				expect(plain(frame)).toContain('not following — G to resume');
			}
		}
		store.dispose();
	});

	it('colours service and level per segment', async () => {
		const store = createLogStore();
		store.append([logRecord({service: 'api', level: 'warn', message: 'careful'})]);
		const frame = await frameOf(
			<LogPane
				lines={store.slice(0, 1)}
				selected={0}
				layout={{width: 80, serviceWidth: 8, offsetWidth: 0}}
				wrap={false}
				following
				viewLength={1}
				height={3}
			/>,
		);
		const line = frameLines(frame)[1]!;
		expect(plain(line)).toMatch(/api\s+WARN\s+careful/);
		// service colour, then the level colour (yellow family) just before WARN
		expect(line).toMatch(
			/\x1b\[(33|93|38;2;\d+;\d+;\d+)m\x1b\[1mWARN|\x1b\[1m\x1b\[(33|93|38;2;\d+;\d+;\d+)mWARN/,
		);
		store.dispose();
	});
});
