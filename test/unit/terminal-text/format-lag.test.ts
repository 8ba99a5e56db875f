import {describe, expect, it} from 'vitest';
import type {GroupLag} from '../../../source/stream/consumer-lag.js';
import {lagJsonLines, lagTable} from '../../../source/terminal-text/format-lag.js';

const group = (groupId: string, totalLag: number): GroupLag => ({
	groupId,
	state: 'Stable',
	members: 2,
	totalLag,
	partitions: [{topic: 'logs', partition: 0, committed: 5, end: 5 + totalLag, lag: totalLag}],
});

describe('klog-tui lag output', () => {
	it('prints a table with the counts right-aligned, and JSON lines', () => {
		const table = lagTable([group('billing', 1200), group('audit', 0)], ['logs']).split('\n');
		expect(table[0]).toBe('GROUP    STATE   MEMBERS   LAG  PARTITIONS (topic/partition:lag)');
		expect(table[1]).toBe('billing  Stable        2  1200  logs/0:1200');
		expect(table[2]).toBe('audit    Stable        2     0  logs/0:0');
		expect(lagTable([], ['logs', 'audit'])).toBe('no consumer group has committed offsets on logs, audit\n');
		expect(JSON.parse(lagJsonLines([group('a', 3)]).trim())).toEqual(group('a', 3));
	});
});
