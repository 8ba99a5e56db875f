/**
 * The hunt on screen, on the real App: H opens the prompt (filter line and start), the
 * progress per partition shows while it runs, the matches with their offsets when it is done,
 * C opens the records around one, Esc goes back and cancels a running hunt. The runner is
 * the app's port to the session (the session itself is tested on a real broker in
 * test/integration/hunt.test.ts).
 */
import {describe, expect, it, vi} from 'vitest';
import type {LogRecord} from '../../../source/record/log-record.js';
import {parseRecord} from '../../../source/record/parse-record.js';
import type {HuntProgress} from '../../../source/stream/hunt-progress.js';
import type {HuntRunner} from '../../../source/view/hunt/hunt-runner.js';
import {ESC, fixedRecord, KEYS, press, see, setup, step} from '../../support/terminal/app-harness.js';

type Started = {
	request: Parameters<HuntRunner['start']>[0];
	listener: Parameters<HuntRunner['start']>[1];
	cancelled: boolean;
};

const record = (index: number): LogRecord => parseRecord(fixedRecord(index), 0);

function scriptedRunner() {
	const hunts: Started[] = [];
	const contexts: LogRecord[] = [];
	const runner: HuntRunner = {
		start(request, listener) {
			const hunt: Started = {request, listener, cancelled: false};
			hunts.push(hunt);
			return {
				async cancel() {
					hunt.cancelled = true;
					listener.onEnd({kind: 'cancelled'}, progress(300, 0));
				},
			};
		},
		async context(match) {
			contexts.push(match);
			return Array.from({length: 41}, (_, index) => ({
				...record(index),
				offset: match.offset - 20 + index,
			}));
		},
	};
	return {runner, hunts, contexts};
}

const progress = (scanned: number, matches: number): HuntProgress => {
	const sums = {scanned, total: 1000, records: scanned, matches, rate: 5000, etaMs: 2000};
	return {...sums, partitions: [{topic: 'logs', partition: 0, done: false, ...sums}]};
};

describe('the hunt screen', () => {
	it('H → progress per partition → matches with offsets → C context → Esc back', async () => {
		const {runner, hunts, contexts} = scriptedRunner();
		const {app} = setup({hunter: runner, height: 30});
		await see(app, (text) => expect(text).toContain('message number 39'));
		await press(app, 'H');
		await see(app, (text) => expect(text).toContain('@beginning'));
		await press(app, 'request_id=abc @beginning');
		await see(app, (text) => expect(text).toContain('Enter hunts from the beginning'));
		await press(app, KEYS.enter);
		expect(hunts).toHaveLength(1);
		expect(hunts[0]!.request.spec.terms).toEqual(['request_id=abc']);
		expect(hunts[0]!.request.start).toEqual({kind: 'beginning'});

		hunts[0]!.listener.onProgress(progress(400, 0));
		await see(app, (text) => {
			expect(text).toContain('hunting (Esc cancels)');
			expect(text).toContain('scanned 400 of 1,000 (40%), 5.0k/s, ETA 2s, 0 matches');
			expect(text).toContain('logs[0]  400/1,000  40%  5.0k/s  ETA 2s');
		});

		const match = {...record(7), partition: 0, offset: 4242, message: 'the one we want'};
		hunts[0]!.listener.onMatches([match]);
		hunts[0]!.listener.onEnd({kind: 'done'}, progress(1000, 1));
		await see(app, (text) => {
			expect(text).toContain(' Hunt  done · from the beginning · request_id=abc');
			expect(text).toContain('1 match · partition:offset');
			expect(text).toContain('0:4242');
			expect(text).toContain('the one we want');
		});

		await press(app, 'C');
		await see(app, (text) => {
			expect(text).toContain('context of logs[0] offset 4242');
			// Opened on the match, with records before and after it on screen.
			expect(text).toContain('▌0:4242');
			expect(text).toContain(' 0:4232');
			expect(text).toContain(' 0:4252');
		});
		await press(app, 'k');
		await see(app, (text) => expect(text).toContain('▌1:4241'));
		expect(contexts).toEqual([match]);

		await press(app, ESC);
		await see(app, (text) => expect(text).toContain('1 match · partition:offset'));
		await press(app, ESC);
		await see(app, (text) => expect(text).toContain('message number 39'));
	});

	it('Esc cancels a running hunt; a bad start keeps the prompt open with why', async () => {
		const {runner, hunts} = scriptedRunner();
		const {app} = setup({hunter: runner, height: 30});
		await press(app, 'H');
		await press(app, 'timeout @yesterday');
		await see(app, (text) => expect(text).toContain('@yesterday'));
		await press(app, KEYS.enter);
		expect(hunts).toHaveLength(0);
		// Each key waits for the screen to show the one before: an Esc still pending when H
		// arrives would be read with it as Alt+H.
		await step(app, ESC, (text) => expect(text).not.toContain(' hunt H '));
		await step(app, 'H', (text) => expect(text).toContain(' hunt H '));
		await step(app, 'timeout', (text) => expect(text).toContain(' hunt H timeout'));
		await press(app, KEYS.enter);
		await vi.waitFor(() => expect(hunts).toHaveLength(1));
		expect(hunts[0]!.request.start.kind).toBe('since');
		await see(app, (text) => expect(text).toContain('hunting (Esc cancels)'));
		await press(app, ESC);
		await vi.waitFor(() => expect(hunts[0]!.cancelled).toBe(true));
		await see(app, (text) => expect(text).toContain(' Hunt  cancelled'));
	});

	it('offers on its footer only keys that act there: ? opens the help over the hunt, / is not offered', async () => {
		const {runner, hunts} = scriptedRunner();
		const {app} = setup({hunter: runner, height: 30});
		await see(app, (text) => expect(text).toContain('no filters · / to filter · ? for every key'));
		await press(app, 'H');
		await press(app, 'request_id=abc @beginning');
		await press(app, KEYS.enter);
		await vi.waitFor(() => expect(hunts).toHaveLength(1));
		hunts[0]!.listener.onEnd({kind: 'done'}, progress(1000, 0));
		await see(app, (text) => {
			const [first, hints] = text.split('\n').slice(-2);
			expect(first).toBe(' no filters · ? for every key');
			expect(hints).toMatch(/^ C context +↑\/↓ move +Esc back +\? help/);
		});
		// `/` does nothing here (the log view it would filter is behind the hunt): nothing opens.
		await press(app, '/');
		await see(app, (text) => expect(text).not.toContain(' filter /'));
		await step(app, '?', (text) => expect(text).toContain('Esc or ? closes'));
		await step(app, '?', (text) => expect(text).toContain(' Hunt  done'));
		await step(app, '?', (text) => expect(text).toContain('Esc or ? closes'));
		await step(app, ESC, (text) => expect(text).toContain(' Hunt  done'));
	});

	it('says H is off without a runner (the demo, tests)', async () => {
		const {app} = setup();
		await press(app, 'H');
		await see(app, (text) => expect(text).toContain('hunting needs a Kafka topic'));
	});
});
