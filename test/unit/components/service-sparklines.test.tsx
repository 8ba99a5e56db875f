import {render} from 'ink-testing-library';
import {describe, expect, it, vi} from 'vitest';
import {ServiceList, serviceSparkWidth} from '../../../source/components/service-list.js';
import {bucketHistory} from '../../../source/components/sparkline.js';
import {createLogStore} from '../../../source/store/log-store.js';
import {frameLines, logRecord, plain} from '../../support/terminal/tui-fixtures.js';

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

describe('per-service sparklines', () => {
	it('bucketHistory squeezes minutes of seconds into the cells, newest last, as means', () => {
		const history = Array.from({length: 120}, (_, second) => (second >= 60 ? 10 : 0));
		expect(bucketHistory(history, 4)).toEqual([0, 0, 10, 10]);
		expect(bucketHistory([1, 2, 3, 4, 5, 6, 7], 3)).toEqual([2.5, 4.5, 6.5]);
		expect(bucketHistory([1, 2], 5)).toEqual([1, 2]);
		expect(bucketHistory([1, 2], 0)).toEqual([]);
	});

	it('the panel gives the sparkline what the name and numbers leave, up to 12 cells', () => {
		expect(serviceSparkWidth(20, 10)).toBe(0);
		expect(serviceSparkWidth(30, 10)).toBe(5);
		expect(serviceSparkWidth(80, 10)).toBe(12);
	});

	it('draws each service its own sparkline of records/s, in its colour, from the store', async () => {
		let now = Date.UTC(2024, 0, 31, 12, 0, 0);
		const store = createLogStore({now: () => now, maxHz: 1000});
		// api: steady; billing: silent, then a burst in the newest seconds.
		// Each record is written as it arrives (its Kafka time is now): live, so it is in the rates.
		const live = (fields: Record<string, unknown>) => ({...logRecord(fields), timestamp: now});
		for (let second = 0; second < 120; second++) {
			if (second > 0) now += 1000;
			store.append([live({service: 'api', message: `tick ${second}`})]);
			if (second >= 110) {
				store.append(Array.from({length: 20}, () => live({service: 'billing', message: 'burst'})));
			}
		}
		const services = store.services();
		store.dispose();
		const frame = await frameOf(
			<ServiceList services={services} cursor={0} scroll={0} focused={false} width={40} height={3} />,
		);
		const [, apiLine, billingLine] = frameLines(frame).map(plain);
		const sparkOf = (line: string | undefined) => /([▁▂▃▄▅▆▇█]+)/.exec(line ?? '')?.[1] ?? '';
		// 40 cells: marker+key+dot 5, name ≥ 8, the numbers; 12 cells of sparkline remain at most.
		const apiSpark = sparkOf(apiLine);
		const billingSpark = sparkOf(billingLine);
		expect(apiSpark.length).toBeGreaterThanOrEqual(8);
		// A steady service is a flat line; the burst is flat then high in its newest cells.
		expect(new Set(apiSpark).size).toBe(1);
		expect(billingSpark.startsWith('▁▁▁▁')).toBe(true);
		expect(billingSpark.endsWith('█')).toBe(true);
		expect(apiLine).toMatch(/1 ● api\s+[▁-█]+\s+120\s+/);
		// The sparkline is drawn in the service's colour (a truecolour escape right before it).
		const rawApi = frameLines(frame)[1] ?? '';
		expect(rawApi).toMatch(new RegExp(`\\x1b\\[38;2;\\d+;\\d+;\\d+m${apiSpark}`));
	});

	it('a narrow panel drops the sparkline rather than the name', async () => {
		const frame = await frameOf(
			<ServiceList
				services={[{service: 'pay', number: 1, count: 5, rate: 1, history: [1, 2, 3], hidden: false}]}
				cursor={0}
				scroll={0}
				focused={false}
				width={20}
				height={2}
			/>,
		);
		const line = plain(frameLines(frame)[1]);
		expect(line).toMatch(/1 ● pay\s+5\s+1\/s/);
		expect(line).not.toMatch(/[▁-█]/);
	});
});
