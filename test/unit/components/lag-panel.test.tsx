/**
 * The lag panel (`L`) in the virtual terminal: the component alone at 80 and 200 columns, and
 * through the real App with a lag source that records when it is asked to read: L opens the
 * panel and starts the reading, the keys page through the groups, Esc closes and stops it.
 */
import {render} from 'ink-testing-library';
import {describe, expect, it, vi} from 'vitest';
import {LagPanel} from '../../../source/components/lag-panel.js';
import {createLagStore} from '../../../source/store/lag-store.js';
import type {GroupLag} from '../../../source/stream/consumer-lag.js';
import type {LagSource} from '../../../source/stream/lag-source.js';
import {expectFits, footerLine, KEYS, see, setup, step} from '../../support/terminal/app-harness.js';
import {plain} from '../../support/terminal/tui-fixtures.js';

function group(groupId: string, totalLag: number, members = 1): GroupLag {
	return {
		groupId,
		state: members > 0 ? 'Stable' : 'Empty',
		members,
		totalLag,
		partitions: [0, 1].map((partition) => ({
			topic: 'logs',
			partition,
			committed: 500,
			end: 500 + (partition === 0 ? totalLag : 0),
			lag: partition === 0 ? totalLag : 0,
		})),
	};
}

/** A lag source over a real lag store, that records each `setActive`. */
function recordingSource() {
	const store = createLagStore(5000);
	const active: boolean[] = [];
	const source: LagSource = {
		snapshot: store.snapshot,
		subscribe: store.subscribe,
		setActive: (value) => active.push(value),
	};
	return {store, source, active};
}

describe('LagPanel', () => {
	it('draws the groups, their trend and the selected group within 80 and 200 columns', async () => {
		const {store} = recordingSource();
		store.setReading({groups: [group('billing', 120, 0), group('audit', 0)], unreadable: 0, time: 0});
		store.setReading({groups: [group('billing', 400, 0), group('audit', 0)], unreadable: 0, time: 10_000});
		for (const [width, height] of [
			[80, 19],
			[200, 45],
		] as const) {
			const app = render(
				<LagPanel snapshot={store.snapshot()} cursor={0} topics={['logs']} width={width} height={height} />,
			);
			await see(app, (text) => {
				expect(text).toMatch(/▸ billing +Empty +0 +400 +↑ growing +0:400 1:0/);
				expect(text).toMatch(/ {2}audit +Stable +1 +0 +→ steady +0:0 1:0/);
				expect(text).toContain('p0 500/900 lag 400');
			});
			expectFits(app.lastFrame(), width, height);
			app.unmount();
		}
	});
});

describe('L in the App', {timeout: 30_000}, () => {
	it('opens the panel and starts reading, pages through the groups, and Esc closes it and stops reading', async () => {
		const {store, source, active} = recordingSource();
		const {app} = setup({lag: source});
		await step(app, 'L', (text) => expect(text).toContain('reading the consumer groups…'));
		expect(active).toEqual([true]);
		const groups = Array.from({length: 45}, (_, index) =>
			group(`group-${String(index).padStart(2, '0')}`, 45 - index),
		);
		store.setReading({groups, unreadable: 0, time: Date.now()});
		await see(app, (text) => {
			expect(text).toMatch(/groups 1-\d+ of 45 .* page 1\/\d/);
			expect(text).toContain('▸ group-00');
			// The footer's key hints (its last row) are the panel's own.
			expect(text.split('\n').at(-1)).toContain('Esc/L close');
		});
		await step(app, KEYS.pageDown, (text) => {
			expect(text).toMatch(/page 2\//);
			expect(text).not.toContain('group-00 ');
		});
		await step(app, 'G', (text) => expect(text).toContain('▸ group-44'));
		await step(app, 'k', (text) => expect(text).toContain('▸ group-43'));
		store.setError('could not read the consumer groups: connection refused');
		await see(app, (text) =>
			expect(text).toContain(
				'✖ could not read the consumer groups: connection refused (groups as read before)',
			),
		);
		await step(app, '\u001b', (text) => expect(text).toContain('message number 39'));
		await vi.waitFor(() => expect(active).toEqual([true, false]));
	});

	it('says L is off where no cluster is read', async () => {
		const {app} = setup();
		await step(app, 'L', (text) => expect(plain(footerLine(text))).toContain('no consumer lag here'));
	});
});
