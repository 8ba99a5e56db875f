import {describe, expect, it} from 'vitest';
import {
	ESC,
	expectFits,
	footerLine,
	press,
	see,
	selectedNumber,
	setup,
	step,
} from '../../support/terminal/app-harness.js';
import {
	frameLines,
	logRecord,
	plain,
	recordingController,
	settle,
	widestLine,
} from '../../support/terminal/tui-fixtures.js';

describe('App', {timeout: 30_000}, () => {
	it('draws header, services, newest log lines and footer within the terminal', async () => {
		const {app, width, height} = setup();
		await see(app, (text) => expect(text).toContain('message number 39'));
		const frame = app.lastFrame();
		const text = plain(frame);
		expect(text).toContain('topic logs');
		expect(text).toContain('127.0.0.1:9092');
		expect(text).toContain('klog-tui-test');
		expect(text).toContain('● live');
		expect(text).toContain('buffered 40');
		expect(text).toMatch(/1 ● api\s+[▁-█]*\s+14/);
		expect(text).toMatch(/2 ● billing\s+[▁-█]*\s+13/);
		expect(text).not.toContain('message number 10\n');
		expect(text).toContain('following');
		expect(text).toContain('q quit');
		expectFits(frame, width, height);
		expect(frameLines(frame).length).toBe(height);
		app.unmount();
	});

	it('colours levels: error lines carry red', async () => {
		const {app} = setup();
		await see(app, (text) => expect(text).toContain('ERROR'));
		const errorLine = frameLines(app.lastFrame()).find((line) => plain(line).includes('ERROR'));
		expect(errorLine).toMatch(new RegExp(`${ESC}\\[(31|91|38;2;\\d+;\\d+;\\d+)m`));
		app.unmount();
	});

	it('scrolling up stops following and says so; g goes to the top; G resumes', async () => {
		const {app} = setup();
		await see(app, (text) => expect(text).toContain('message number 39'));
		await press(app, 'k');
		await see(app, (text) => expect(text).toContain('not following — G to resume'));
		await press(app, 'g');
		await see(app, (text) => expect(text).toContain('message number 0\n'));
		await press(app, 'G');
		await see(app, (text) => {
			expect(text).toContain('following');
			expect(text).not.toContain('not following');
			expect(text).toContain('message number 39');
		});
		app.unmount();
	});

	it('number keys hide a service; a shows all again', async () => {
		const {app} = setup();
		await see(app, (text) => expect(text).toContain('message number 39'));
		await press(app, '1');
		await see(app, (text) => {
			expect(text).toContain('hiding api');
			expect(text).toContain('1 ○ api');
			expect(text).not.toMatch(/api\s+(INFO|WARN|ERROR|DEBUG)/);
		});
		await press(app, 'a');
		await see(app, (text) => {
			expect(text).not.toContain('hiding api');
			expect(text).toMatch(/api\s+(INFO|WARN|ERROR|DEBUG)/);
		});
		app.unmount();
	});

	it('Tab focuses services: arrows, Enter toggles, s solos', async () => {
		const {app} = setup();
		await see(app, (text) => expect(text).toContain('message number 39'));
		await press(app, '\t');
		await see(app, (text) => expect(text).toContain('▶1 ● api'));
		await press(app, `${ESC}[B`);
		await see(app, (text) => expect(text).toContain('▶2 ● billing'));
		await press(app, 's');
		await see(app, (text) => {
			expect(text).toContain('only billing');
			expect(text).not.toMatch(/\bapi\s+(INFO|WARN|ERROR|DEBUG)/);
		});
		await press(app, 's');
		await see(app, (text) => expect(text).not.toContain('only billing'));
		await press(app, '\r');
		await see(app, (text) => expect(text).toContain('hiding billing'));
		app.unmount();
	});

	it('/ filters live as you type; Enter keeps, Esc clears', async () => {
		const {app} = setup();
		await see(app, (text) => expect(text).toContain('message number 39'));
		await press(app, '/');
		await see(app, (text) => expect(text).toContain('filter / '));
		await press(app, 'number 3');
		await see(app, (text) => {
			expect(text).toContain('filter / number 3');
			expect(text).toContain('message number 39');
			expect(text).not.toContain('message number 28');
		});
		await press(app, '\r');
		await see(app, (text) => expect(text).toContain('filter number 3'));
		await press(app, '/');
		await see(app, (text) => expect(text).toContain('filter / number 3'));
		await press(app, ESC);
		await see(app, (text) => {
			expect(text).toContain('message number 28');
			expect(text).toContain('no filters');
		});
		app.unmount();
	});

	it('keys read together (typed while the app was busy) are each taken, in order', async () => {
		const {app} = setup();
		await see(app, (text) => expect(text).toContain('message number 39'));
		// One read: / opens the filter, the text goes into it, DEL erases, Enter commits.
		await press(app, '/number 3x\x7f\r');
		await see(app, (text) => {
			expect(text).toContain('filter number 3');
			expect(text).not.toContain('filter / ');
			expect(text).not.toContain('message number 28');
		});
		// Keys read one by one but before the app drew the first: each sees the one before.
		app.stdin.write('/');
		app.stdin.write('n');
		app.stdin.write('u');
		app.stdin.write('m');
		await see(app, (text) => expect(text).toContain('filter / number 3num'));
		await press(app, ESC);
		await see(app, (text) => expect(text).toContain('no filters'));
		// Keys: l three times (minimum level trace, debug, then info).
		await press(app, 'lll');
		await see(app, (text) => expect(text).toContain('level ≥ info'));
		// The filter opens with its text: zz is typed after it, Ctrl-U clears it all.
		await press(app, '/zz\x15');
		await see(app, (text) => {
			expect(text).toContain('filter / ');
			expect(text).not.toContain('number 3zz');
		});
		await press(app, ESC);
		await see(app, (text) => {
			expect(text).toContain('level ≥ info');
			expect(text).not.toMatch(/filter (\/ |number)/);
		});
		app.unmount();
	});

	it('shows dates in the time column while a line on screen is not from today', async () => {
		const {app, store} = setup({records: 0});
		store.append([logRecord({service: 'api', message: 'from today', time: Date.now()}, {offset: 1})]);
		await see(app, (text) => {
			expect(text).toMatch(/\d\d:\d\d:\d\d\.\d{3} api\s+-\s+from today/);
			expect(text).not.toMatch(/\d{4}-\d\d-\d\d \d\d:/);
		});
		store.append([
			logRecord({service: 'api', message: 'from last year', time: Date.UTC(2025, 0, 31, 12)}, {offset: 2}),
		]);
		await see(app, (text) => {
			expect(text).toMatch(/2025-01-31 \d\d:\d\d:\d\d\.\d{3} api\s+-\s+from last year/);
			expect(text).toMatch(/\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} api\s+-\s+from today/);
		});
		app.unmount();
	});

	it('l cycles the minimum level', async () => {
		const {app} = setup();
		await see(app, (text) => expect(text).toContain('message number 39'));
		await press(app, 'l');
		await see(app, (text) => expect(text).toContain('level ≥ trace'));
		await press(app, 'l');
		await see(app, (text) => expect(text).toContain('level ≥ debug'));
		await press(app, 'l');
		await see(app, (text) => expect(text).toContain('level ≥ info'));
		await press(app, 'l');
		await see(app, (text) => {
			expect(text).toContain('level ≥ warn');
			expect(text).not.toMatch(/\b(INFO|DEBUG)\b/);
		});
		app.unmount();
	});

	it('E jumps to the previous error and Enter opens its detail view; Esc goes back', async () => {
		const {app} = setup();
		await see(app, (text) => expect(text).toContain('message number 39'));
		await press(app, 'E');
		await see(app, (text) => expect(text).toContain('not following'));
		await press(app, '\r');
		await see(app, (text) => {
			expect(text).toContain('Record');
			expect(text).toContain('value (JSON)');
			expect(text).toContain('"message": "message number 38"');
			expect(text).toContain('offset 1038');
			expect(text).toContain('key        k38');
		});
		await press(app, ESC);
		await see(app, (text) => expect(text).toContain('Logs'));
		app.unmount();
	});

	it('in the detail view Enter filters on the chosen field', {timeout: 20_000}, async () => {
		const {app} = setup();
		await see(app, (text) => expect(text).toContain('message number 39'));
		await press(app, '\r');
		await see(app, (text) => expect(text).toContain('value (JSON)'));
		// Fields in order: service, level, message, userId, time.
		for (let index = 0; index < 3; index++) await press(app, 'j');
		await press(app, '\r');
		await see(app, (text) => {
			expect(text).toContain('filter userId=39');
			expect(text).toContain('Logs 1 line ');
		});
		app.unmount();
	});

	it('space pauses and resumes through the controller', async () => {
		const {app, controller} = setup();
		await see(app, (text) => expect(text).toContain('message number 39'));
		await press(app, ' ');
		await see(app, (text) => expect(text).toContain('paused'));
		await press(app, ' ');
		await see(app, (text) => expect(text).toContain('resumed'));
		expect(controller.calls).toEqual(['pause', 'resume']);
		app.unmount();
	});

	it('while paused the title says so with the backlog, and the footer offers Space resume', async () => {
		const {app, status} = setup();
		await see(app, (text) => {
			expect(text).toContain('· following');
			expect(text).toMatch(/Space pause/);
		});
		await press(app, ' ');
		// The stream controller marks the status paused (session/create-stream-controller.ts); the harness's does not.
		status.setPaused(true);
		await see(app, (text) => {
			// The harness's partitions have 8 + 0 records of lag.
			expect(text).toContain('paused, 8 records behind — Space resumes');
			expect(text).not.toContain('· following');
			expect(text).toMatch(/Space resume/);
			expect(text).toMatch(/rec\/s in topic/);
		});
		await press(app, ' ');
		status.setPaused(false);
		await see(app, (text) => {
			expect(text).toContain('· following');
			expect(text).toMatch(/Space pause/);
		});
		app.unmount();
	});

	it('d sends a demo burst when allowed, and says why not otherwise', async () => {
		const allowed = setup();
		await see(allowed.app, (text) => expect(text).toContain('message number 39'));
		await press(allowed.app, 'd');
		await see(allowed.app, (text) => expect(text).toContain('sent 50 demo records'));
		expect(allowed.controller.calls).toContain('demo');
		allowed.app.unmount();

		const refused = setup({
			controller: recordingController({
				allowed: false,
				reason: 'brokers are not on loopback; use --allow-produce',
			}),
		});
		await see(refused.app, (text) => expect(text).toContain('message number 39'));
		await press(refused.app, 'd');
		await see(refused.app, (text) =>
			expect(text).toContain('demo sends disabled: brokers are not on loopback; use --allow-produce'),
		);
		expect(refused.controller.calls).not.toContain('demo');
		refused.app.unmount();
	});

	it('c clears the view but keeps the counts; m drops a mark', async () => {
		const {app} = setup();
		await see(app, (text) => expect(text).toContain('message number 39'));
		await press(app, 'c');
		await see(app, (text) => {
			expect(text).toContain('0 lines');
			expect(text).toMatch(/1 ● api\s+[▁-█]*\s+14/);
		});
		await press(app, 'm');
		await see(app, (text) => expect(text).toContain('── mark'));
		app.unmount();
	});

	it('p shows partitions, o adds partition:offset, w wraps', async () => {
		const {app} = setup();
		await see(app, (text) => expect(text).toContain('message number 39'));
		await press(app, 'p');
		await see(app, (text) => {
			expect(text).toContain('Partitions');
			expect(text).toMatch(/0\s+41\s+50\s+8\s+3/);
		});
		await press(app, 'o');
		await see(app, (text) => expect(text).toContain('1:1039'));
		await press(app, 'w');
		await see(app, (text) => expect(text).toContain('· wrap'));
		app.unmount();
	});

	it('f searches: matches counted and highlighted, N jumps to the previous match', async () => {
		const {app} = setup();
		await see(app, (text) => expect(text).toContain('message number 39'));
		await press(app, 'f');
		await see(app, (text) => expect(text).toContain('search f'));
		await press(app, 'number 2');
		await press(app, '\r');
		await see(app, (text, frame) => {
			expect(text).toContain('11 matches');
			expect(text).toContain('search number 2');
			expect(frame).toContain(`${ESC}[43m`);
		});
		await press(app, 'N');
		await see(app, (text) => expect(text).toContain('not following'));
		app.unmount();
	});

	it('n right after a search goes round to the oldest match, and n/N say which match of how many', async () => {
		const {app} = setup();
		await see(app, (text) => expect(text).toContain('message number 39'));
		await press(app, 'f');
		await press(app, 'number 2');
		await press(app, '\r');
		await see(app, (text) => expect(text).toContain('11 matches'));
		// Following, the newest line is selected: there is no later match, so n wraps.
		await step(app, 'n', (text) => {
			expect(selectedNumber(text)).toBe(2);
			expect(footerLine(text)).toContain('match 1 of 11 (wrapped)');
		});
		await step(app, 'n', (text) => {
			expect(selectedNumber(text)).toBe(20);
			expect(footerLine(text)).toContain('match 2 of 11');
			expect(footerLine(text)).not.toContain('wrapped');
		});
		await step(app, 'N', (text) => expect(footerLine(text)).toContain('match 1 of 11'));
		await step(app, 'N', (text) => {
			expect(selectedNumber(text)).toBe(29);
			expect(footerLine(text)).toContain('match 11 of 11 (wrapped)');
		});
		app.unmount();
	});

	it('? shows the help generated from the key map', async () => {
		const {app, width, height} = setup({height: 42});
		await see(app, (text) => expect(text).toContain('message number 39'));
		await press(app, '?');
		await see(app, (text) => {
			expect(text).toContain('Keys');
			expect(text).toContain('pause/resume the stream');
			expect(text).toContain('show/hide the service with');
		});
		expectFits(app.lastFrame(), width, height);
		await press(app, '?');
		await see(app, (text) => expect(text).not.toContain('pause/resume the stream'));
		app.unmount();
	});

	it('a too-small terminal shows one line saying so, in a frame as tall as the terminal', async () => {
		const {app} = setup({width: 50, height: 10});
		await see(app, (text) => expect(text).toContain('Terminal too small (50x10)'));
		// Like every frame it fills the terminal (Ink then draws the next one on a cleared screen).
		const lines = frameLines(app.lastFrame());
		expect(lines.length).toBe(10);
		expect(lines.slice(1).every((line) => line.trim() === '')).toBe(true);
		expect(widestLine(app.lastFrame())).toBeLessThanOrEqual(50);
		app.unmount();
	});

	it('no frame is taller or wider than the terminal, whatever is toggled', {timeout: 60_000}, async () => {
		for (const [width, height] of [
			[60, 12],
			[100, 30],
			[73, 17],
		] as const) {
			const {app} = setup({width, height, records: 300});
			await see(app, (text) => expect(text).toContain('Logs 300 lines'));
			for (const key of ['p', 'o', 'w', 'k', '?', '?', '\t', 'j', '\t', '\r', ESC, 'r', ESC, '/', ESC]) {
				await press(app, key);
				await settle(30);
				expectFits(app.lastFrame(), width, height);
			}
			app.unmount();
		}
	});

	it('q exits the app', async () => {
		const {app, store} = setup();
		await see(app, (text) => expect(text).toContain('message number 39'));
		await press(app, 'q');
		await settle(200);
		// After exit Ink has unmounted: the store has no subscriber left that redraws.
		const before = app.lastFrame();
		store.append([logRecord({service: 'api', message: 'after quit'})]);
		await settle(200);
		expect(app.lastFrame()).toBe(before);
		expect(plain(before)).not.toContain('after quit');
	});
});
