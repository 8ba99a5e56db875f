import {hostname} from 'node:os';

/** The prefix every default group id starts with, so cluster ACLs can allow `klog-tui-*`. */
export const DEFAULT_GROUP_PREFIX = 'klog-tui-';

/** Where a default group id gets its parts; injectable so tests are deterministic. */
export type GroupIdSource = {
	host?: string;
	pid?: number;
	/** Returns a random string of at least 6 characters. */
	random?: () => string;
};

/**
 * A group id unique to this run: `prefix + host + '-' + pid + '-' + random`.
 *
 * Every run gets its own consumer group, so two people watching the same topic each see
 * every record and neither takes partitions from the topic's real consumers. The host
 * part keeps only characters that are safe in ACL patterns and shell arguments.
 */
export function defaultGroupId(prefix: string = DEFAULT_GROUP_PREFIX, source: GroupIdSource = {}): string {
	const host = safeGroupPart(source.host ?? hostname()) || 'host';
	const pid = source.pid ?? process.pid;
	const random = source.random ? source.random() : Math.random().toString(36).slice(2, 10).padEnd(8, '0');
	return `${prefix}${host}-${pid}-${random}`;
}

/**
 * The group id a run uses: the explicit `--group` as it is, else a fresh default id with
 * the given prefix (`--group-prefix`). An explicit id that is empty after trimming is an error.
 */
export function resolveGroupId(
	options: {group?: string; groupPrefix?: string},
	source?: GroupIdSource,
): string {
	if (options.group !== undefined) {
		const group = options.group.trim();
		if (group.length === 0) throw new Error('--group must not be empty');
		return group;
	}
	return defaultGroupId(options.groupPrefix ?? DEFAULT_GROUP_PREFIX, source);
}

/** Keep `[A-Za-z0-9._-]`, turn anything else into `-`, collapse runs, trim dashes. */
function safeGroupPart(text: string): string {
	return text
		.replace(/[^A-Za-z0-9._-]+/g, '-')
		.replace(/-{2,}/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, 64);
}
