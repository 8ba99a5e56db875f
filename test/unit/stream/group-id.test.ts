import {describe, expect, it} from 'vitest';
import {DEFAULT_GROUP_PREFIX, defaultGroupId, resolveGroupId} from '../../../source/stream/group-id.js';

describe('defaultGroupId', () => {
	it('is prefix + host + pid + random', () => {
		expect(defaultGroupId('klog-tui-', {host: 'laptop', pid: 4242, random: () => 'abc123'})).toBe(
			'klog-tui-laptop-4242-abc123',
		);
	});

	it('uses the klog-tui- prefix by default and the real host and pid', () => {
		const id = defaultGroupId();
		expect(DEFAULT_GROUP_PREFIX).toBe('klog-tui-');
		expect(id.startsWith('klog-tui-')).toBe(true);
		expect(id).toContain(`-${process.pid}-`);
	});

	it('differs between two runs on the same host and pid', () => {
		const source = {host: 'h', pid: 1};
		expect(defaultGroupId('p-', source)).not.toBe(defaultGroupId('p-', source));
	});

	it('keeps only ACL-friendly characters of the host name', () => {
		const id = defaultGroupId('klog-tui-', {host: 'My Host/ä*name.', pid: 7, random: () => 'r'});
		expect(id).toBe('klog-tui-My-Host-name.-7-r');
		expect(id).toMatch(/^[A-Za-z0-9._-]+$/);
	});
});

describe('resolveGroupId', () => {
	it('uses an explicit --group whole', () => {
		expect(resolveGroupId({group: ' team-viewers ', groupPrefix: 'x-'})).toBe('team-viewers');
	});

	it('uses --group-prefix for the default id', () => {
		expect(resolveGroupId({groupPrefix: 'ops.'}, {host: 'h', pid: 2, random: () => 'q'})).toBe('ops.h-2-q');
	});

	it('rejects an empty --group', () => {
		expect(() => resolveGroupId({group: '  '})).toThrow('--group must not be empty');
	});
});
