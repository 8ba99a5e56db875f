import {render} from 'ink-testing-library';
import {afterEach, describe, expect, it} from 'vitest';
import {App} from '../../../source/app.js';
import {parseRecord} from '../../../source/record/parse-record.js';
import {createLogStore} from '../../../source/store/log-store.js';
import type {DisposableLogStore} from '../../../source/store/log-store-types.js';
import {createStreamStatusStore} from '../../../source/store/stream-status-store.js';
import {formatPlainLine} from '../../../source/terminal-text/format-line.js';
import {initialViewState, invertServiceFilter, viewReducer} from '../../../source/view/view-state.js';
import {KEYS, press, see, step} from '../../support/terminal/app-harness.js';
import {
	frameLines,
	INFO,
	logRecord,
	plain,
	recordingController,
} from '../../support/terminal/tui-fixtures.js';

const stores: DisposableLogStore[] = [];
afterEach(() => {
	for (const store of stores.splice(0)) store.dispose();
});

type AppOptions = {topics?: string[]; serviceColours?: Record<string, string>};

function setup(options: AppOptions = {}) {
	const store = createLogStore({maxHz: 1000});
	stores.push(store);
	const status = createStreamStatusStore({maxHz: 1000});
	status.setConnection({kind: 'live'});
	const topics = options.topics ?? ['logs'];
	const services = ['api', 'billing', 'db'];
	store.append(
		Array.from({length: 12}, (_, index) => ({
			...logRecord(
				{service: services[index % 3], message: `message number ${index}`},
				{offset: 5000 + index},
			),
			topic: topics[index % topics.length]!,
		})),
	);
	const app = render(
		<App
			store={store}
			status={status}
			controller={recordingController()}
			info={{...INFO, topics}}
			width={110}
			height={24}
			serviceColours={options.serviceColours}
		/>,
	);
	return {app, store};
}

describe('inverting the service filter', {timeout: 30_000}, () => {
	it('the reducer swaps hidden and shown; nothing hidden stays as it is', () => {
		const hiding = {mode: 'exclude' as const, services: new Set(['api'])};
		expect(invertServiceFilter(hiding)).toEqual({mode: 'include', services: new Set(['api'])});
		expect(invertServiceFilter(invertServiceFilter(hiding))).toEqual(hiding);
		const none = {mode: 'exclude' as const, services: new Set<string>()};
		expect(invertServiceFilter(none)).toBe(none);
		const state = viewReducer({...initialViewState(), services: hiding}, {type: 'invertServices'});
		expect(state.services.mode).toBe('include');
	});

	it('i turns "hiding api" into "only api" in the footer, the list and the log pane', async () => {
		const {app, store} = setup();
		await see(app, (text) => expect(text).toContain('message number 11'));
		await press(app, 'i');
		await see(app, (text) => expect(text).toContain('no services hidden: nothing to invert'));
		await press(app, '1');
		await see(app, (text) => {
			expect(text).toContain('hiding api');
			expect(text).toContain('1 ○ api');
			expect(text).not.toContain('message number 9');
			expect(text).toContain('message number 10');
		});
		await press(app, 'i');
		await see(app, (text) => {
			expect(text).toContain('only api');
			expect(text).toContain('1 ● api');
			expect(text).toContain('2 ○ billing');
			expect(text).toContain('message number 9');
			expect(text).not.toContain('message number 10');
		});
		expect(store.filter.services.mode).toBe('include');
		await press(app, 'i');
		await see(app, (text) => expect(text).toContain('hiding api'));
		app.unmount();
	});

	it('the help overlay lists the key', async () => {
		const {app} = setup();
		await step(app, '?', (text) => expect(text).toContain(' Keys '));
		// 100x24 holds one column of the help: the Services section is a page or two down.
		let text = '';
		for (let page = 0; page < 3 && !text.includes('invert the service selection'); page++) {
			const before = /lines \d+-\d+/.exec(text)?.[0] ?? 'none';
			await step(app, KEYS.pageDown, (frame) => {
				text = frame;
				expect(frame).not.toContain(before);
			});
		}
		expect(text).toContain('invert the service selection');
		app.unmount();
	});
});

describe('several topics', {timeout: 30_000}, () => {
	it('the log pane shows a topic column when there are several topics, none for one', async () => {
		const several = setup({topics: ['orders-logs', 'payments-logs']});
		await see(several.app, (text) => {
			expect(text).toContain('topics orders-logs,payments-logs');
			expect(text).toMatch(/orders-logs\s+api\s+-\s+message number 0/);
			expect(text).toMatch(/payments-logs\s+billing\s+-\s+message number 1/);
		});
		several.app.unmount();
		const one = setup();
		await see(one.app, (text) => expect(text).toMatch(/\d\d:\d\d:\d\d\.\d{3} api\s+-\s+message number 0/));
		expect(plain(one.app.lastFrame())).not.toMatch(/logs\s+api/);
		one.app.unmount();
	});

	it('plain text lines carry a topic column when asked', () => {
		const record = parseRecord(
			{...logRecord({service: 'api', level: 'warn', message: 'slow'}), topic: 'audit'},
			0,
		);
		const line = formatPlainLine(record, {colour: false, topicWidth: 8});
		expect(line).toMatch(/^(\d{4}-\d\d-\d\d )?\d\d:\d\d:\d\d\.\d{3} audit {4}api {10}WARN {2}slow$/);
		expect(formatPlainLine(record, {colour: false})).not.toContain('audit');
	});
});

describe('service colours from the config file', {timeout: 30_000}, () => {
	it('the TUI draws a service in its configured colour, in the list and the log pane', async () => {
		const {app} = setup({serviceColours: {api: '#ff0000', billing: 'magenta'}});
		await see(app, (text) => expect(text).toContain('message number 11'));
		const lines = frameLines(app.lastFrame());
		const apiRow = lines.find((line) => plain(line).includes('1 ● api'));
		expect(apiRow).toContain('\x1b[38;2;255;0;0m');
		const apiLogLine = lines.find((line) => plain(line).includes('message number 9'));
		expect(apiLogLine).toContain('\x1b[38;2;255;0;0mapi');
		const billingRow = lines.find((line) => plain(line).includes('2 ● billing'));
		expect(billingRow).toContain('\x1b[35m');
		// db keeps its hashed colour, not the overrides.
		const dbRow = lines.find((line) => plain(line).includes('3 ● db'));
		expect(dbRow).not.toContain('\x1b[38;2;255;0;0m');
		app.unmount();
	});

	it('plain output takes #rrggbb and colour names', () => {
		const record = parseRecord(logRecord({service: 'api', message: 'hello'}), 0);
		const hex = formatPlainLine(record, {colour: true, colourLevel: 3, serviceColours: {api: '#00ff00'}});
		expect(hex).toContain('\x1b[38;2;0;255;0mapi');
		const named = formatPlainLine(record, {colour: true, colourLevel: 3, serviceColours: {api: 'cyan'}});
		expect(named).toContain('\x1b[36mapi');
	});
});
